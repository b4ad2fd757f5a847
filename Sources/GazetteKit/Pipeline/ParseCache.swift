import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the parser made of each source, kept in the build cache (`.Output.cache/parsed/`, in the form of
/// ``CompactEncoder``) by a fingerprint of
/// everything it depends on: the source's text, path and sidecar, and the program. A source that did not change
/// is read back instead of being repaired and parsed again. A file that cannot be read back is parsed anew:
/// the cache is never trusted over the source.
struct ParseCache: Sendable {
    /// What parsing one source gives: its issue or document, and the problems found (repairs included).
    struct Entry: Sendable, Codable {
        var issue: PublishedIssue?
        var document: PublishedDocument?
        var diagnostics: [Diagnostic] = []

        /// Lets the parts of its documents go, keeping their digests (``StoredParts``).
        mutating func storeAwayParts() {
            if issue != nil {
                for index in issue!.issue.documents.indices { issue!.issue.documents[index].storeAwayParts() }
            }
            document?.document.storeAwayParts()
        }
    }

    let folder: URL
    private let program: String

    init(cache: URL) {
        folder = cache.appendingPathComponent("parsed", isDirectory: true)
        program = BuildInputs.programIdentity()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The name of the cache file of `source`.
    func key(of source: Source) -> String {
        key(relativePath: source.relativePath, displayPath: source.displayPath, kind: source.kind,
            metadata: source.metadata, textFingerprint: source.textFingerprint)
    }

    /// The name of the cache file of a source with these facts and this text.
    func key(relativePath: String, displayPath: String, kind: SourceMetadata.Kind, metadata: SourceMetadata,
             textFingerprint: ContentFingerprint) -> String {
        let metadata = (try? CompactEncoder().encode(metadata)).map { ContentFingerprint(bytes: $0).description } ?? "?"
        let header = ["gazette parsed source 4", program, relativePath, displayPath, kind.rawValue, metadata]
            .joined(separator: "\n")
        return ContentFingerprint(text: "\(ContentFingerprint(text: header))\(textFingerprint)").description
    }

    /// The entry stored under `key`, if it can be read.
    func entry(_ key: String) -> Entry? {
        read(key)
    }

    /// The entry stored under `key` with its documents' parts stored away (``Entry/storeAwayParts()``), if it can
    /// be read: from the digest beside it, read without decoding the parts; else from the whole entry, whose digest
    /// is then stored.
    func entryWithPartsStoredAway(_ key: String) -> Entry? {
        if access(folder.appendingPathComponent(key).path, R_OK) == 0, let digest = read(key + Self.digestSuffix) {
            return digest
        }
        guard var entry = read(key) else { return nil }
        entry.storeAwayParts()
        write(entry, to: key + Self.digestSuffix)
        return entry
    }

    /// Stores `entry` under `key` (a temporary file renamed into place: whole or absent), and the entry with its
    /// parts stored away beside it; returns the latter, nil when the entry could not be stored.
    func storeAwayParts(of entry: Entry, as key: String) -> Entry? {
        var digest = entry
        digest.storeAwayParts()
        guard write(entry, to: key) else { return nil }
        write(digest, to: key + Self.digestSuffix)
        return digest
    }

    /// Deletes an entry and its digest.
    func removeEntry(_ key: String) {
        unlink(folder.appendingPathComponent(key).path)
        unlink(folder.appendingPathComponent(key + Self.digestSuffix).path)
    }

    /// Deletes the entries of sources this build did not read: sources changed or gone.
    func removeEntries(except used: Set<String>) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let key = name.hasSuffix(Self.digestSuffix) ? String(name.dropLast(Self.digestSuffix.count)) : name
            if !used.contains(key) { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    /// The file of an entry's digest: `KEY.digest`.
    private static let digestSuffix = ".digest"

    private func read(_ name: String) -> Entry? {
        let path = folder.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? CompactDecoder().decode(Entry.self, from: [UInt8](data))
    }

    @discardableResult
    private func write(_ entry: Entry, to name: String) -> Bool {
        guard let bytes = try? CompactEncoder().encode(entry) else { return false }
        return (try? CacheRecordFile.replace(folder.appendingPathComponent(name), with: bytes)) != nil
    }
}
