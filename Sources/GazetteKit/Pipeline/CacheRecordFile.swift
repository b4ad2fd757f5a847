import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record the build keeps in a file of its cache folder, in the compact form (``CompactEncoder``) or written by
/// hand (``RecordWriter``): read whole or not at all (a record that cannot be read is no record), written through a
/// temporary file renamed into place.
enum CacheRecordFile {
    static func read<Record: Decodable>(_ type: Record.Type, named name: String, in cache: URL) -> Record? {
        guard let bytes = read(named: name, in: cache) else { return nil }
        return try? CompactDecoder().decode(Record.self, from: bytes)
    }

    /// Writes `record`; a cache that cannot be written is only a slower next build.
    static func write(_ record: some Encodable, named name: String, in cache: URL) {
        guard let bytes = try? CompactEncoder().encode(record) else { return }
        write(bytes: bytes, named: name, in: cache)
    }

    /// The bytes of the record called `name`; nil when there is none.
    static func read(named name: String, in cache: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: cache.appendingPathComponent(name).path).map { [UInt8]($0) }
    }

    /// Writes the bytes of a record made by hand (``RecordWriter``).
    static func write(bytes: [UInt8], named name: String, in cache: URL) {
        try? replace(cache.appendingPathComponent(name), with: bytes)
    }

    /// Writes `bytes` to the file at `url` through a temporary file beside it, renamed over it: the file is whole
    /// or absent, never cut short. Unlike `Data.write(options: .atomic)`, the file is not synced to the disk first:
    /// a record lost with the machine is only a slower build (a record that cannot be read is no record), and a
    /// sync waits for every write the file system holds (a rebuild spent tenths of a second in them).
    static func replace(_ url: URL, with bytes: [UInt8]) throws {
        let name = ".\(url.lastPathComponent).\(getpid())-\(UInt64.random(in: .min ... .max)).new"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(name).path
        do {
            _ = try bytes.withUnsafeBytes { try StagedOutput.writeFile($0, at: temporary, missingFolderIsError: true) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, url.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StagedOutputError.fileSystem(operation: "rename", path: url.path, errno: code)
        }
    }
}
