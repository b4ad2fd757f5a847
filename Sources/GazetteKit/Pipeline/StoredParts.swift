import Foundation

/// Where a build keeps the parts of its documents (body, annex, source lines) between parsing and the steps that
/// read them: in the build cache's entry of their source (``ParseCache``), written when the source was parsed.
/// The site holds each document's digest instead (``Document/Digest``), so that memory grows with the number of
/// documents, not with their text. Each step that reads the parts (finding citations, making pages and API files,
/// the search index's texts) reads them back a source at a time and lets them go.
///
/// Without a build cache (a site made in memory, for checks and tests), the parts stay in place.
public struct StoredParts: Sendable {
    var cache: ParseCache?
    /// The parse key of each source whose documents' parts are stored away, by its relative path.
    var keys: [String: String] = [:]

    public init() {}

    init(cache: ParseCache) {
        self.cache = cache
    }

    /// Whether the documents of a source have their parts stored away.
    func areStoredAway(forSource relativePath: String) -> Bool { keys[relativePath] != nil }

    /// The documents with their parts back in place, read from the build cache once per source, on all cores.
    public func withParts(_ documents: [PublishedDocument]) throws -> [PublishedDocument] {
        var documents = documents
        let away = documents.indices.filter { documents[$0].document.partsAreStoredAway }
        let sources = Array(Set(away.map { documents[$0].sourceRelativePath })).sorted()
        let loaded = Dictionary(uniqueKeysWithValues: zip(sources, try sources.concurrentMap(parts(ofSource:))))
        for index in away {
            let source = documents[index].sourceRelativePath
            let (parts, position) = (loaded[source] ?? [], documents[index].position)
            guard parts.indices.contains(position) else {
                throw missing(source, "it holds \(parts.count) documents, not document \(position + 1)")
            }
            documents[index].document.restore(parts[position])
        }
        return documents
    }

    /// The issue with its documents' parts back in place.
    public func withParts(_ published: PublishedIssue) throws -> PublishedIssue {
        var published = published
        guard published.issue.documents.contains(where: \.partsAreStoredAway) else { return published }
        let parts = try parts(ofSource: published.sourceRelativePath)
        guard parts.count == published.issue.documents.count else {
            throw missing(published.sourceRelativePath,
                          "it holds \(parts.count) documents, not \(published.issue.documents.count)")
        }
        for index in parts.indices { published.issue.documents[index].restore(parts[index]) }
        return published
    }

    /// The site with every document's parts in place (for the checks and reports made from a whole site).
    public func withParts(_ site: Site) throws -> Site {
        var site = site
        site.issues = try site.issues.concurrentMap(withParts)
        site.standalone = try withParts(site.standalone)
        return site
    }

    /// The parts of a source's documents, in order, as its entry in the build cache holds them.
    private func parts(ofSource relativePath: String) throws -> [Document.Parts] {
        guard let cache, let key = keys[relativePath] else {
            throw missing(relativePath, "the build kept no entry for it")
        }
        guard let entry = cache.entry(key) else {
            // The next build parses the source again instead of trusting the digest beside a damaged entry.
            cache.removeEntry(key)
            throw missing(relativePath, "its file is missing or damaged")
        }
        if let issue = entry.issue { return issue.issue.documents.map(\.parts) }
        return entry.document.map { [$0.document.parts] } ?? []
    }

    private func missing(_ relativePath: String, _ reason: String) -> SourceError {
        let file = cache.map { $0.folder.appendingPathComponent(keys[relativePath] ?? "?").path } ?? "(no build cache)"
        return SourceError("the parsed text of \(relativePath) was stored in the build cache and cannot be read back "
                           + "(\(reason)); it may have been deleted while the site was built: build again",
                           at: SourceLocation(file: file, line: 0))
    }
}
