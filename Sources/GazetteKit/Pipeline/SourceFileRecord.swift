import Foundation

/// What the last build knew of each source file by its identity in the file system (device, inode, size, times of
/// modification and of status change): the size and fingerprint of its decoded text, the kind its text gave it and
/// the notes of its decoding. A source whose identity is still the recorded one need not be read to know what its
/// parse depends on: with its parse-cache entry, it is not read at all. Kept in `.Output.cache/sources`; a record
/// that cannot be read is no record.
///
/// An entry is trusted only for a file that had been left alone when it was recorded (``FileIdentity``).
struct SourceFileRecord: Sendable, Codable {
    struct Entry: Sendable, Codable {
        var identity: FileIdentity
        /// When the identity was taken, in nanoseconds since 1970.
        var recorded: Int64
        var textBytes: Int
        var textFingerprint: String
        /// The kind the text gave the source; nil when its sidecar set the kind (the text's was not needed).
        var kindFromText: SourceMetadata.Kind?
        var notes: [Diagnostic]

        /// Whether a file of `identity` is the one recorded, unchanged.
        func describes(_ identity: FileIdentity) -> Bool { identity.isUnchanged(since: self.identity, at: recorded) }
    }

    static let fileName = "sources"

    /// By the sources' relative paths.
    var entries: [String: Entry] = [:]

    static func read(from cache: URL) -> SourceFileRecord? {
        CacheRecordFile.read(SourceFileRecord.self, named: fileName, in: cache)
    }

    func write(to cache: URL) { CacheRecordFile.write(self, named: Self.fileName, in: cache) }
}
