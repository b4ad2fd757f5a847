import Foundation

/// The parse step's work on one source, on all cores: a source whose file is the one the last build read (same
/// identity, ``SourceFileRecord``) and whose parse is in the build cache is not read at all; another is read, and
/// taken from the cache when its text is the same, else repaired and parsed (and stored in the cache). A source
/// taken from the cache comes with its documents' parts stored away: a step that needs them reads them back
/// (``StoredParts``), and most steps of a rebuild do not. A source parsed now holds them, unless `storesParts`
/// (the sources' text is more than the build holds).
struct SourceParse: Sendable {
    let reader: ContentScanner
    let cache: ParseCache?
    let converter: TraditionalToSimplified
    let progress: SourceProgress?
    let lastFiles: SourceFileRecord?
    let storesParts: Bool

    /// Reads, repairs and parses the source at `path` (relative to the content folder), or takes it from the cache.
    @Sendable func read(_ path: String) -> Result {
        if let known = fromKnownFile(path) { return known }
        let file = reader.file(of: path)
        let recorded = FileIdentity.now()
        let identity = FileIdentity.of(file)
        let (source, notes) = reader.read(path)
        guard let source else { return Result(notes: notes) }
        // Recorded only when the file did not change while it was read.
        let fileEntry = identity.flatMap { identity in
            identity == FileIdentity.of(file) ? SourceFileRecord.Entry(
                identity: identity, recorded: recorded, textBytes: source.text.utf8.count,
                textFingerprint: source.textFingerprint.description,
                kindFromText: source.metadata.kind == nil ? source.kind : nil, notes: notes) : nil
        }
        let published = PublishedSource(source)
        let key = cache?.key(of: source)
        if let key, let entry = cache?.entryWithPartsStoredAway(key) {
            return Result(source: published, key: key, entry: entry, notes: notes, file: fileEntry,
                          partsStoredAway: true)
        }
        let entry = repairAndParse(source)
        guard let cache, let key else {
            return Result(source: published, key: key, entry: entry, notes: notes, file: fileEntry)
        }
        // Once the entry is stored, the parts of its documents can be read back from it when needed.
        if let storedAway = cache.storeAwayParts(of: entry, as: key), storesParts {
            return Result(source: published, key: key, entry: storedAway, notes: notes, file: fileEntry,
                          partsStoredAway: true)
        }
        return Result(source: published, key: key, entry: entry, notes: notes, file: fileEntry)
    }

    /// The source at `path` from the cache, without reading it, when its file is the one the last build read.
    private func fromKnownFile(_ path: String) -> Result? {
        let file = reader.file(of: path)
        guard let cache, let known = lastFiles?.entries[path], let identity = FileIdentity.of(file),
              known.describes(identity), let fingerprint = ContentFingerprint(hexadecimal: known.textFingerprint[...]),
              let metadata = try? reader.sidecar(for: path), let kind = metadata.kind ?? known.kindFromText
        else { return nil }
        let displayPath = reader.displayPath(of: path)
        let key = cache.key(relativePath: path, displayPath: displayPath, kind: kind, metadata: metadata,
                            textFingerprint: fingerprint)
        guard let entry = cache.entryWithPartsStoredAway(key) else { return nil }
        let source = PublishedSource(relativePath: path, displayPath: displayPath, file: file,
                                     textBytes: known.textBytes, textFingerprint: fingerprint)
        return Result(source: source, key: key, entry: entry, notes: known.notes, file: known, partsStoredAway: true)
    }

    /// What reading and parsing one source gave: nothing but notes when it could not be read.
    struct Result: Sendable {
        var source: PublishedSource?
        /// Its parse key, with a build cache.
        var key: String?
        var entry: ParseCache.Entry?
        /// What its reading found (its decoding, or why it could not be read).
        var notes: [Diagnostic]
        /// What the next build may know of its file without reading it.
        var file: SourceFileRecord.Entry?
        /// Whether its documents' parts are stored away in its entry of the build cache (``StoredParts``).
        var partsStoredAway: Bool

        init(source: PublishedSource? = nil, key: String? = nil, entry: ParseCache.Entry? = nil, notes: [Diagnostic],
             file: SourceFileRecord.Entry? = nil, partsStoredAway: Bool = false) {
            self.source = source
            self.key = key
            self.entry = entry
            self.notes = notes
            self.file = file
            self.partsStoredAway = partsStoredAway
        }
    }

    /// Repairs the OCR text of one source and parses it; tells `progress` where the work is.
    private func repairAndParse(_ source: Source) -> ParseCache.Entry {
        progress?.started(source.relativePath)
        defer { progress?.finished(source.relativePath) }
        var repairs: [Diagnostic] = []
        let lines = SourceNormalizer(converter: converter)
            .normalize(SourceText.lines(of: source.text), file: source.displayPath, diagnostics: &repairs)
        let path = source.relativePath
        let reached: (@Sendable (Int) -> Void)? = progress.map { progress in
            { @Sendable line in progress.reached(path, line) }
        }
        var result = Self.parse(source, lines: lines, documentStarted: reached)
        result.diagnostics = repairs + result.diagnostics
        return result
    }

    private static func parse(
        _ source: Source, lines: [SourceLine], documentStarted: (@Sendable (Int) -> Void)?
    ) -> ParseCache.Entry {
        var parsed = ParseCache.Entry()
        switch source.kind {
        case .issue:
            let parser = IssueParser(file: source.displayPath, gazetteSlug: source.gazetteSlug ?? "gazette",
                                     documentStarted: documentStarted)
            let result = parser.parse(lines, metadata: source.metadata)
            parsed.diagnostics = result.diagnostics
            parsed.issue = result.issue.map { publish($0, from: source) }
        case .document:
            var lines = lines
            // A document copied from a web page may end with the page's leftovers: not part of the document.
            if let start = WebLeftovers.start(in: lines) {
                // Leftovers before any text of the document would leave nothing to build: the source would vanish.
                guard lines[..<start].contains(where: { !LineClassifier.compact($0.text).isEmpty }) else {
                    parsed.diagnostics.append(.error(
                        "no document before the web page leftovers that start here (an end mark, related reading or a "
                            + "list of links): nothing is left to build",
                        at: SourceLocation(file: source.displayPath, line: lines[start].number)))
                    return parsed
                }
                parsed.diagnostics.append(.warning(
                    "text from line \(lines[start].number) on is left out of the document: web page leftovers after its end "
                        + "(an end mark, related reading or a list of links); it stays on the original-text page",
                    at: SourceLocation(file: source.displayPath, line: lines[start].number)))
                lines = Array(lines[..<start])
            }
            let parser = StandaloneDocumentParser(file: source.displayPath, documentStarted: documentStarted)
            let id = source.metadata.slug ?? source.stem
            if let document = parser.parse(lines, id: id, metadata: source.metadata, diagnostics: &parsed.diagnostics) {
                parsed.document = PublishedDocument(document: document, sourceRelativePath: source.relativePath,
                                                    note: source.metadata.note)
            }
        }
        return parsed
    }

    private static func publish(_ issue: Issue, from source: Source) -> PublishedIssue {
        let gazette = source.gazetteSlug ?? "gazette"
        let path = PublishedIssue.path(gazette: gazette, masthead: issue.masthead)
        return PublishedIssue(issue: issue, gazetteSlug: gazette, path: path, sourceRelativePath: source.relativePath)
    }
}
