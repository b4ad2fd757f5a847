import Foundation

/// What the pages of an issue, a document and a source are made from, so that a rebuild keeps the page of the
/// last build when that did not change: a fingerprint of the values the page's function reads, in the compact
/// encoding (``CompactEncoder``). What the parser made of a source is named by its parse key
/// (``Site/parseKeys``), which determines it; what later steps changed (ids, links, gazette names) is taken as
/// it is now. What every page reads (the site's title and settings, the templates, the program) is in
/// ``SiteRenderer/PageInputs/siteInputs(of:templates:)`` and invalidates all pages at once.
///
/// Each value below must hold everything its page function reads: a field the page shows but its inputs lack
/// would leave an old page in place. `IncrementalOutputTests` compares rebuilds with full builds to catch that.
extension SiteRenderer {
    /// The inputs of the pages of one build, by page path, and what they have in common.
    public struct PageInputs: Sendable, Codable, Equatable {
        public var site: String
        public var pages: [String: String] = [:]

        /// Site-wide inputs: the site's title and the settings pages show, the templates, the program.
        public static func siteInputs(of site: Site, templates: TemplateSet) -> String {
            let configuration = site.configuration
            return ["gazette page inputs 1", BuildInputs.programIdentity(), templates.fingerprint.description, site.title,
                    configuration.baseURL ?? "-", configuration.language, configuration.description ?? "-"]
                .joined(separator: "\n")
        }
    }

    /// A document's page (``document(_:issue:site:)``): the document (as parsed, then its id and links), the
    /// other documents it names, its issue and its neighbours there. The document's file of the JSON API
    /// (``DocumentAPI/file(for:issue:)``) is kept with its page, so this also holds everything that file reads.
    private struct DocumentPage: Encodable {
        struct IssueFacts: Encodable {
            var masthead: Masthead
            var slug: String
            var path: String
            var previous: Neighbour?
            var next: Neighbour?
        }

        struct Neighbour: Encodable {
            var id: String
            var title: String
        }

        var parseKey: String
        var position: Int
        var id: String
        var links: DocumentLinks
        var issueReference: PublishedDocument.IssueReference?
        var note: String?
        var sourceRelativePath: String
        /// The documents it names (by id, sorted), each with the fingerprint of its summary (``Work/summaryInputs``).
        var named: [String]
        var issue: IssueFacts?
    }

    /// An issue's page (``issue(_:site:)``): the issue as parsed, then its masthead (gazette names of the settings)
    /// and its contents' links, and the id, title and 发文字号 of each document (their texts are not shown).
    private struct IssuePage: Encodable {
        struct Listing: Encodable {
            var id: String
            var title: String
            var number: DocumentNumber?
        }

        var parseKey: String
        var masthead: Masthead
        var tableOfContents: [TableOfContentsEntry]
        var slug: String
        var path: String
        var documents: [Listing]
    }

    /// A source's page (``source(_:documents:issue:site:)``): its text, the documents made from it and its issue.
    private struct SourcePage: Encodable {
        struct Listing: Encodable {
            var title: String
            var path: String
        }

        var parseKey: String
        var documents: [Listing]
        var issue: IssueFacts?

        struct IssueFacts: Encodable {
            var masthead: Masthead
            var slug: String
            var path: String
        }
    }

    /// The path of a document's page and the fingerprint of its inputs.
    func inputs(ofDocument index: Int, work: Work) -> (path: String, inputs: String)? {
        let site = work.site
        let published = work.documents[index]
        guard let parseKey = site.parseKeys[published.sourceRelativePath] else { return nil }
        let links = published.document.links
        let ids = links.citations.compactMap(\.target) + links.citedBy + links.related + links.copies
            + [links.copyOf, links.repealedBy].compactMap { $0 }
        let named = Set(ids).sorted().map { id in "\(id) \(work.summaryInputs[id] ?? "-")" }
        var facts: DocumentPage.IssueFacts?
        var position = 0
        if let issue = published.issue.flatMap({ work.issueByPath[$0.path] }) {
            let documents = issue.issue.documents
            guard let found = documents.firstIndex(where: { $0.id == published.document.id }) else { return nil }
            position = found
            func neighbour(_ index: Int) -> DocumentPage.Neighbour? {
                guard documents.indices.contains(index) else { return nil }
                return DocumentPage.Neighbour(id: documents[index].id, title: documents[index].title)
            }
            facts = DocumentPage.IssueFacts(masthead: issue.issue.masthead, slug: issue.gazetteSlug, path: issue.path,
                                            previous: neighbour(found - 1), next: neighbour(found + 1))
        }
        let value = DocumentPage(parseKey: parseKey, position: position, id: published.document.id, links: links,
                                 issueReference: published.issue, note: published.note,
                                 sourceRelativePath: published.sourceRelativePath, named: named, issue: facts)
        return Self.fingerprint(value, path: published.path)
    }

    /// The path of the one page a job makes and the fingerprint of its inputs; nil for the jobs made every time
    /// (home page, redirects, search and look-up pages, feeds and sitemap: few files, made from the whole site) and
    /// for the documents' pages, which have theirs one by one (``inputs(ofDocument:work:)``).
    func inputs(of job: Job, work: Work) -> (path: String, inputs: String)? {
        let site = work.site
        let value: any Encodable
        let path: String
        switch job {
        case .issue(let index):
            let published = site.issues[index]
            guard let parseKey = site.parseKeys[published.sourceRelativePath] else { return nil }
            let issue = published.issue
            let listings = issue.documents.map { IssuePage.Listing(id: $0.id, title: $0.title, number: $0.number) }
            value = IssuePage(parseKey: parseKey, masthead: issue.masthead, tableOfContents: issue.tableOfContents,
                              slug: published.gazetteSlug, path: published.path, documents: listings)
            path = published.path
        case .source(let index):
            let source = site.sources[index]
            guard let parseKey = site.parseKeys[source.relativePath] else { return nil }
            let documents = (work.documentsBySource[source.relativePath] ?? []).map {
                SourcePage.Listing(title: $0.document.title, path: $0.path)
            }
            let issue = work.issueBySource[source.relativePath].map {
                SourcePage.IssueFacts(masthead: $0.issue.masthead, slug: $0.gazetteSlug, path: $0.path)
            }
            value = SourcePage(parseKey: parseKey, documents: documents, issue: issue)
            path = Site.sourcePath(for: source.relativePath)
        case .documents, .home, .redirects, .numberLookup, .search, .webFiles:
            return nil
        }
        return Self.fingerprint(value, path: path)
    }

    /// What a page that names a document reads of it (its summary), as a fingerprint: made once for all pages.
    static func summaryInputs(of site: Site) -> [String: String] {
        let summaries = Array(site.summaries)
        let fingerprints = summaries.concurrentMap { fingerprint(of: $0.value) }
        return Dictionary(uniqueKeysWithValues: zip(summaries.map(\.key), fingerprints))
    }

    private static func fingerprint(_ value: some Encodable, path: String) -> (path: String, inputs: String) {
        (path, fingerprint(of: value))
    }

    private static func fingerprint(of value: some Encodable) -> String {
        guard let bytes = try? CompactEncoder().encode(value) else {
            preconditionFailure("the inputs of a page are plain values and always encode")
        }
        return ContentFingerprint(bytes: bytes).description
    }
}
