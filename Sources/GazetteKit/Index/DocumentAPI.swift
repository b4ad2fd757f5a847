public import Foundation

/// The JSON API: `api/documents/ID.json` for each document, with its facts, its structure (the id, printed label
/// and title of each part, from the model) and its text, and `api/catalog.json`, the catalog of them all.
///
/// The shape is documented in the README and by the JSON Schemas in `docs/api/`, which the browser test run
/// validates every file against. Keys are sorted, so two builds give the same bytes.
public enum DocumentAPI {
    struct IssueFacts: Encodable {
        var gazette: String
        /// The gazette's folder name: `wulong`.
        var gazetteId: String
        var year: Int
        var number: Int
        var totalNumber: Int?
        var published: CalendarDate?
        var url: String
    }

    struct SourceFacts: Encodable {
        /// The path inside the content folder.
        var path: String
        /// The original-text page, at the document's first line.
        var url: String
        var text: String
        var firstLine: Int
    }

    struct Links: Encodable {
        var cites: [String]
        var citedBy: [String]
        var related: [String]
        var copies: [String]
        var copyOf: String?
        var repealedBy: String?
    }

    struct Part: Encodable {
        var id: String
        var kind: String
        var label: String?
        var title: String?
        var firstLine: Int
        var lastLine: Int
        var parts: [Part]?
    }

    struct DocumentFile: Encodable {
        var id: String
        var url: String
        var title: String
        var docNumber: String?
        var issuer: String?
        var issuerMark: String?
        var date: CalendarDate?
        var recipients: String?
        var noticeTitle: String?
        var disclosure: String?
        var note: String?
        var tocPage: Int?
        var attachments: [String]
        var signatures: [String]
        var issue: IssueFacts?
        var source: SourceFacts
        var links: Links
        var parts: [Part]
        var text: String
    }

    /// `api/documents/ID.json`.
    public static func path(for id: String) -> String { "api/documents/\(id).json" }

    /// `api/catalog.json`: ``CatalogJSON`` again, where programs look for it.
    public static let catalogPath = "api/catalog.json"

    /// A document's file of the API: its facts, links, parts and whole text. It is made when the document's page is
    /// (``SiteRenderer/render(_:reusing:write:documentMade:)``), with the document's parts in place, and kept with it.
    public static func data(for published: PublishedDocument, issue: PublishedIssue?) throws -> Data {
        try encode(file(for: published, issue: issue))
    }

    static func file(for published: PublishedDocument, issue: PublishedIssue?) -> DocumentFile {
        let document = published.document
        var facts: IssueFacts?
        if let issue {
            let masthead = issue.issue.masthead
            facts = IssueFacts(gazette: masthead.gazette, gazetteId: issue.gazetteSlug, year: masthead.year, number: masthead.number,
                               totalNumber: masthead.totalNumber, published: masthead.published, url: folder(issue.path))
        }
        var seen: Set<String> = []
        let cites = document.links.citations.compactMap(\.target).filter { seen.insert($0).inserted }
        return DocumentFile(
            id: document.id, url: folder(published.path), title: document.title, docNumber: document.number?.description,
            issuer: document.issuer, issuerMark: document.issuerMark, date: document.date, recipients: document.recipients,
            noticeTitle: document.noticeTitle, disclosure: document.disclosure, note: published.note, tocPage: document.tocPage,
            attachments: document.attachments, signatures: document.signatures, issue: facts,
            source: SourceFacts(path: published.sourceRelativePath, url: Site.sourcePath(for: published.sourceRelativePath) + "#L\(document.location.line)",
                                text: Site.plainTextPath(for: published.sourceRelativePath), firstLine: document.location.line),
            links: Links(cites: cites, citedBy: document.links.citedBy, related: document.links.related, copies: document.links.copies,
                         copyOf: document.links.copyOf, repealedBy: document.links.repealedBy),
            parts: parts(of: document.body + document.annex), text: DocumentPlainText.text(of: document))
    }

    /// The addressable parts, nested as printed in boxes; paragraphs are text, not parts.
    static func parts(of blocks: [Block]) -> [Part] {
        blocks.compactMap { block in
            let kind: String
            var title: String? = block.text
            switch block.kind {
            case .heading: kind = "heading"
            case .article: kind = "article"; title = nil
            case .box: kind = "box"
            case .table: kind = "table"; title = nil
            case .contents: kind = "contents"; title = nil
            case .paragraph: return nil
            }
            let children = parts(of: block.children)
            return Part(id: block.id.fragment, kind: kind, label: block.label, title: title, firstLine: block.line,
                        lastLine: block.lastLine, parts: children.isEmpty ? nil : children)
        }
    }

    /// `documents/x/index.html` → `documents/x/`: the address without the file a server finds by itself.
    static func folder(_ path: String) -> String {
        path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    static func encode(_ value: some Encodable) throws -> Data {
        try SortedJSONEncoder.file(value)
    }
}
