import Foundation
@testable import GazetteKit
import Testing

/// A build with a cache holds each document's facts and the digest of its text, and reads the text back from the
/// cache when a step needs it: what it reads back is what the parser made, and what it shows is what a build that
/// held everything shows.
@Suite struct StoredPartsTests {
    static func prepare(cache: Bool, in folder: TemporaryFolder) throws -> SiteBuilder.Prepared {
        var options = SiteBuilder.Options(content: Samples.content, templates: Samples.templates,
                                          output: folder.url.appendingPathComponent("Output"),
                                          contentDisplayName: "Content")
        if cache {
            options.outputCache = folder.url.appendingPathComponent("cache")
            options.heldTextLimit = 0
        }
        return try SiteBuilder(options: options).prepare()
    }

    @Test func thePartsReadBackAreThoseTheParserMadeAndTheDigestsAgreeWithThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let held = try Self.prepare(cache: false, in: folder).site
        let stored = try Self.prepare(cache: true, in: folder).site
        #expect(held.documents.allSatisfy { !$0.document.partsAreStoredAway })
        #expect(stored.documents.count == held.documents.count)
        for published in stored.documents {
            #expect(published.document.partsAreStoredAway && published.document.body.isEmpty
                    && published.document.annex.isEmpty && published.document.sourceLines.isEmpty)
        }
        let readBack = try stored.storedParts.withParts(stored.documents)
        for (back, whole) in zip(readBack, held.documents) {
            #expect(back.document == whole.document, "\(whole.document.id)")
            #expect(back.position == whole.position)
        }
        // What each step reads of a document without its parts is what it would make of them.
        for (away, whole) in zip(stored.documents, held.documents) {
            let (document, parts) = (away.document, whole.document)
            #expect(document.digest == Document.Digest(of: parts))
            #expect(document.annexTitle == parts.annexTitle && document.metaDescription == parts.metaDescription)
            #expect(document.contentsTargets == parts.contentsTargets && document.searchLength == parts.searchLength)
            #expect(document.longestFragment == parts.longestFragment)
        }
        #expect(held.documents.contains { $0.document.annexTitle != nil })
        #expect(held.documents.contains { !$0.document.contentsTargets.isEmpty })
        // A second build takes the digests from the cache without decoding the parts: the same site.
        let again = try Self.prepare(cache: true, in: folder).site
        #expect(again.documents.map(\.document) == stored.documents.map(\.document))
    }

    @Test func pagesAndIndexMadeFromPartsReadBackAreThoseMadeFromPartsHeld() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let held = try Self.prepare(cache: false, in: folder)
        let stored = try Self.prepare(cache: true, in: folder)
        let heldPages = Dictionary(uniqueKeysWithValues: try held.renderPages().map { ($0.path, $0.html) })
        let storedPages = Dictionary(uniqueKeysWithValues: try stored.renderPages().map { ($0.path, $0.html) })
        #expect(storedPages == heldPages)
        let heldIndex = try held.searchIndexFiles(batchCharacters: 20_000).files
        let storedIndex = try stored.searchIndexFiles(batchCharacters: 20_000).files
        #expect(storedIndex.map(\.path) == heldIndex.map(\.path))
        #expect(zip(storedIndex, heldIndex).allSatisfy { $0.data == $1.data })
    }

    /// The cache deleted while the site is built: the step that reads the parts back fails, naming the cache file
    /// and the source; nothing is made from a document without its text.
    @Test func partsThatCannotBeReadBackFailTheStepThatNeedsThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stored = try Self.prepare(cache: true, in: folder)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("cache/parsed"))
        #expect(throws: SourceError.self) { _ = try stored.renderPages() }
        do {
            _ = try stored.site.storedParts.withParts(stored.site.documents)
            Issue.record("the parts were read back from a deleted cache")
        } catch let error as SourceError {
            let message = error.description
            #expect(message.contains("cache/parsed/") && message.contains("cannot be read back"), "\(message)")
            #expect(stored.site.sources.contains { message.contains($0.relativePath) }, "\(message)")
        }
    }

    /// A damaged entry whose digest is still good: the step that reads it fails, and the next build parses the
    /// source again rather than trusting the digest once more.
    @Test func aDamagedEntryFailsItsBuildAndIsParsedAgainByTheNext() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.prepare(cache: true, in: folder)
        let parsed = folder.url.appendingPathComponent("cache/parsed")
        let names = try FileManager.default.contentsOfDirectory(atPath: parsed.path)
        let entry = try #require(names.filter { !$0.hasSuffix(".digest") }.sorted().first)
        #expect(names.contains(entry + ".digest"))
        try Data("damaged".utf8).write(to: parsed.appendingPathComponent(entry))
        let damaged = try Self.prepare(cache: true, in: folder)
        #expect(throws: SourceError.self) { _ = try damaged.renderPages() }
        #expect(!FileManager.default.fileExists(atPath: parsed.appendingPathComponent(entry).path))
        #expect(!FileManager.default.fileExists(atPath: parsed.appendingPathComponent(entry + ".digest").path))
        let again = try Self.prepare(cache: true, in: folder)
        #expect(try again.renderPages().count == (try Self.prepare(cache: false, in: folder).renderPages().count))
    }
}
