import Foundation

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
        write(bytes, named: name, in: cache)
    }

    /// The bytes of the record called `name`; nil when there is none.
    static func read(named name: String, in cache: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: cache.appendingPathComponent(name).path).map { [UInt8]($0) }
    }

    static func write(_ bytes: [UInt8], named name: String, in cache: URL) {
        try? Data(bytes).write(to: cache.appendingPathComponent(name), options: .atomic)
    }
}
