import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as the file system tells it apart (through symbolic links): device, inode, size and the times of
/// modification and of status change. A file whose identity is the one recorded, and that had been left alone for
/// ``settled`` when it was recorded, holds what it held then: it need not be read to be known.
struct FileIdentity: Sendable, Codable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// Nanoseconds since 1970.
    var modified: Int64
    var changed: Int64

    /// The identity of the file at `url` (through symbolic links); nil when it has none.
    static func of(_ url: URL) -> FileIdentity? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        #if canImport(Glibc)
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #else
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #endif
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                            changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
    }

    /// How long a file must have been left alone when it is recorded for its record to be trusted: a file changed
    /// again within one tick of the file system's clock keeps its times (git's rule for its index).
    static let settled: Int64 = 2_000_000_000

    /// Whether the file is still the one recorded as `recorded` at `time` (nanoseconds since 1970), having been
    /// left alone for ``settled`` then: it holds what it held when recorded.
    func isUnchanged(since recorded: FileIdentity, at time: Int64) -> Bool {
        self == recorded && max(modified, changed) < time - Self.settled
    }

    /// Nanoseconds since 1970.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
