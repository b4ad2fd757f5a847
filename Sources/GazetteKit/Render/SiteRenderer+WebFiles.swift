/// The files of a site for machines on the web: `sitemap.xml`, the Atom feeds (`feeds/all.xml` and one per
/// gazette, `feeds/GAZETTE.xml`), `robots.txt` and the `404.html` page, each from its template.
///
/// Sitemaps and feeds need absolute addresses: without a base URL (`base_url` in `gazette.toml`) they are left
/// out, and `robots.txt` names no sitemap. Their dates are the documents' and issues' own, never the build's, so
/// two builds give the same bytes.
extension SiteRenderer {
    /// How many entries a feed holds: the newest.
    static let feedLength = 100

    func webFiles(for site: Site) -> [Page] {
        var pages = [robots(site), notFound(site)]
        guard site.configuration.baseURL != nil else { return pages }
        pages.append(sitemap(site))
        pages.append(feed(title: site.title, path: "feeds/all.xml", issues: site.issues, standalone: site.standalone, site: site))
        for (slug, issues) in Dictionary(grouping: site.issues, by: \.gazetteSlug).sorted(by: { $0.key < $1.key }) {
            pages.append(feed(title: issues[0].issue.masthead.gazette, path: Self.feedPath(gazette: slug), issues: issues, standalone: [], site: site))
        }
        return pages
    }

    static func feedPath(gazette slug: String) -> String { "feeds/\(slug).xml" }

    func robots(_ site: Site) -> Page {
        var context: [String: Any] = [:]
        if let base = site.configuration.baseURL { context["sitemap"] = base + "sitemap.xml" }
        return Page(path: "robots.txt", html: templates.render(context, with: .robots))
    }

    /// `404.html`: served by a web server at any depth, so its links start from the base URL's path (`/archive/`),
    /// the one place where they cannot be relative; without a base URL, from the site's root folder.
    func notFound(_ site: Site) -> Page {
        let root = AbsoluteURL.rootPath(in: site) ?? ""
        let content = templates.render(["root": root, "siteName": site.title], with: .notFound)
        return layout(content, title: "页面不存在", path: "404.html", pageClass: "not-found", breadcrumbs: [("首页", "index.html")],
                      site: site, meta: PageMeta(description: site.configuration.description ?? site.title, root: root, noindex: true))
    }

    func sitemap(_ site: Site) -> Page {
        var urls: [[String: Any]] = [["loc": AbsoluteURL.page("index.html", in: site)!]]
        for issue in site.issues {
            var entry: [String: Any] = ["loc": AbsoluteURL.page(issue.path, in: site)!]
            if let date = issue.issue.masthead.published { entry["lastmod"] = date.description }
            urls.append(entry)
        }
        for document in site.documents {
            var entry: [String: Any] = ["loc": AbsoluteURL.page(document.path, in: site)!]
            if let date = document.document.date { entry["lastmod"] = date.description }
            urls.append(entry)
        }
        return Page(path: "sitemap.xml", html: templates.render(["urls": urls], with: .sitemap))
    }

    struct FeedEntry {
        var title: String
        var path: String
        var date: CalendarDate
        /// Made only for the entries the feed keeps.
        var summary: () -> String
    }

    /// An Atom feed of new issues and documents, newest first; a document without a date of its own is dated by
    /// its issue, one without either is not in the feeds.
    func feed(title: String, path: String, issues: [PublishedIssue], standalone: [PublishedDocument], site: Site) -> Page {
        var entries: [FeedEntry] = []
        for issue in issues {
            let masthead = issue.issue.masthead
            let documents = issue.documents
            if let date = masthead.published ?? documents.compactMap(\.document.date).max() {
                entries.append(FeedEntry(title: "\(masthead.gazette) \(issue.label)", path: issue.path, date: date,
                                         summary: { MetaDescription.make(documents.map(\.document.title)) }))
            }
            for document in documents {
                guard let date = document.document.date ?? masthead.published else { continue }
                entries.append(FeedEntry(title: document.document.title, path: document.path, date: date,
                                         summary: { document.document.metaDescription }))
            }
        }
        for document in standalone where document.document.links.copyOf == nil {
            guard let date = document.document.date else { continue }
            entries.append(FeedEntry(title: document.document.title, path: document.path, date: date,
                                     summary: { document.document.metaDescription }))
        }
        entries.sort { ($0.date, $1.path) > ($1.date, $0.path) }
        entries = Array(entries.prefix(Self.feedLength))
        func timestamp(_ date: CalendarDate) -> String { "\(date.description)T00:00:00+08:00" }
        let context: [String: Any] = [
            "title": title, "siteName": site.title, "language": site.configuration.language,
            "feedURL": site.configuration.baseURL! + path, "siteURL": site.configuration.baseURL!,
            "updated": entries.first.map { timestamp($0.date) } ?? "1970-01-01T00:00:00Z",
            "entries": entries.map { entry -> [String: Any] in
                ["title": entry.title, "url": AbsoluteURL.page(entry.path, in: site)!, "updated": timestamp(entry.date),
                 "summary": entry.summary()]
            },
        ]
        return Page(path: path, html: templates.render(context, with: .feed))
    }
}
