import Foundation

/// A record the build keeps in a file of its cache folder, in the compact form (``CompactEncoder``): read whole or
/// not at all (a record that cannot be read is no record), written through a temporary file renamed into place.
enum CacheRecordFile {
    static func read<Record: Decodable>(_ type: Record.Type, named name: String, in cache: URL) -> Record? {
        guard let data = FileManager.default.contents(atPath: cache.appendingPathComponent(name).path) else {
            return nil
        }
        return try? CompactDecoder().decode(Record.self, from: [UInt8](data))
    }

    /// Writes `record`; a cache that cannot be written is only a slower next build.
    static func write(_ record: some Encodable, named name: String, in cache: URL) {
        guard let bytes = try? CompactEncoder().encode(record) else { return }
        try? Data(bytes).write(to: cache.appendingPathComponent(name), options: .atomic)
    }
}
