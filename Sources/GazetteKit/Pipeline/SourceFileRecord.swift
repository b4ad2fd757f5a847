import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last build knew of each source file by its identity in the file system (device, inode, size, times of
/// modification and of status change): the size and fingerprint of its decoded text, the kind its text gave it and
/// the notes of its decoding. A source whose identity is still the recorded one need not be read to know what its
/// parse depends on: with its parse-cache entry, it is not read at all. Kept in `.Output.cache/sources`; a record
/// that cannot be read is no record.
///
/// A file changed within one tick of the file system's clock after it was recorded keeps its times: an entry is
/// trusted only for a file that had not changed for ``settled`` when it was recorded (what git does for its index).
struct SourceFileRecord: Sendable, Codable {
    struct Identity: Sendable, Codable, Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
        var changed: Int64

        /// The identity of the file at `url` (through symbolic links); nil when it has none.
        static func of(_ url: URL) -> Identity? {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            #if canImport(Glibc)
            let (modified, changed) = (info.st_mtim, info.st_ctim)
            #else
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
            #endif
            return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                            changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
        }
    }

    struct Entry: Sendable, Codable {
        var identity: Identity
        /// When the identity was taken, in nanoseconds since 1970.
        var recorded: Int64
        var textBytes: Int
        var textFingerprint: String
        /// The kind the text gave the source; nil when its sidecar set the kind (the text's was not needed).
        var kindFromText: SourceMetadata.Kind?
        var notes: [Diagnostic]

        /// Whether a file of `identity` is the one recorded, unchanged.
        func describes(_ identity: Identity) -> Bool {
            identity == self.identity && max(identity.modified, identity.changed) < recorded - settled
        }
    }

    /// How long a file must have been left alone when it is recorded for its entry to be trusted.
    static let settled: Int64 = 2_000_000_000

    static let fileName = "sources"

    /// By the sources' relative paths.
    var entries: [String: Entry] = [:]

    /// Nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func read(from cache: URL) -> SourceFileRecord? {
        guard let data = FileManager.default.contents(atPath: cache.appendingPathComponent(fileName).path) else {
            return nil
        }
        return try? CompactDecoder().decode(SourceFileRecord.self, from: [UInt8](data))
    }

    /// Written whole or not at all (a temporary file renamed into place).
    func write(to cache: URL) {
        guard let bytes = try? CompactEncoder().encode(self) else { return }
        try? Data(bytes).write(to: cache.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
