import Foundation

/// The pages an output folder has now, asked by address (`documents/武隆府办发-2022-44/`): whether
/// `ADDRESS/index.html` is there. Each folder the addresses are in is listed once, when first asked about, so that
/// asking for each of thousands of documents costs a look-up instead of a file-system call; only an address whose
/// folder is listed is checked for its page.
final class PublishedPages {
    private let output: URL
    private var listed: [String: Set<String>] = [:]

    init(output: URL) {
        self.output = output
    }

    func hasPage(at address: String) -> Bool {
        let folder = address.hasSuffix("/") ? address.dropLast() : Substring(address)
        let slash = folder.lastIndex(of: "/")
        let parent = slash.map { String(folder[..<$0]) } ?? ""
        let name = String(slash.map { folder[folder.index(after: $0)...] } ?? folder)
        if listed[parent] == nil {
            let url = parent.isEmpty ? output : output.appendingPathComponent(parent, isDirectory: true)
            listed[parent] = Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        }
        guard !name.isEmpty, listed[parent, default: []].contains(name) else { return false }
        return FileManager.default.fileExists(atPath: output.appendingPathComponent(folder + "/index.html").path)
    }
}
