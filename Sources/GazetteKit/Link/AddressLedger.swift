public import Foundation

/// Every address the site has published, kept in a text file in the content folder
/// (`Content/addresses.tsv`) that the publisher commits: once published, an address stays.
///
/// One row a line, fields separated by tabs:
///
///     document  documents/wu-long-fu-ban-fa-2022-44/  武隆府办发〔2022〕44号  gazettes/wulong/2022-03.txt  关于…的通知
///     issue     gazettes/wulong/2022-03/              wulong 2022 3          gazettes/wulong/2022-03.txt
///     redirect  documents/武隆府办发-2022-44/          documents/wu-long-fu-ban-fa-2022-44/
///
/// A document row names what the address was given to: its 发文字号 (empty when it has none), its
/// source and its title. Lines starting with `#` are comments.
public struct AddressLedger: Sendable, Equatable {
    public struct Entry: Sendable, Hashable {
        public enum Kind: String, Sendable { case document, issue }

        public var kind: Kind
        /// The folder of the page, ending in `/`: `documents/wu-long-fu-ban-fa-2022-44/`.
        public var address: String
        /// For a document, its 发文字号 as printed canonically; for an issue, `GAZETTE YEAR NUMBER`.
        public var key: String
        public var source: String
        public var title: String
        /// The line of the ledger file it was read from (0 for a new entry).
        public var line: Int

        public init(kind: Kind, address: String, key: String, source: String, title: String = "", line: Int = 0) {
            self.kind = kind
            self.address = address
            self.key = key
            self.source = source
            self.title = title
            self.line = line
        }
    }

    public struct Redirect: Sendable, Hashable {
        public var from: String
        public var to: String
        public var line: Int

        public init(from: String, to: String, line: Int = 0) {
            self.from = from
            self.to = to
            self.line = line
        }
    }

    public var entries: [Entry] = []
    public var redirects: [Redirect] = []

    public init(entries: [Entry] = [], redirects: [Redirect] = []) {
        self.entries = entries
        self.redirects = redirects
    }

    public static let fileName = "addresses.tsv"

    /// Reads a ledger; rows that cannot be read are reported with their line and left out.
    public static func read(_ text: String, file: String) -> (ledger: AddressLedger, diagnostics: [Diagnostic]) {
        var ledger = AddressLedger()
        var diagnostics: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let location = SourceLocation(file: file, line: index + 1)
            func fail(_ message: String) { diagnostics.append(.error("address ledger: \(message)", at: location)) }
            guard let kind = fields.first else { continue }
            switch kind {
            case "document", "issue":
                guard fields.count >= 4 else { fail("a \(kind) row needs an address, a key and a source"); continue }
                guard isAddress(fields[1]) else { fail("\"\(fields[1])\" is not an address (a folder path ending in /)"); continue }
                ledger.entries.append(Entry(kind: kind == "issue" ? .issue : .document, address: fields[1], key: fields[2],
                                            source: fields[3], title: fields.count > 4 ? fields[4] : "", line: index + 1))
            case "redirect":
                guard fields.count == 3, isAddress(fields[1]), isAddress(fields[2]) else {
                    fail("a redirect row is `redirect<TAB>old address/<TAB>new address/`")
                    continue
                }
                ledger.redirects.append(Redirect(from: fields[1], to: fields[2], line: index + 1))
            default:
                fail("unknown row kind \"\(kind)\" (document, issue or redirect)")
            }
        }
        return (ledger, diagnostics)
    }

    /// Reads the ledger file if there is one.
    public static func read(contentsOf url: URL, displayPath: String) throws -> (ledger: AddressLedger, diagnostics: [Diagnostic])? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            return (AddressLedger(), [.error("address ledger is not UTF-8 text; fix or delete it",
                                            at: SourceLocation(file: displayPath, line: 1))])
        }
        return read(text, file: displayPath)
    }

    /// The ledger as a file: documents, issues and redirects, each sorted by address, so that two
    /// builds write the same bytes and a change shows as a small diff.
    public var text: String {
        var lines = [
            "# Every address this site has published. gazette adds to it on each build; commit it with the content.",
            "# An address in it never moves: delete a row only for a page that should disappear.",
        ]
        for entry in entries.sorted(by: { ($0.kind.rawValue, $0.address) < ($1.kind.rawValue, $1.address) }) {
            lines.append([entry.kind.rawValue, entry.address, entry.key, entry.source, entry.title]
                .map(Self.field).joined(separator: "\t"))
        }
        for redirect in redirects.sorted(by: { $0.from < $1.from }) {
            lines.append(["redirect", redirect.from, redirect.to].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func == (lhs: AddressLedger, rhs: AddressLedger) -> Bool { lhs.text == rhs.text }

    private static func field(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    static func isAddress(_ text: String) -> Bool {
        text.hasSuffix("/") && !text.hasPrefix("/") && !text.containsText("..") && !text.containsText("//")
            && !text.contains(where: { $0 == "\\" || $0 == "?" || $0 == "#" || $0.isWhitespace })
    }
}
