public import Foundation

/// Finds and reads the sources of a content folder.
///
/// Layout: `gazettes/NAME/*.txt` are issues of the gazette NAME; `documents/*.txt` are documents outside
/// any issue. Beside any `FILE.txt`, an optional `FILE.json` sidecar supplies facts the text lacks.
public struct ContentScanner: Sendable {
    public var contentFolder: URL
    /// How the folder is named in messages, e.g. `Content`.
    public var displayName: String

    /// Which sources to read (by relative path); all when `nil`.
    public var selection: (@Sendable (String) -> Bool)?
    /// Told when reading a source starts and ends.
    public var progress: SourceProgress?

    public init(contentFolder: URL, displayName: String) {
        self.contentFolder = contentFolder
        self.displayName = displayName
    }

    public struct Result: Sendable {
        public var sources: [Source]
        public var diagnostics: [Diagnostic]
    }

    /// The sources of the folder (those `selection` accepts), found but not read, and the files refused.
    public struct Listing: Sendable {
        public var paths: [String]
        public var diagnostics: [Diagnostic]
    }

    /// Finds the sources without reading them; an error when the content folder is missing.
    public func list() throws -> Listing {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentFolder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SourceError("content folder not found", at: SourceLocation(file: displayName, line: 0))
        }
        let (paths, refused) = textFiles()
        return Listing(paths: paths.filter { selection?($0) ?? true }, diagnostics: refused)
    }

    /// The file of the source at `relativePath`.
    func file(of relativePath: String) -> URL { contentFolder.appendingPathComponent(relativePath) }

    /// How messages name the source at `relativePath`: `Content/gazettes/wulong/2022-03.txt`.
    func displayPath(of relativePath: String) -> String { displayName + "/" + relativePath }

    /// Reads and decodes the source at `relativePath`, with its sidecar: the source, or the errors that kept it
    /// from being read; notes on its decoding either way.
    public func read(_ relativePath: String) -> (source: Source?, diagnostics: [Diagnostic]) {
        let displayPath = displayPath(of: relativePath)
        progress?.started(relativePath)
        defer { progress?.finished(relativePath) }
        var diagnostics: [Diagnostic] = []
        do {
            let file = file(of: relativePath)
            let decoded = try SourceTextDecoder.decode(SourceFile.bytes(at: file), file: displayPath)
            if let note = decoded.note {
                diagnostics.append(.warning(note, at: SourceLocation(file: displayPath, line: 0)))
            }
            let metadata = try sidecar(for: relativePath)
            let source = Source(relativePath: relativePath, displayPath: displayPath,
                                kind: metadata.kind ?? Self.kind(of: relativePath, text: decoded.text),
                                text: decoded.text, metadata: metadata, file: file)
            return (source, diagnostics)
        } catch let error as SourceError {
            diagnostics.append(error.diagnostic)
        } catch {
            diagnostics.append(.error("cannot read: \(ReadableError.describe(error))",
                                      at: SourceLocation(file: displayPath, line: 0)))
        }
        return (nil, diagnostics)
    }

    /// Finds and reads every source, on all cores; sources and messages in the order of their paths.
    public func scan() throws -> Result {
        let listing = try list()
        let sources = listing.paths.concurrentMap { self.read($0) }
        return Result(sources: sources.compactMap(\.source),
                      diagnostics: listing.diagnostics + sources.flatMap(\.diagnostics))
    }

    /// Every `.txt` file under the folder, sorted, as relative paths; hidden files are skipped.
    ///
    /// A symbolic link (to a file or a folder) that leads outside the content folder is refused with an error
    /// naming it, so that no file of the machine is published through a link; a link to a file or folder inside
    /// the content folder is followed.
    func textFiles() -> (paths: [String], diagnostics: [Diagnostic]) {
        let root = contentFolder.resolvedPath
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = [root]
        func walk(_ relativeFolder: String) {
            let folder = relativeFolder.isEmpty ? contentFolder : contentFolder.appendingPathComponent(relativeFolder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let relativePath = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                let url = folder.appendingPathComponent(name)
                guard name.utf8.count <= SourceMetadata.maximumNameLength else {
                    diagnostics.append(.error("name is \(name.utf8.count) bytes long; the addresses of the site allow at most "
                                              + "\(SourceMetadata.maximumNameLength), so it is not read",
                                              at: SourceLocation(file: displayName + "/" + relativePath, line: 0)))
                    continue
                }
                var isFolder: ObjCBool = false
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
                if isLink {
                    let target = url.resolvedPath
                    guard target == root || URL.isPath(target, inside: root), FileManager.default.fileExists(atPath: target) else {
                        let problem = FileManager.default.fileExists(atPath: target) ? "leads outside the content folder" : "leads nowhere"
                        diagnostics.append(.error("symbolic link \(problem) (to \(target)); it is not read, so that no file "
                                                  + "outside the content folder is published",
                                                  at: SourceLocation(file: displayName + "/" + relativePath, line: 0)))
                        continue
                    }
                }
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    // A link inside the folder is followed once: a link back up would otherwise loop.
                    guard visited.insert(url.resolvedPath).inserted else { continue }
                    walk(relativePath)
                } else if name.hasSuffix(".txt") {
                    // Reading a pipe or a device would block or never end.
                    let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvedPath))?[.type] as? FileAttributeType
                    guard type == .typeRegular else {
                        diagnostics.append(.error("not a regular file (a pipe, socket or device); it is not read",
                                                  at: SourceLocation(file: displayName + "/" + relativePath, line: 0)))
                        continue
                    }
                    paths.append(relativePath)
                }
            }
        }
        walk("")
        return (paths.sorted(), diagnostics)
    }

    /// Whether the file at `relativePath` is inside the content folder once its links are resolved.
    func staysInside(_ relativePath: String) -> Bool {
        URL.isPath(contentFolder.appendingPathComponent(relativePath).resolvedPath, inside: contentFolder.resolvedPath)
    }

    /// The metadata of the source at `relativePath` from its sidecar (none when it has none).
    func sidecar(for relativePath: String) throws(SourceError) -> SourceMetadata {
        let sidecarPath = String(relativePath.dropLast(4)) + ".json"
        let url = contentFolder.appendingPathComponent(sidecarPath)
        guard FileManager.default.fileExists(atPath: url.path) else { return SourceMetadata() }
        guard staysInside(sidecarPath) else {
            throw SourceError("symbolic link leads outside the content folder (to \(url.resolvedPath)); it is not read",
                              at: SourceLocation(file: displayName + "/" + sidecarPath, line: 0))
        }
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
