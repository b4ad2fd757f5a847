public import Foundation
public import Logging

/// Builds the site: read → normalise → parse → link → render → write, each a named step.
///
/// A source that fails is reported with its file and line and left out; every other source is still
/// built. The output folder is replaced only when the whole site has been written.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var output: URL
        /// How the content and templates folders are named in messages (as the user typed them).
        public var contentDisplayName: String
        public var templatesDisplayName: String

        public init(content: URL, templates: URL, output: URL, contentDisplayName: String? = nil, templatesDisplayName: String? = nil) {
            self.content = content
            self.templates = templates
            self.output = output
            self.contentDisplayName = contentDisplayName ?? content.path
            self.templatesDisplayName = templatesDisplayName ?? templates.path
        }
    }

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var sourceCount: Int
        public var issueCount: Int
        public var documentCount: Int
        public var pageCount: Int

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// Sources that could not be built, by their path.
        public var failedSources: Set<String> { Set(errors.map(\.location.file)) }
    }

    public var options: Options
    public var logger: Logger

    /// A logger that prints warnings only: the default when the caller does not ask for the steps.
    public static var quietLogger: Logger {
        var logger = Logger(label: "gazette")
        logger.logLevel = .warning
        return logger
    }

    public init(options: Options, logger: Logger = SiteBuilder.quietLogger) {
        self.options = options
        self.logger = logger
    }

    /// What the pipeline made before anything is written: the site, its pages and the problems found.
    public struct Prepared: Sendable {
        public var site: Site
        public var pages: [SiteRenderer.Page]
        public var renderer: SiteRenderer
        /// The search index's files (`search/`), made from the model.
        public var searchIndex: SearchIndex
        public var diagnostics: [Diagnostic]
        public var sourceCount: Int
    }

    private static let steps = ["read", "normalise", "parse", "link", "render", "index", "write"]

    private func step(_ index: Int) {
        logger.info("[\(index + 1)/\(Self.steps.count)] \(Self.steps[index])")
    }

    /// Reads, parses and renders the whole site in memory.
    public func prepare() throws -> Prepared {
        step(0)
        let templates = try TemplateSet(folder: options.templates, displayName: options.templatesDisplayName)
        let scanned = try ContentScanner(contentFolder: options.content, displayName: options.contentDisplayName).scan()
        var diagnostics = scanned.diagnostics

        step(1)
        let converter = try TraditionalToSimplified()
        step(2)
        // Each source is repaired and parsed on its own, so all cores share the work.
        let parsed = scanned.sources.concurrentMap { source in
            Self.parse(source, lines: SourceNormalizer(converter: converter).normalize(SourceText.lines(of: source.text)))
        }
        var issues: [PublishedIssue] = []
        var standalone: [PublishedDocument] = []
        for result in parsed {
            diagnostics += result.diagnostics
            if let issue = result.issue { issues.append(issue) }
            if let document = result.document { standalone.append(document) }
        }

        step(3)
        let site = link(Site(title: siteTitle(), issues: issues, standalone: standalone, sources: scanned.sources), diagnostics: &diagnostics)

        step(4)
        let renderer = SiteRenderer(templates: templates)
        let pages = renderer.pages(for: site)
        step(5)
        let clock = ContinuousClock()
        let started = clock.now
        let searchIndex = SearchIndex(site: site, normalizer: SearchNormalizer(converter: converter))
        let index = searchIndex.statistics
        logger.info("search index: \(index.documents) documents, \(index.positions) characters, \(index.frequentStrings) frequent strings, \(index.records) records in \(index.recordShards) shards, made in \(clock.now - started)")
        return Prepared(site: site, pages: pages, renderer: renderer, searchIndex: searchIndex, diagnostics: diagnostics,
                        sourceCount: scanned.sources.count)
    }

    /// Builds the site and swaps it into the output folder.
    public func build() throws -> Report {
        let prepared = try prepare()
        step(6)
        StagedOutput.removeStaleStagingFolders(beside: options.output)
        let output = try StagedOutput(destination: options.output)
        do {
            // Pages, and each source's text as it arrived (decoded to UTF-8) beside its page, written on all cores.
            let files = prepared.pages.map { ($0.path, $0.html) }
                + prepared.site.sources.map { (Site.plainTextPath(for: $0.relativePath), $0.text) }
            let failures = files.concurrentMap { file -> String? in
                do {
                    try output.write(file.1, to: file.0)
                    return nil
                } catch {
                    return "\(file.0): \(error)"
                }
            }.compactMap { $0 }
            if let failure = failures.first { throw SourceError("cannot write the site: \(failure)", at: SourceLocation(file: options.output.path, line: 0)) }
            let clock = ContinuousClock()
            let started = clock.now
            for folder in SearchIndex.folders { try output.createFolder(folder) }
            let index = try prepared.searchIndex.write { path, data in try output.writeIntoExistingFolder(data, to: path) }
            logger.info("search index: \(index.files) files, \(index.bytes) bytes, written in \(clock.now - started)")
            try copyAssets(to: output)
            try output.write(CatalogJSON.data(for: prepared.site, contentDisplayName: options.contentDisplayName), to: "catalog.json")
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        return Report(diagnostics: prepared.diagnostics, sourceCount: prepared.sourceCount, issueCount: prepared.site.issues.count,
                      documentCount: prepared.site.documents.count, pageCount: prepared.pages.count)
    }

    private struct ParsedSource: Sendable {
        var issue: PublishedIssue?
        var document: PublishedDocument?
        var diagnostics: [Diagnostic] = []
    }

    private static func parse(_ source: Source, lines: [SourceLine]) -> ParsedSource {
        var parsed = ParsedSource()
        switch source.kind {
        case .issue:
            let result = IssueParser(file: source.displayPath, gazetteSlug: source.gazetteSlug ?? "gazette").parse(lines, metadata: source.metadata)
            parsed.diagnostics = result.diagnostics
            parsed.issue = result.issue.map { publish($0, from: source) }
        case .document:
            let parser = StandaloneDocumentParser(file: source.displayPath)
            if let document = parser.parse(lines, id: source.metadata.slug ?? source.stem, metadata: source.metadata, diagnostics: &parsed.diagnostics) {
                parsed.document = PublishedDocument(document: document, sourceRelativePath: source.relativePath, note: source.metadata.note)
            }
        }
        return parsed
    }

    private static func publish(_ issue: Issue, from source: Source) -> PublishedIssue {
        let gazette = source.gazetteSlug ?? "gazette"
        let path = PublishedIssue.path(gazette: gazette, masthead: issue.masthead)
        return PublishedIssue(issue: issue, gazetteSlug: gazette, path: path, sourceRelativePath: source.relativePath)
    }

    /// Gives every document and issue a unique address: the same 发文字号 printed in two sources is
    /// reported, and the later one gets a suffix, so no page overwrites another.
    private func link(_ site: Site, diagnostics: inout [Diagnostic]) -> Site {
        var site = site
        site.issues.sort { ($0.gazetteSlug, $0.issue.masthead.year, $0.issue.masthead.number) < ($1.gazetteSlug, $1.issue.masthead.year, $1.issue.masthead.number) }
        var usedIssuePaths: Set<String> = []
        site.issues = site.issues.filter { issue in
            guard usedIssuePaths.insert(issue.path).inserted else {
                diagnostics.append(.error("another source is already \(issue.label) of this gazette; this one is left out", at: issue.issue.source))
                return false
            }
            return true
        }
        var ids = UniqueIDs()
        func claim(_ document: inout Document) {
            let id = ids.claim(document.id)
            if id != document.id {
                diagnostics.append(.warning("document \(document.id) is printed in more than one source; this copy is published as \(id)", at: document.location))
            }
            document.id = id
        }
        for issue in site.issues.indices {
            var renamed: [String: String] = [:]
            for index in site.issues[issue].issue.documents.indices {
                let old = site.issues[issue].issue.documents[index].id
                claim(&site.issues[issue].issue.documents[index])
                renamed[old] = site.issues[issue].issue.documents[index].id
            }
            for entry in site.issues[issue].issue.tableOfContents.indices {
                if let id = site.issues[issue].issue.tableOfContents[entry].documentID { site.issues[issue].issue.tableOfContents[entry].documentID = renamed[id] }
            }
        }
        site.standalone.sort { $0.sourceRelativePath < $1.sourceRelativePath }
        for index in site.standalone.indices { claim(&site.standalone[index].document) }
        return site
    }

    /// The site's name: `title` in `site.json` beside the content, else a default.
    private func siteTitle() -> String {
        let url = options.content.appendingPathComponent("site.json")
        struct Settings: Decodable { var title: String? }
        guard let data = try? Data(contentsOf: url), let settings = try? JSONDecoder().decode(Settings.self, from: data),
              let title = settings.title else { return "政府公报文库" }
        return title
    }

    /// Copies `assets/` of the templates folder (stylesheet, fonts, images) into the output.
    private func copyAssets(to output: StagedOutput) throws {
        let assets = options.templates.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(atPath: assets.path) else { return }
        var files: [String] = []
        for case let path as String in enumerator {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: assets.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(path)
            }
        }
        for path in files.sorted() {
            try output.write(Data(contentsOf: assets.appendingPathComponent(path)), to: "assets/" + path)
        }
    }
}
