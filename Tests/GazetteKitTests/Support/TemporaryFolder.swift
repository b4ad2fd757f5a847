import Foundation
import GazetteKit

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init(_ name: String = "gazette-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func write(_ data: Data, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Reads, parses and links the sources written under `Content/` with the sample templates, as a build would.
    func prepareSite() throws -> SiteBuilder.Prepared {
        let options = SiteBuilder.Options(content: url.appendingPathComponent("Content"), templates: Samples.templates,
                                          output: url.appendingPathComponent("Output"), contentDisplayName: "Content")
        return try SiteBuilder(options: options).prepare()
    }

    /// Every file below the folder with its bytes, keyed by relative path.
    func snapshot(of folder: String) throws -> [String: Data] {
        let root = url.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
        for case let path as String in enumerator {
            var isFolder: ObjCBool = false
            let file = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: file)
            }
        }
        return files
    }
}

extension Data {
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
