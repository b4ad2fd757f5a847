import Foundation

/// Renders every page of a site to HTML: documents through Markdown and cmark-gfm, the other pages
/// straight from their HTML templates, each inside the layout.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    let anchor: AnchorMarkup

    public init(templates: TemplateSet) throws {
        self.templates = templates
        self.anchor = try AnchorMarkup(templates: templates)
    }

    /// A page: where it goes and what it holds.
    public struct Page: Sendable {
        public var path: String
        public var html: String
    }

    public func pages(for site: Site) throws -> [Page] {
        let work = Work(site: site)
        return try work.jobs.concurrentMap { job in
            var pages: [Page] = []
            try make(job, work: work) { pages.append($0) }
            return pages
        }.flatMap { $0 }
    }

    /// Pages of the last build that a render may keep instead of making them again.
    public struct PageReuse: Sendable {
        /// What the last build's pages were made from.
        public var previous: PageInputs
        /// Keeps the last build's file at a path as it is; false when it has none.
        public var keep: @Sendable (String) -> Bool
        /// Keeps the last build's other files made with a document's page (``render(_:reusing:write:documentMade:)``);
        /// false when it has none of them.
        public var keepDocumentFiles: @Sendable (PublishedDocument) -> Bool

        public init(previous: PageInputs, keep: @escaping @Sendable (String) -> Bool,
                    keepDocumentFiles: @escaping @Sendable (PublishedDocument) -> Bool = { _ in true }) {
            self.previous = previous
            self.keep = keep
            self.keepDocumentFiles = keepDocumentFiles
        }
    }

    /// What a render did: pages made or kept, and what each page was made from, for the next build.
    public struct Rendered: Sendable {
        public var pages: Int
        public var kept: Int
        /// The paths of the pages kept from the last build.
        public var keptPaths: Set<String>
        public var inputs: PageInputs
    }

    /// Renders every page and hands each to `write` as soon as it is made, on all cores, so that only the pages
    /// being made are held in memory. The first error `write` throws (in page order) is thrown once all are done.
    /// A page whose inputs are those of the last build's page (`reusing`, with the same site-wide inputs) is kept.
    /// Each document whose page is made is handed to `documentMade` with its parts in place (they are read back once
    /// for both), for the other files made from it.
    public func render(
        _ site: Site, reusing reuse: PageReuse? = nil, write: @Sendable (Page) throws -> Void,
        documentMade: @Sendable (PublishedDocument, PublishedIssue?) throws -> Void = { _, _ in }
    ) throws -> Rendered {
        let work = Work(site: site)
        let siteInputs = PageInputs.siteInputs(of: site, templates: templates)
        let previous = reuse.flatMap { $0.previous.site == siteInputs ? $0.previous.pages : nil }
        @Sendable func isKept(_ inputs: (path: String, inputs: String)?, document: PublishedDocument? = nil) -> Bool {
            guard let inputs, let previous, let reuse, previous[inputs.path] == inputs.inputs else { return false }
            return reuse.keep(inputs.path) && (document.map(reuse.keepDocumentFiles) ?? true)
        }
        // The pages of a huge source (its original text, and its document's page) take several times its size
        // while they are made: one at a time, or a 200 MB document's two pages are made at once.
        let hugePages = NSLock()
        typealias PageOutcome = (kept: Bool, inputs: (path: String, inputs: String)?)
        let results = try work.jobs.concurrentMap { job -> (pages: Int, outcomes: [PageOutcome]) in
            func make(making: [Int]? = nil) throws -> Int {
                var count = 0
                func made(_ page: Page) throws {
                    try write(page)
                    count += 1
                }
                guard work.isHuge(job) else {
                    try self.make(job, work: work, making: making, documentMade: documentMade, write: made)
                    return count
                }
                try hugePages.withLock {
                    // What the page's making freed goes back to the system before the next huge page is made.
                    defer { FreedMemory.giveBack() }
                    try self.make(job, work: work, making: making, documentMade: documentMade, write: made)
                }
                return count
            }
            guard case .documents(let run) = job else {
                let inputs = self.inputs(of: job, work: work)
                if isKept(inputs) { return (0, [(true, inputs)]) }
                return (try make(), [(false, inputs)])
            }
            // The documents of one source: the parts of those whose pages are made are read back together.
            let outcomes = work.documentRuns[run].map { index -> PageOutcome in
                let inputs = self.inputs(ofDocument: index, work: work)
                return (isKept(inputs, document: work.documents[index]), inputs)
            }
            let making = zip(work.documentRuns[run], outcomes).filter { !$0.1.kept }.map(\.0)
            return (try make(making: making), outcomes)
        }
        var inputs = PageInputs(site: siteInputs)
        let outcomes = results.flatMap(\.outcomes)
        for case let (path, fingerprint)? in outcomes.map(\.inputs) { inputs.pages[path] = fingerprint }
        let keptPaths = Set(outcomes.lazy.filter(\.kept).compactMap { $0.inputs?.path })
        return Rendered(pages: results.reduce(0) { $0 + $1.pages } + keptPaths.count, kept: keptPaths.count,
                        keptPaths: keptPaths, inputs: inputs)
    }

    /// Sources of at least this many bytes make huge pages (``render(_:write:)``).
    static let hugeSourceBytes = 16 << 20

    /// A piece of the rendering: one page, the pages of one source's documents (a run of ``Work/documentRuns``), or a
    /// few small pages made together.
    enum Job: Sendable {
        case home, issue(Int), documents(Int), source(Int), redirects, numberLookup, search, webFiles
    }

    /// The site with the look-ups its pages need, made once for all jobs.
    struct Work: Sendable {
        var site: Site
        /// `site.documents`, gathered once (the property gathers them anew on each call).
        var documents: [PublishedDocument]
        var issueByPath: [String: PublishedIssue]
        var documentsBySource: [String: [PublishedDocument]]
        /// The documents of each source: runs of ``documents``, an issue's in printed order.
        var documentRuns: [Range<Int>]
        /// The fingerprint of each document's summary, by id (``SiteRenderer/summaryInputs(of:)``).
        var summaryInputs: [String: String]
        var issueBySource: [String: PublishedIssue]
        var jobs: [Job]
        /// The relative paths of the sources of ``SiteRenderer/hugeSourceBytes`` or more.
        var hugeSources: Set<String>

        init(site: Site) {
            self.site = site
            documents = site.documents
            issueByPath = Dictionary(site.issues.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            documentsBySource = Dictionary(grouping: documents, by: \.sourceRelativePath)
            issueBySource = Dictionary(site.issues.map { ($0.sourceRelativePath, $0) }, uniquingKeysWith: { first, _ in first })
            documentRuns = PublishedDocument.runsBySource(documents)
            summaryInputs = SiteRenderer.summaryInputs(of: site)
            jobs = [.home] + site.issues.indices.map(Job.issue) + documentRuns.indices.map(Job.documents)
                + site.sources.indices.map(Job.source) + [.redirects, .numberLookup, .search, .webFiles]
            hugeSources = Set(site.sources.filter { $0.textBytes >= SiteRenderer.hugeSourceBytes }
                .map(\.relativePath))
        }

        /// Whether a job makes the page of a huge source or of a document from one.
        func isHuge(_ job: Job) -> Bool {
            switch job {
            case .issue(let index): hugeSources.contains(site.issues[index].sourceRelativePath)
            case .documents(let run): hugeSources.contains(documents[documentRuns[run].lowerBound].sourceRelativePath)
            case .source(let index): hugeSources.contains(site.sources[index].relativePath)
            case .home, .redirects, .numberLookup, .search, .webFiles: false
            }
        }
    }

    /// Makes the pages of a job and hands each to `write` as it is made. Of a source's documents, those at `making`
    /// (places in ``Work/documents``; all by default), with their parts read back together; each is handed to
    /// `documentMade` before its page is made.
    private func make(
        _ job: Job, work: Work, making: [Int]? = nil,
        documentMade: (PublishedDocument, PublishedIssue?) throws -> Void = { _, _ in },
        write: (Page) throws -> Void
    ) throws {
        if case .documents(let run) = job {
            let documents = (making ?? Array(work.documentRuns[run])).map { work.documents[$0] }
            for published in try work.site.storedParts.withParts(documents) {
                let issue = published.issue.flatMap { work.issueByPath[$0.path] }
                try documentMade(published, issue)
                try write(document(published, issue: issue, site: work.site))
            }
            return
        }
        for page in try pages(of: job, work: work) { try write(page) }
    }

    /// The pages of a job other than a source's documents (``make(_:work:making:documentMade:write:)``).
    private func pages(of job: Job, work: Work) throws -> [Page] {
        let site = work.site
        switch job {
        case .home: return [home(site)]
        case .issue(let index): return [issue(site.issues[index], site: site)]
        case .documents:
            var pages: [Page] = []
            try make(job, work: work) { pages.append($0) }
            return pages
        case .source(let index):
            let source = site.sources[index]
            return [try self.source(source, documents: work.documentsBySource[source.relativePath] ?? [],
                                issue: work.issueBySource[source.relativePath], site: site)]
        case .redirects: return site.redirects.map { redirect($0, site: site) }
        case .numberLookup: return [numberLookup(site)]
        case .search: return [search(site)]
        case .webFiles: return webFiles(for: site)
        }
    }

    /// `number.html`: a 发文字号 typed in any form leads to its document (`number.html?n=…` links straight to it).
    func numberLookup(_ site: Site) -> Page {
        let path = "number.html"
        let content = templates.render(["root": RelativeURL.root(from: path)], with: .number)
        return layout(content, title: "按发文字号查找", path: path, pageClass: "number", breadcrumbs: [("首页", "index.html")], site: site,
                      meta: PageMeta(description: site.configuration.description ?? site.title))
    }

    /// The page left at an address that moved: it sends the reader on, keeping the part linked to.
    func redirect(_ redirect: Site.Redirect, site: Site) -> Page {
        let path = redirect.from + "index.html"
        let context: [String: Any] = [
            "target": RelativeURL.link(from: path, to: redirect.to + "index.html"),
            "root": RelativeURL.root(from: path), "siteName": site.title,
        ]
        return Page(path: path, html: templates.render(context, with: .redirect))
    }

    /// What a page tells machines about itself: description, Open Graph type, JSON-LD.
    struct PageMeta {
        var description: String
        /// `article` for documents, `website` for the others.
        var ogType = "website"
        var jsonLD: String?
        /// The way to the site's root when it is not the relative one (404.html).
        var root: String?
        var noindex = false
        /// Extra values for the layout (the previous and next document of an issue, …).
        var extra: [String: Any] = [:]
    }

    func layout(_ content: String, title: String, path: String, pageClass: String, breadcrumbs: [(label: String, target: String)],
                site: Site, meta: PageMeta) -> Page {
        let root = meta.root ?? RelativeURL.root(from: path)
        var context: [String: Any] = [
            "title": title,
            "siteName": site.title,
            "root": root,
            "content": content,
            "pageClass": pageClass,
            "hasBreadcrumbs": !breadcrumbs.isEmpty,
            "breadcrumbs": breadcrumbs.map { ["label": $0.label, "url": root + $0.target] },
            "language": site.configuration.language,
            "ogLocale": String(site.configuration.language.map { $0 == "-" ? "_" : $0 }),
            "description": meta.description,
            "ogType": meta.ogType,
            "noindex": meta.noindex,
        ]
        if !meta.noindex, let canonical = AbsoluteURL.page(path, in: site) { context["canonical"] = canonical }
        if let jsonLD = meta.jsonLD { context["jsonLD"] = jsonLD }
        if site.configuration.baseURL != nil { context["feedURL"] = root + "feeds/all.xml" }
        context.merge(meta.extra) { $1 }
        return Page(path: path, html: templates.render(context, with: .layout))
    }

    func home(_ site: Site) -> Page {
        let path = "index.html"
        let gazettes = Dictionary(grouping: site.issues, by: \.gazetteSlug).sorted { $0.key < $1.key }.map { _, issues in
            let years = Dictionary(grouping: issues, by: \.issue.masthead.year).sorted { $0.key > $1.key }.map { year, issues in
                [
                    "year": year,
                    "issues": issues.sorted { $0.issue.masthead.number > $1.issue.masthead.number }.map { published -> [String: Any] in
                        let masthead = published.issue.masthead
                        var entry: [String: Any] = [
                            "url": RelativeURL.link(from: path, to: published.path), "year": masthead.year,
                            "number": masthead.number, "documentCount": published.documents.count,
                        ]
                        if let total = masthead.totalNumber { entry["totalNumber"] = total }
                        if let date = masthead.published { entry["published"] = date.chinese }
                        return entry
                    },
                ] as [String: Any]
            }
            return ["name": issues[0].issue.masthead.gazette, "slug": issues[0].gazetteSlug, "years": years,
                    "feedURL": site.configuration.baseURL == nil ? "" : Self.feedPath(gazette: issues[0].gazetteSlug)] as [String: Any]
        }
        // Another copy of a document is listed on that document's page, not as a document of its own.
        let standalone = site.standalone.filter { $0.document.links.copyOf == nil }.map { published -> [String: Any] in
            let document = published.document
            let meta = [document.issuer, document.number?.description, document.date?.chinese].compactMap { $0 }.joined(separator: " · ")
            return ["url": RelativeURL.link(from: path, to: published.path), "title": document.title, "meta": meta]
        }
        let context: [String: Any] = [
            "siteName": site.title, "gazettes": gazettes, "standalone": standalone, "hasStandalone": !standalone.isEmpty,
        ]
        return layout(templates.render(context, with: .home), title: "首页", path: path, pageClass: "home", breadcrumbs: [], site: site,
                      meta: PageMeta(description: site.configuration.description ?? site.title))
    }

    func issue(_ published: PublishedIssue, site: Site) -> Page {
        let path = published.path
        let issue = published.issue
        let documentsByID = Dictionary(uniqueKeysWithValues: published.documents.map { ($0.document.id, $0) })
        var groups: [[String: Any]] = []
        var currentGroup: String?? = .none
        for entry in issue.tableOfContents {
            if currentGroup != .some(entry.group) {
                groups.append(entry.group.map { ["name": $0, "entries": [[String: Any]]()] } ?? ["entries": [[String: Any]]()])
                currentGroup = .some(entry.group)
            }
            var item: [String: Any] = ["title": entry.title]
            if let page = entry.page { item["page"] = page }
            if let id = entry.documentID, let document = documentsByID[id] {
                item["url"] = RelativeURL.link(from: path, to: document.path)
                if let number = document.document.number { item["docNumber"] = number.description }
            } else if issue.closingCatalog != nil, IssueParser.isClosingCatalogHeading(LineClassifier.compact(entry.title)) {
                item["url"] = "#catalog"
            }
            var entries = groups[groups.count - 1]["entries"] as! [[String: Any]]
            entries.append(item)
            groups[groups.count - 1]["entries"] = entries
        }
        // Documents the printed table of contents does not list still get a line, after the printed ones.
        let listed = Set(issue.tableOfContents.compactMap(\.documentID))
        let unlisted = published.documents.filter { !listed.contains($0.document.id) }
        if !unlisted.isEmpty {
            groups.append(["name": "目录未列出的文件", "entries": unlisted.map { document -> [String: Any] in
                ["title": document.document.title, "url": RelativeURL.link(from: path, to: document.path),
                 "docNumber": document.document.number?.description ?? ""]
            }])
        }
        var context: [String: Any] = [
            "gazette": issue.masthead.gazette, "year": issue.masthead.year, "number": issue.masthead.number,
            "groups": groups, "hasBoard": !issue.editorialBoard.isEmpty,
            "board": issue.editorialBoard.map { field -> [String: Any] in
                // `<http://cqwl.gov.cn>`: an address in angle brackets becomes a link without them.
                var value = field.value
                if value.hasPrefix("<"), value.hasSuffix(">") { value = String(value.dropFirst().dropLast()) }
                var entry: [String: Any] = ["label": field.label, "value": value]
                if value.hasPrefix("http://") || value.hasPrefix("https://") { entry["link"] = value }
                return entry
            },
            "sourceURL": RelativeURL.link(from: path, to: Site.sourcePath(for: published.sourceRelativePath)),
        ]
        if let total = issue.masthead.totalNumber { context["totalNumber"] = total }
        if let date = issue.masthead.published { context["published"] = date.chinese }
        if let catalog = issue.closingCatalog {
            // An entry naming a document of this issue links to it.
            let byNumber = Dictionary(published.documents.compactMap { document in document.document.number.map { ($0, document) } },
                                      uniquingKeysWith: { first, _ in first })
            let groups = catalog.groups.map { group -> [String: Any] in
                var entry: [String: Any] = ["entries": group.entries.map { item -> [String: Any] in
                    var row: [String: Any] = ["title": item.title]
                    if let number = item.number {
                        row["docNumber"] = number.description
                        if let document = byNumber[number] { row["url"] = RelativeURL.link(from: path, to: document.path) }
                    }
                    return row
                }]
                if let name = group.name { entry["name"] = name }
                return entry
            }
            context["catalog"] = ["heading": catalog.heading, "groups": groups] as [String: Any]
        }
        let title = "\(issue.masthead.gazette) \(published.label)"
        return layout(templates.render(context, with: .issue), title: title, path: path, pageClass: "issue",
                      breadcrumbs: [("首页", "index.html"), (issue.masthead.gazette, Self.gazetteTarget(published.gazetteSlug))], site: site,
                      meta: PageMeta(description: MetaDescription.make([title] + published.documents.map(\.document.title))))
    }

    /// The Markdown of a document as its template writes it; cmark-gfm turns it into the page body.
    public func markdown(for published: PublishedDocument, site: Site) -> String {
        let path = published.path
        let document = published.document
        let escape = MarkdownEscaper.escape
        var citations: [PartID: [(range: Range<Int>, url: String)]] = [:]
        for citation in document.links.citations {
            guard let target = citation.target, let cited = site.summaries[target] else { continue }
            citations[citation.part, default: []].append((citation.range, RelativeURL.link(from: path, to: cited.path)))
        }
        let blocks = BlockMarkdown.Context(anchor: anchor, citations: citations, contents: document.links.contents)
        var context: [String: Any] = [
            "title": escape(document.title),
            "body": BlockMarkdown.markdown(for: document.body, context: blocks),
            "annex": BlockMarkdown.markdown(for: document.annex, context: blocks),
            "signatures": document.signatures.map(escape),
            "attachments": document.attachments.map(escape),
            "hasAttachments": !document.attachments.isEmpty,
            "hasSignature": !document.signatures.isEmpty || document.date != nil,
            // The original text opens at the document's own first line.
            "sourceURL": MarkdownEscaper.linkDestination(RelativeURL.link(from: path, to: Site.sourcePath(for: published.sourceRelativePath))
                + "#L\(document.location.line)"),
        ]
        if let mark = document.issuerMark { context["issuerMark"] = escape(mark) }
        if let number = document.number { context["number"] = escape(number.description) }
        if let issuer = document.issuer { context["issuer"] = escape(issuer) }
        if let date = document.date { context["date"] = date.chinese }
        if let recipients = document.recipients { context["recipients"] = escape(recipients) }
        if let notice = document.noticeTitle { context["noticeTitle"] = escape(notice) }
        if let disclosure = document.disclosure { context["disclosure"] = escape(disclosure) }
        if let note = published.note { context["note"] = escape(note) }
        if let issue = published.issue {
            var reference: [String: Any] = [
                "label": "\(escape(issue.gazette))\(issue.year)年第\(issue.number)期",
                "url": MarkdownEscaper.linkDestination(RelativeURL.link(from: path, to: issue.path)),
            ]
            if let page = document.tocPage { reference["page"] = page }
            context["issue"] = reference
        }
        context.merge(links(of: document, from: path, site: site)) { $1 }
        let outline = BlockMarkdown.outline(of: document.body + document.annex)
        context["hasContents"] = outline.count >= 2
        context["contents"] = outline.map { ["indent": String(repeating: "  ", count: $0.depth), "text": escape($0.text), "anchor": $0.anchor.fragment] }
        return templates.render(context, with: .document)
    }

    /// How the document stands among the others: what it cites, what cites it, related documents, copies
    /// and whether it was repealed; each other document named by title with its 发文字号 and linked.
    func links(of document: Document, from path: String, site: Site) -> [String: Any] {
        let escape = MarkdownEscaper.escape
        func entry(_ id: String) -> [String: Any]? {
            guard let summary = site.summaries[id] else { return nil }
            var entry: [String: Any] = [
                "title": MarkdownEscaper.escapeInline(summary.title),
                "url": MarkdownEscaper.linkDestination(RelativeURL.link(from: path, to: summary.path)),
            ]
            if let number = summary.number { entry["docNumber"] = escape(number.description) }
            if let date = summary.date { entry["date"] = date.chinese }
            return entry
        }
        func list(_ ids: [String]) -> [[String: Any]] {
            var seen: Set<String> = []
            return ids.filter { seen.insert($0).inserted }.compactMap(entry)
        }
        let cites = list(document.links.citations.compactMap(\.target))
        let citedBy = list(document.links.citedBy)
        // Related documents that are not already listed as cited or citing.
        let listed = Set(document.links.citations.compactMap(\.target) + document.links.citedBy)
        let related = list(document.links.related.filter { !listed.contains($0) })
        let copies = list(document.links.copies)
        var context: [String: Any] = [
            "cites": cites, "citedBy": citedBy, "related": related, "copies": copies,
            "hasCites": !cites.isEmpty, "hasCitedBy": !citedBy.isEmpty, "hasRelated": !related.isEmpty,
            "hasCopies": !copies.isEmpty,
            "hasLinks": !(cites.isEmpty && citedBy.isEmpty && related.isEmpty && copies.isEmpty),
        ]
        if let original = document.links.copyOf.flatMap(entry) { context["copyOf"] = original }
        if let decision = document.links.repealedBy.flatMap(entry) { context["repealedBy"] = decision }
        return context
    }

    /// Where the home page lists a gazette's issues: `index.html#gazette-wulong`.
    static func gazetteTarget(_ slug: String) -> String { "index.html#gazette-\(slug)" }

    /// The way from the home page to a document: its gazette and issue, or the list of documents published on their own.
    func breadcrumbs(to published: PublishedDocument, issue: PublishedIssue?) -> [(label: String, target: String)] {
        guard let issue else { return [("首页", "index.html"), ("单行文件与规划", "index.html#standalone")] }
        return [("首页", "index.html"), (issue.issue.masthead.gazette, Self.gazetteTarget(issue.gazetteSlug)), (issue.label, issue.path)]
    }

    func document(_ published: PublishedDocument, issue: PublishedIssue?, site: Site) -> Page {
        let html = CommonMarkConverter.html(fromMarkdown: markdown(for: published, site: site))
        var meta = PageMeta(description: published.document.metaDescription, ogType: "article",
                            jsonLD: LegislationJSONLD.json(for: published, issue: issue, site: site))
        // The documents before and after it in its issue, in printed order.
        if let issue, let index = issue.issue.documents.firstIndex(where: { $0.id == published.document.id }) {
            let documents = issue.issue.documents
            func neighbour(_ document: Document) -> [String: Any] {
                ["title": document.title, "url": RelativeURL.link(from: published.path, to: "documents/\(document.id)/index.html")]
            }
            if index > 0 { meta.extra["previous"] = neighbour(documents[index - 1]) }
            if index + 1 < documents.count { meta.extra["next"] = neighbour(documents[index + 1]) }
            meta.extra["hasPager"] = true
        }
        return layout(html, title: published.document.title, path: published.path, pageClass: "document",
                      breadcrumbs: breadcrumbs(to: published, issue: issue), site: site, meta: meta)
    }

    /// `search.html`: the search page; `assets/search-core.js` and `assets/search-page.js` do the work.
    func search(_ site: Site) -> Page {
        let path = "search.html"
        let content = templates.render(["root": RelativeURL.root(from: path)], with: .search)
        return layout(content, title: "检索", path: path, pageClass: "search", breadcrumbs: [("首页", "index.html")], site: site,
                      meta: PageMeta(description: site.configuration.description ?? site.title))
    }

    func source(_ source: PublishedSource, documents published: [PublishedDocument], issue: PublishedIssue?,
                site: Site) throws -> Page {
        let path = Site.sourcePath(for: source.relativePath)
        let documents = published.map {
            ["title": $0.document.title, "url": RelativeURL.link(from: path, to: $0.path)]
        }
        // Readers see what the source is (an issue, a document), never where it lies in the content folder.
        let name = issue.map { "\($0.issue.masthead.gazette) \($0.label)" } ?? published.first?.document.title
        var breadcrumbs: [(label: String, target: String)] = [("首页", "index.html")]
        if let issue {
            breadcrumbs += [(issue.issue.masthead.gazette, Self.gazetteTarget(issue.gazetteSlug)), (issue.label, issue.path)]
        } else if let document = published.first {
            breadcrumbs = self.breadcrumbs(to: document, issue: nil) + [(document.document.title, document.path)]
        }
        var context: [String: Any] = [
            // The whole source is long: escaped here once, in one pass (`numberedLines` is safe HTML).
            "numberedLines": HTMLEscaper.numberedLines(try source.text()),
            "documents": documents, "hasDocuments": !documents.isEmpty,
            "plainTextURL": RelativeURL.link(from: path, to: Site.plainTextPath(for: source.relativePath)),
        ]
        if let name { context["name"] = name }
        return layout(templates.render(context, with: .source), title: "原始文本" + (name.map { " \($0)" } ?? ""), path: path,
                      pageClass: "source", breadcrumbs: breadcrumbs, site: site,
                      meta: PageMeta(description: MetaDescription.make([name] + published.map(\.document.title))))
    }
}
