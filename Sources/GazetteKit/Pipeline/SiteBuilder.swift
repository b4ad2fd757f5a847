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
        /// The address ledger (`addresses.tsv` in the content folder), read and brought up to date by each
        /// build; nil builds without one, giving every page its address anew.
        public var ledger: URL?

        /// Sources left out with an error, by relative path, with what happened to them: the parser crashed on
        /// them in an earlier attempt (see `gazette build`, which runs the build in a child process).
        public var crashedSources: [String: SourceCrash] = [:]
        /// Builds only these sources (by relative path); all when `nil`.
        public var onlySources: Set<String>?
        /// Told when the work on each source starts and ends, so that a crash can be traced to its source.
        public var progress: SourceProgress?
        /// The settings of `gazette.toml` (title, base URL, language, gazettes' names); the defaults without one.
        public var configuration = SiteConfiguration()
        /// How `gazette.toml` is named in messages, when there is one.
        public var configurationDisplayName: String?
        /// The build cache beside the output folder: with one, a build writes only the files that changed
        /// (``StagedOutput``); without one, every file.
        public var outputCache: URL?
        /// The most source text (in bytes) whose documents' parts (their text) a build holds from parsing to the
        /// search index. With more, and a build cache, it holds each document's facts and a digest of its text, and
        /// reads the text back from the cache when a step needs it (``StoredParts``): a few seconds slower on
        /// `make-archive 1000`, but memory then grows with the number of documents, not with their text. Sources
        /// taken from the cache (unchanged since the last build) always come with their parts stored away.
        public var heldTextLimit = SiteBuilder.Options.defaultHeldTextLimit
        /// 160 MB: `make-archive 1000` (127 MB) is held, within 600 MB; `make-archive 10000` is stored away.
        public static let defaultHeldTextLimit = 160 << 20
        /// When the site that this build replaces is deleted (and stale staging folders of killed builds).
        public var previousSiteDeletion = StagedOutput.Deletion.now
        /// Told when each step starts, with what the step before it made (`40 sources`), for progress on a terminal.
        public var stepStarted: (@Sendable (BuildStep, String) -> Void)?

        public init(content: URL, templates: URL, output: URL, contentDisplayName: String? = nil,
                    templatesDisplayName: String? = nil, ledger: URL? = nil) {
            self.content = content
            self.templates = templates
            self.output = output
            self.contentDisplayName = contentDisplayName ?? content.path
            self.templatesDisplayName = templatesDisplayName ?? templates.path
            self.ledger = ledger
        }

        /// The build cache of an output folder: `.<name>.cache` beside it.
        public static func defaultCache(for output: URL) -> URL {
            let output = output.standardizedFileURL
            return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache", isDirectory: true)
        }

        /// How the ledger is named in messages: `Content/addresses.tsv`.
        var ledgerDisplayName: String {
            guard let ledger else { return AddressLedger.fileName }
            if ledger.deletingLastPathComponent().standardizedFileURL.path == content.standardizedFileURL.path {
                return contentDisplayName + "/" + ledger.lastPathComponent
            }
            return ledger.path
        }
    }

    public struct Report: Sendable, Equatable, Codable {
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

    /// What the pipeline made before anything is written: the site, its renderer and the problems found.
    public struct Prepared: Sendable {
        public var site: Site
        public var renderer: SiteRenderer
        /// Folds traditional characters for the search index.
        public var converter: TraditionalToSimplified
        public var diagnostics: [Diagnostic]
        public var sourceCount: Int
        /// The address ledger with this build's addresses, and whether it can be written back (not when
        /// rows of it could not be read: the publisher's file is never overwritten with less).
        public var ledger: AddressLedger
        public var ledgerIsWritable: Bool
        /// The build cache's records written on another core while the build goes on (the citations found).
        var cacheWritten: BackgroundWork<Void>

        /// Every page of the site, made in memory (for checks and reports; a build writes each page as it
        /// is made instead).
        public func renderPages() throws -> [SiteRenderer.Page] { try renderer.pages(for: site) }

        /// The files of the site's search index (`search/`), made from the model, in memory; and what it holds.
        public func searchIndexFiles(batchCharacters: Int = SearchIndex.batchCharacters) throws
            -> (files: [SearchIndex.File], statistics: SearchIndex.Statistics) {
            let normalizer = SearchNormalizer(converter: converter)
            return try SearchIndex.files(of: site, normalizer: normalizer, batchCharacters: batchCharacters)
        }
    }

    /// When the first step of this process's first build began: each step's log line says how long after it.
    private static let firstStepStarted = ContinuousClock.now

    /// The time since ``firstStepStarted``, for the log.
    private static var sinceFirstStep: String {
        (ContinuousClock.now - firstStepStarted).formatted(.units(fractionalPart: .show(length: 2)))
    }

    private func step(_ step: BuildStep, _ detail: String = "") {
        logger.info("[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue) (at \(Self.sinceFirstStep))")
        options.stepStarted?(step, detail)
    }

    /// Runs one step; what it throws says which step it was.
    private func during<T>(_ step: BuildStep, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            throw BuildFailure(step: step, error: error)
        }
    }

    /// Reads, parses, links and indexes the whole site in memory; its pages are made when they are written.
    public func prepare() throws -> Prepared {
        step(.read)
        // While the sources are listed and parsed: the citations the last build found (for the documents whose
        // texts did not change) are read, and the romanization rules the link step needs are made ready.
        let outputCache = options.outputCache
        let readingCitations = BackgroundWork {
            outputCache.flatMap { CacheRecordFile.read(named: "citations", in: $0) }.flatMap(FoundCitations.init)
        }
        let transforms = BackgroundWork { Romanization.prepareTransforms() }
        let templates = try during(.read) {
            try TemplateSet(folder: options.templates, displayName: options.templatesDisplayName)
        }
        var scanner = ContentScanner(contentFolder: options.content, displayName: options.contentDisplayName)
        let (crashed, only) = (options.crashedSources, options.onlySources)
        scanner.selection = { crashed[$0] == nil && only?.contains($0) ?? true }
        scanner.progress = options.progress
        let listing = try during(.read) { try scanner.list() }
        let reader = scanner
        step(.normalize, "\(listing.paths.count) sources found")
        let converter = try during(.normalize) { try TraditionalToSimplified() }
        step(.parse)
        // Each source is read, repaired and parsed on its own, so all cores share the work, and its text is let go
        // once parsed (the pages that show it read it again): the texts of all sources are never held at once.
        // A source unchanged since the last build is read back from the build cache.
        let cache = options.outputCache.map { ParseCache(cache: $0) }
        // The documents' parts are stored away when the sources' text is more than the build holds.
        let textBytes = listing.paths.reduce(Int64(0)) { $0 + (FileIdentity.of(reader.file(of: $1))?.size ?? 0) }
        let parse = SourceParse(reader: reader, cache: cache, converter: converter, progress: options.progress,
                                lastFiles: options.outputCache.flatMap { SourceFileRecord.read(from: $0) },
                                storesParts: cache != nil && textBytes > options.heldTextLimit)
        let read = listing.paths.concurrentMap(parse.read)
        if let outputCache {
            var files = SourceFileRecord()
            for (path, source) in zip(listing.paths, read) { files.entries[path] = source.file }
            files.write(to: outputCache)
        }
        let sources = read.compactMap(\.source)
        let keys = cache == nil ? nil : read.compactMap(\.key)
        // A build of some sources only (a crashed source checked on its own) leaves the others' entries.
        if let cache, let keys, only == nil { cache.removeEntries(except: Set(keys)) }
        let parsed = read.compactMap(\.entry)
        var diagnostics = listing.diagnostics + read.flatMap(\.notes)
        for (path, crash) in crashed.sorted(by: { $0.key < $1.key }) {
            let location = SourceLocation(file: options.contentDisplayName + "/" + path, line: crash.line)
            diagnostics.append(.error(crash.message, at: location))
        }
        var issues: [PublishedIssue] = []
        var standalone: [PublishedDocument] = []
        for result in parsed {
            diagnostics += result.diagnostics
            if var issue = result.issue {
                if let name = options.configuration.gazetteNames[issue.gazetteSlug] { issue.issue.masthead.gazette = name }
                issues.append(issue)
            }
            if let document = result.document { standalone.append(document) }
        }
        let slugs = Set(issues.map(\.gazetteSlug))
        for slug in options.configuration.gazetteNames.keys.sorted() where !slugs.contains(slug) && only == nil {
            diagnostics.append(.warning("gazettes.\(slug): no gazette folder \(options.contentDisplayName)/gazettes/\(slug) has issues; the name is not used",
                                        at: SourceLocation(file: options.configurationDisplayName ?? SiteConfiguration.fileName,
                                                           line: options.configuration.lines["gazettes.\(slug)"] ?? 1)))
        }

        let documentCount = issues.reduce(0) { $0 + $1.issue.documents.count } + standalone.count
        step(.link, "\(issues.count) issues and \(documentCount) documents parsed")
        let ledgerFile = options.ledgerDisplayName
        let previous = try during(.link) {
            try options.ledger.flatMap { try AddressLedger.read(contentsOf: $0, displayPath: ledgerFile) }
        }
        diagnostics += previous?.diagnostics ?? []
        var unlinked = Site(title: siteTitle(diagnostics: &diagnostics), issues: issues, standalone: standalone,
                            sources: sources)
        unlinked.configuration = options.configuration
        if let keys {
            let paths = sources.map(\.relativePath)
            unlinked.parseKeys = Dictionary(zip(paths, keys), uniquingKeysWith: { first, _ in first })
        }
        if let cache {
            unlinked.storedParts = StoredParts(cache: cache)
            for source in read where source.partsStoredAway {
                if let path = source.source?.relativePath, let key = source.key { unlinked.storedParts.keys[path] = key }
            }
        }
        // Pages an earlier version published under Chinese addresses are still in the output folder: they redirect.
        let published = PublishedPages(output: options.output)
        let previousCitations = try readingCitations.value()
        try transforms.value()
        let linker = SiteLinker(ledgerFile: ledgerFile, previousCitations: previousCitations)
        var linked = try during(.link) {
            try linker.link(unlinked, ledger: previous?.ledger, legacyIsPublished: published.hasPage(at:))
        }
        diagnostics += linked.diagnostics
        // Written again only when it changed (an edited issue changes the citations of its documents only), on
        // another core; the build waits for it before it records its inputs.
        let found = linked.foundCitations
        let citationsWritten = BackgroundWork {
            if let outputCache, found != previousCitations {
                CacheRecordFile.write(bytes: found.recordBytes, named: "citations", in: outputCache)
            }
        }
        // Every citation of the archive, found or taken from the cache: the cache has them now.
        linked.foundCitations = FoundCitations(knownCodes: [])

        let renderer = try during(.render) { try SiteRenderer(templates: templates) }
        let site = linked.site
        // What the link step read back and let go (documents' parts, the citations found) goes back to the system.
        FreedMemory.giveBack()
        return Prepared(site: site, renderer: renderer, converter: converter, diagnostics: diagnostics,
                        sourceCount: sources.count, ledger: linked.ledger,
                        ledgerIsWritable: previous?.diagnostics.isEmpty ?? true, cacheWritten: citationsWritten)
    }

    /// Builds the site and swaps it into the output folder.
    public func build() throws -> Report {
        try checkOutputFolder()
        let lock = try OutputLock(for: options.output, displayName: options.output.relativePath)
        defer { lock.release() }
        let inputs = options.outputCache == nil ? nil : BuildInputs.fingerprints(of: options)
        if let cache = options.outputCache {
            if let inputs, let last = BuildInputs.read(from: cache), last.others == inputs.others, last.ledger == inputs.ledger,
               let recorded = OutputRecord.output(ofRecordAt: cache.appendingPathComponent(StagedOutput.recordName)),
               OutputRecord.FolderIdentity.of(options.output) == recorded {
                logger.info("nothing changed since the last build: \(options.output.relativePath) is up to date")
                return last.report
            }
            guard BuildInputs.remove(from: cache) else {
                throw BuildFailure(step: .read, error: SourceError("cannot delete the build record in \(cache.path)",
                                                                   at: SourceLocation(file: cache.path, line: 0)))
            }
        }
        // The output is staged (the last build's record read, its files taken from the spare copy or linked) while
        // the site is prepared, on the core the link step leaves free; and the record of what its pages were made
        // from is read, and deleted until this build has made its own.
        StagedOutput.removeStaleStagingFolders(beside: options.output, deleting: options.previousSiteDeletion)
        let (destination, cache) = (options.output, options.outputCache)
        let staging = BackgroundWork { try StagedOutput(destination: destination, cache: cache) }
        let inputsRecord = options.outputCache?.appendingPathComponent("page-inputs")
        let lastInputs = BackgroundWork {
            inputsRecord.flatMap { record -> SiteRenderer.PageInputs? in
                defer { unlink(record.path) }
                guard let data = FileManager.default.contents(atPath: record.path) else { return nil }
                return try? CompactDecoder().decode(SiteRenderer.PageInputs.self, from: [UInt8](data))
            }
        }
        let searchRecord = options.outputCache?.appendingPathComponent(SearchIndexRecord.fileName)
        let lastSearchRecord = BackgroundWork { searchRecord.flatMap { SearchIndexRecord.read(from: $0) } }
        var prepared: Prepared
        do {
            prepared = try prepare()
        } catch {
            (try? staging.value())?.discard()
            throw error
        }
        logger.info("site linked (at \(Self.sinceFirstStep))")
        let output = try staging.value()
        if output.reuse.previousFiles > 0 {
            let from = output.reuse.fromSpare ? "the spare copy" : "links to the site in place"
            let reused = "incremental output: \(output.reuse.previousFiles) files of the last build, from \(from) "
                + "(at \(Self.sinceFirstStep))"
            logger.info("\(reused)")
        }
        let pageCount: Int
        let (issueCount, documentCount) = (prepared.site.issues.count, prepared.site.documents.count)
        do {
            step(.render, "\(documentCount) documents linked")
            // Each page is written as soon as it is made, on all cores; then each source's text as it arrived
            // (decoded to UTF-8) beside its page.
            let outputPath = options.output.path
            // A file that cannot be written fails the write step; a source that cannot be read again for its
            // pages (changed or gone since it was parsed) the render step.
            @Sendable func cannotWrite(_ path: String, _ error: any Error) -> BuildFailure {
                BuildFailure(step: .write, error: SourceError("cannot write the site: \(path): \(error)",
                                                              at: SourceLocation(file: outputPath, line: 0)))
            }
            // Pages made from the same inputs as the last build's are kept.
            let lastInputs = try lastInputs.value()
            // A document's file of the JSON API is made with its page, from what the page is made from
            // (``SiteRenderer/PageInputs``), and kept with it.
            let reuse = lastInputs.map { SiteRenderer.PageReuse(
                previous: $0, keep: { output.keepPreviousFile(at: $0) },
                keepDocumentFiles: { output.keepPreviousFile(at: DocumentAPI.path(for: $0.document.id)) })
            }
            let rendered = try during(.render) {
                try prepared.renderer.render(prepared.site, reusing: reuse, write: { page in
                    do { try output.write(page.html, to: page.path) } catch { throw cannotWrite(page.path, error) }
                }, documentMade: { published, issue in
                    let path = DocumentAPI.path(for: published.document.id)
                    let data = try DocumentAPI.data(for: published, issue: issue)
                    do { try output.write(data, to: path) } catch { throw cannotWrite(path, error) }
                })
            }
            pageCount = rendered.pages
            if let inputsRecord, let bytes = try? CompactEncoder().encode(rendered.inputs) {
                try? CacheRecordFile.replace(inputsRecord, with: bytes)
            }
            // A source's text is that of its page: kept with a kept page, read again otherwise.
            let keptPages = rendered.keptPaths
            _ = try prepared.site.sources.concurrentMap { source in
                let path = Site.plainTextPath(for: source.relativePath)
                let kept = keptPages.contains(Site.sourcePath(for: source.relativePath))
                if kept && output.keepPreviousFile(at: path) { return }
                let text = try during(.render) { try source.text() }
                do { try output.write(text, to: path) } catch { throw cannotWrite(path, error) }
            }
            try copyAssets(to: output)
            // The link report (the largest of the site's JSON files) on another core while the catalog and the
            // numbers are made.
            let linkReport = prepared.site.linkReport
            let linkReportFile = BackgroundWork { try SortedJSONEncoder(pretty: true).encode(linkReport) }
            let catalog = try CatalogJSON.data(for: prepared.site)
            try output.write(catalog, to: "catalog.json")
            try output.write(catalog, to: DocumentAPI.catalogPath)
            try output.write(NumberIndex.data(for: prepared.site), to: "numbers.json")
            try output.write(linkReportFile.value(), to: "reports/links.json")

            // The search index last, from the documents' facts and searchable texts alone: the site is let go
            // first, so the two largest things a build holds are never in memory together.
            step(.index, "\(pageCount) pages written, \(rendered.kept) of them kept from the last build")
            let records = try writeSearchIndex(of: &prepared, to: output, lastRecord: lastSearchRecord.value())
            FreedMemory.giveBack()
            step(.write, "search index of \(records) records written")
            let clock = ContinuousClock()
            let started = clock.now
            try output.commit(deleting: options.previousSiteDeletion)
            let swapped = "site swapped in, previous site deleted (or its deletion started), in \(clock.now - started); "
                + "\(output.unchangedFiles) files unchanged, not written"
            logger.info("\(swapped)")
        } catch {
            output.discard()
            throw error as? BuildFailure ?? BuildFailure(step: .write, error: error)
        }
        // The ledger is brought up to date only once the site with these addresses is in place.
        if let url = options.ledger, prepared.ledgerIsWritable {
            try Data(prepared.ledger.text.utf8).write(to: url, options: .atomic)
        }
        let report = Report(diagnostics: prepared.diagnostics, sourceCount: prepared.sourceCount,
                            issueCount: issueCount, documentCount: documentCount, pageCount: pageCount)
        // What this build read, for the next one to see whether anything changed; the ledger as it is now.
        try prepared.cacheWritten.value()
        if let cache = options.outputCache, let inputs {
            let ledger = options.ledger.map { BuildInputs.fingerprint(ofFileAt: $0.standardizedFileURL.path) } ?? "-"
            try? BuildInputs(others: inputs.others, ledger: ledger, report: report).write(to: cache)
        }
        return report
    }

    /// Makes the search index and writes its files; returns its number of records. The site is let go (all but
    /// its title) before the index is made, which is the largest thing a build holds.
    private func writeSearchIndex(of prepared: inout Prepared, to output: StagedOutput,
                                  lastRecord: SearchIndexRecord?) throws -> Int {
        let clock = ContinuousClock()
        let started = clock.now
        // A batch made from the same input as in the last build (by the same program) has the same files: they are
        // kept. The input is known first by its key, made from the site's parse keys without making any text; when
        // the key changed (a source was edited), by a fingerprint made from its documents': the last build's for a
        // document whose key is the same, made from its text for the others.
        let stored = options.outputCache?.appendingPathComponent(SearchIndexRecord.fileName)
        let program = BuildInputs.programIdentity()
        let last = lastRecord?.batches ?? []
        if let stored { unlink(stored.path) }
        let batchCharacters = options.configuration.searchBatchCharacters
        let documentKeys = stored == nil ? nil : SearchIndex.Input.keys(of: prepared.site,
                                                                        batchCharacters: batchCharacters)
        let keys = documentKeys?.batches.map { "\($0) \(program)" }
        var keptByKey: [Int: SearchBatch.Summary] = [:]
        for (number, key) in (keys ?? []).enumerated() where number < last.count && last[number].key == key {
            if output.keepPreviousFiles(under: "search/\(number)/") { keptByKey[number] = last[number].summary }
        }
        let normalizer = SearchNormalizer(converter: prepared.converter)
        // The fingerprints of the documents of each batch not kept by its key, and the batches they keep.
        var knownFingerprints: [Int: (batch: ContentFingerprint, documents: [String])] = [:]
        if let documentKeys, let lastRecord {
            let ordered = documentKeys.ordered
            let open = documentKeys.ranges.enumerated().filter { keptByKey[$0.offset] == nil && $0.offset < last.count }
            for (number, range) in open {
                // The documents the last build did not index: made from their texts, their parts read back.
                let unknown = range.filter { lastRecord.documents[documentKeys.documents[$0]] == nil }
                var made = try prepared.site.storedParts.withParts(unknown.map { ordered[$0] }).concurrentMap {
                    SearchIndex.fingerprint(of: $0, text: SearchableText(document: $0.document, note: $0.note,
                                                                          normalizer: normalizer))
                }[...]
                let documents = range.map { position in
                    lastRecord.documents[documentKeys.documents[position]] ?? made.removeFirst()
                }
                knownFingerprints[number] = (SearchIndex.fingerprint(ofDocuments: documents), documents)
            }
        }
        var keptByFingerprint: [Int: SearchBatch.Summary] = [:]
        for (number, known) in knownFingerprints where last[number].fingerprint == "\(known.batch) \(program)" {
            if output.keepPreviousFiles(under: "search/\(number)/") { keptByFingerprint[number] = last[number].summary }
        }
        let input = SearchIndex.Input(site: prepared.site, normalizer: normalizer, batchCharacters: batchCharacters,
                                      order: documentKeys.map { ($0.ordered, $0.ranges) },
                                      making: { keptByKey[$0] == nil && keptByFingerprint[$0] == nil })
        prepared.site = Site(title: prepared.site.title, issues: [], standalone: [], sources: [])
        FreedMemory.giveBack()
        func keeping(_ number: Int, _ fingerprint: ContentFingerprint?) -> SearchBatch.Summary? {
            if let summary = keptByKey[number] ?? keptByFingerprint[number] { return summary }
            guard stored != nil, let fingerprint, number < last.count,
                  last[number].fingerprint == "\(fingerprint) \(program)",
                  output.keepPreviousFiles(under: "search/\(number)/") else { return nil }
            return last[number].summary
        }
        let (index, batches) = try SearchIndex.write(
            consume input, normalizer: normalizer, keeping: keeping, createFolder: { try output.createFolder($0) },
            with: { path, data in try output.writeIntoExistingFolder(data, to: path) })
        let made = "search index: \(index.documents) documents, \(index.positions) characters, "
            + "\(index.frequentStrings) frequent strings, \(index.records) records in \(index.recordShards) shards; "
            + "\(index.batchesMade) of \(index.batches) batches made, the others kept from the last build; "
            + "\(index.files) files, \(index.bytes) bytes written in \(clock.now - started)"
        logger.info("\(made)")
        if !index.phases.isEmpty {
            logger.info("search index: \(index.phases.map { "\($0.name) \($0.duration)" }.joined(separator: ", "))")
        }
        // Kept in the cache for the next build; it is only used when that build starts from this one's files.
        if let stored {
            var record = SearchIndexRecord(batches: batches.enumerated().map { number, batch in
                let known = batch.fingerprint ?? knownFingerprints[number]?.batch
                let fingerprint = known.map { "\($0) \(program)" } ?? last[number].fingerprint
                return SearchIndexRecord.Batch(key: keys?[number], fingerprint: fingerprint, summary: batch.summary)
            })
            // Each document's fingerprint: made in this build, or the last build's for a batch kept by its key.
            for (number, range) in (documentKeys?.ranges ?? []).enumerated() {
                let documents = batches[number].documentFingerprints ?? knownFingerprints[number]?.documents
                for (offset, position) in range.enumerated() {
                    guard let key = documentKeys?.documents[position] else { continue }
                    if let fingerprint = documents?[offset] ?? lastRecord?.documents[key] {
                        record.documents[key] = fingerprint
                    }
                }
            }
            try? record.write(to: stored)
        }
        return index.records
    }

    /// Refuses an output folder whose replacement would delete the sources, the templates or the project.
    func checkOutputFolder() throws {
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        try OutputFolderCheck.check(output: options.output, outputDisplayName: options.output.relativePath, protecting: [
            .init(url: options.content, displayName: "content folder \(options.contentDisplayName)"),
            .init(url: options.templates, displayName: "templates folder \(options.templatesDisplayName)"),
            .init(url: project, displayName: "project folder", mayContainOutput: true),
        ])
    }

    /// The site's name: `title` in `gazette.toml`, else `title` in `site.json` beside the content (deprecated,
    /// with a warning), else a default. A `site.json` that cannot be read is an error naming it (the site is still
    /// built, under the default name).
    private func siteTitle(diagnostics: inout [Diagnostic]) -> String {
        let fallback = SiteConfiguration.defaultTitle
        let url = options.content.appendingPathComponent("site.json")
        let location = SourceLocation(file: options.contentDisplayName + "/site.json", line: 1)
        let configuration = options.configurationDisplayName ?? SiteConfiguration.fileName
        guard FileManager.default.fileExists(atPath: url.path) else { return options.configuration.title ?? fallback }
        if let title = options.configuration.title {
            diagnostics.append(.warning("not read: the title is set in \(configuration); delete this file", at: location))
            return title
        }
        guard URL.isPath(url.resolvedPath, inside: options.content.resolvedPath) else {
            diagnostics.append(.error("symbolic link leads outside the content folder (to \(url.resolvedPath)); it is not read", at: location))
            return fallback
        }
        struct Settings: Decodable { var title: String? }
        do {
            let settings = try JSONDecoder().decode(Settings.self, from: Data(contentsOf: url))
            diagnostics.append(.warning("site.json is deprecated: move its title into \(configuration) (title = \"…\") and delete it", at: location))
            return settings.title ?? fallback
        } catch {
            diagnostics.append(.error("site settings not read, the site is named \(fallback): \(ReadableError.describe(error))", at: location))
            return fallback
        }
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
