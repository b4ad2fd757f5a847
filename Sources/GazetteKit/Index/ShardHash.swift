/// Which shard file holds a key: FNV-1a (32 bits) over the key's UTF-16 code units, modulo the number of shards.
/// `Templates/assets/search-core.js` (`shardOf`) computes the same.
enum ShardHash {
    static func shard(of key: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for unit in key.utf16 {
            hash ^= UInt32(unit)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }
}
