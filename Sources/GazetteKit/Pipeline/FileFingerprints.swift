import Foundation

/// The fingerprints of the bytes of the files a build read to know whether anything changed (``BuildInputs``), by
/// path, with each file's identity: a file still the one recorded (``FileIdentity/isUnchanged(since:at:)``) has the
/// recorded fingerprint without being read. Kept in `.Output.cache/file-fingerprints`; a record that cannot be
/// read is no record.
struct FileFingerprints: Sendable, Codable {
    struct Entry: Sendable, Codable {
        var identity: FileIdentity
        /// When the identity was taken, in nanoseconds since 1970.
        var recorded: Int64
        var fingerprint: String
    }

    static let fileName = "file-fingerprints"

    var entries: [String: Entry] = [:]

    /// The fingerprint of the file at `path` (as ``BuildInputs/fingerprint(ofFileAt:)`` gives it), from this record
    /// when the file is the one recorded; with the entry to record for it (nil for what is not a regular file, or a
    /// file that changed while it was read).
    func fingerprint(ofFileAt path: String) -> (fingerprint: String, entry: Entry?) {
        let url = URL(fileURLWithPath: path)
        let time = FileIdentity.now()
        guard let identity = FileIdentity.of(url) else { return (BuildInputs.fingerprint(ofFileAt: path), nil) }
        if let known = entries[path], identity.isUnchanged(since: known.identity, at: known.recorded) {
            return (known.fingerprint, known)
        }
        let fingerprint = BuildInputs.fingerprint(ofFileAt: path)
        guard FileIdentity.of(url) == identity, ContentFingerprint(hexadecimal: fingerprint[...]) != nil else {
            return (fingerprint, nil)
        }
        return (fingerprint, Entry(identity: identity, recorded: time, fingerprint: fingerprint))
    }

    static func read(from cache: URL) -> FileFingerprints? {
        CacheRecordFile.read(FileFingerprints.self, named: fileName, in: cache)
    }

    func write(to cache: URL) { CacheRecordFile.write(self, named: Self.fileName, in: cache) }
}
