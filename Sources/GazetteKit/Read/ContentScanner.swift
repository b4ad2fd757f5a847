public import Foundation

/// Finds and reads the sources of a content folder.
///
/// Layout: `gazettes/NAME/*.txt` are issues of the gazette NAME; `documents/*.txt` are documents outside
/// any issue. Beside any `FILE.txt`, an optional `FILE.json` sidecar supplies facts the text lacks.
public struct ContentScanner: Sendable {
    public var contentFolder: URL
    /// How the folder is named in messages, e.g. `Content`.
    public var displayName: String

    public init(contentFolder: URL, displayName: String) {
        self.contentFolder = contentFolder
        self.displayName = displayName
    }

    public struct Result: Sendable {
        public var sources: [Source]
        public var diagnostics: [Diagnostic]
    }

    public func scan() throws -> Result {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentFolder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SourceError("content folder not found", at: SourceLocation(file: displayName, line: 0))
        }
        var sources: [Source] = []
        var diagnostics: [Diagnostic] = []
        for relativePath in textFiles() {
            let displayPath = displayName + "/" + relativePath
            do {
                let bytes = try [UInt8](Data(contentsOf: contentFolder.appendingPathComponent(relativePath)))
                let decoded = try SourceTextDecoder.decode(bytes, file: displayPath)
                if let note = decoded.note { diagnostics.append(.warning(note, at: SourceLocation(file: displayPath, line: 0))) }
                let metadata = try sidecar(for: relativePath)
                sources.append(Source(relativePath: relativePath, displayPath: displayPath,
                                      kind: metadata.kind ?? Self.kind(of: relativePath, text: decoded.text),
                                      text: decoded.text, metadata: metadata))
            } catch let error as SourceError {
                diagnostics.append(error.diagnostic)
            } catch {
                diagnostics.append(.error("cannot read: \(error.localizedDescription)", at: SourceLocation(file: displayPath, line: 0)))
            }
        }
        return Result(sources: sources, diagnostics: diagnostics)
    }

    /// Every `.txt` file under the folder, sorted, as relative paths; hidden files are skipped.
    func textFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: contentFolder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".txt") {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            paths.append(path)
        }
        return paths.sorted()
    }

    private func sidecar(for relativePath: String) throws(SourceError) -> SourceMetadata {
        let sidecarPath = String(relativePath.dropLast(4)) + ".json"
        let url = contentFolder.appendingPathComponent(sidecarPath)
        guard FileManager.default.fileExists(atPath: url.path) else { return SourceMetadata() }
        return try SourceMetadata.load(from: url, displayPath: displayName + "/" + sidecarPath)
    }

    nonisolated(unsafe) private static let issueNumber = /[0-9〇零一二三四五六七八九]{4}\s*年\s*第\s*[0-9一二三四五六七八九十]+\s*期/
    /// `gazettes/…` holds issues, `documents/…` single documents; elsewhere a masthead line
    /// such as `2022年第3期` near the top tells an issue.
    static func kind(of relativePath: String, text: String) -> SourceMetadata.Kind {
        if relativePath.hasPrefix("gazettes/") { return .issue }
        if relativePath.hasPrefix("documents/") { return .document }
        let head = text.split(separator: "\n", maxSplits: 40).prefix(40).joined()
        return head.contains(issueNumber) ? .issue : .document
    }
}
