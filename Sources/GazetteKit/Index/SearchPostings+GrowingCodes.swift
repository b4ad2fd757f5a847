extension SearchPostings {
    /// The ``PostingCode``s of one slice's records as they grow, an occurrence at a time, each record in one entry
    /// of 64 bytes (one cache line): what its next occurrence is coded against and the last 32 bytes of its code.
    /// A full 32 bytes move in one copy to the record's block in an arena; each block of a record is twice the size
    /// of the one before (up to 128 bytes: a larger last block, partly empty, cost more memory than its fewer links
    /// saved time) and remembers it, so a record of 1 KB is read back from 9 blocks, not from 32 scattered ones. (Key,
    /// state and code in three places cost three cache misses an occurrence; blocks of 32 bytes, a miss each when
    /// the record files were written.)
    ///
    /// Written by its slice alone, then only read: raw memory, not arrays, which check on every write that they are
    /// not shared; and its properties without the runtime's exclusivity check (`@exclusivity(unchecked)`).
    final class GrowingCodes: @unchecked Sendable {
        /// Bytes of code an entry holds, and the unit of the arena.
        static let unit = 32
        /// A record's blocks hold 1, 2, 4 … `maximumUnits` units.
        private static let maximumUnits = 4

        /// A record's key (for a table that needs one) and state, followed by the unflushed end of its code.
        struct Entry {
            var key: UInt64
            var firstDocument: Int32
            var lastDocument: Int32
            var lastPosition: Int32
            /// The record's last block (-1: none yet): its first unit, its units and the bytes used in it.
            var lastBlock: Int32
            var lastBlockStart: UInt32
            var lastBlockUsed: UInt16
            var lastBlockUnits: UInt8
            /// How many bytes of the entry's own 32 are used.
            var pending: UInt8
            var code: (UInt64, UInt64, UInt64, UInt64)

            init(key: UInt64, document: Int, position: Int) {
                self.key = key
                firstDocument = Int32(truncatingIfNeeded: document)
                lastDocument = firstDocument
                lastPosition = Int32(truncatingIfNeeded: position)
                lastBlock = -1
                lastBlockStart = 0
                lastBlockUsed = 0
                lastBlockUnits = 0
                pending = 0
                code = (0, 0, 0, 0)
            }
        }

        /// A block: the same record's block before it (-1: none), its first unit and its units.
        private struct Block {
            var previous: Int32
            var start: UInt32
            var units: UInt32
        }

        @exclusivity(unchecked) private var arena: ByteArena
        @exclusivity(unchecked) private var unitsUsed = 0
        @exclusivity(unchecked) private var blocks: [Block] = []

        /// Codes of about `bytes` bytes in all: the arena is allocated for them (pages are only taken when written),
        /// so it does not grow by copying itself, which holds two copies at once.
        init(bytes: Int) {
            arena = ByteArena(capacity: max(Self.unit, bytes))
        }

        /// Entries for `count` records, each with the key `key` and the rest zero, aligned to cache lines.
        static func allocateEntries(_ count: Int, key: UInt64) -> UnsafeMutablePointer<Entry> {
            let raw = LargeAllocation.allocate(byteCount: count * MemoryLayout<Entry>.stride)
            let entries = raw.bindMemory(to: Entry.self, capacity: count)
            entries.initialize(repeating: Entry(key: key, document: 0, position: 0), count: count)
            return entries
        }

        /// Appends a number's ``PostingCode`` to an entry's code, moving its 32 bytes to the arena when full.
        @inline(__always)
        func append(_ value: Int, to entry: UnsafeMutablePointer<Entry>) {
            let code = UnsafeMutableRawPointer(entry) + MemoryLayout<Entry>.offset(of: \Entry.code)!
            PostingCode.forEachByte(of: value) { byte in
                if entry.pointee.pending == UInt8(Self.unit) {
                    flush(code, of: entry)
                }
                code.storeBytes(of: byte, toByteOffset: Int(entry.pointee.pending), as: UInt8.self)
                entry.pointee.pending += 1
            }
        }

        private func flush(_ code: UnsafeMutableRawPointer, of entry: UnsafeMutablePointer<Entry>) {
            if Int(entry.pointee.lastBlockUsed) == Int(entry.pointee.lastBlockUnits) * Self.unit {
                let units = min(max(1, Int(entry.pointee.lastBlockUnits) * 2), Self.maximumUnits)
                if (unitsUsed + units) * Self.unit > arena.capacity {
                    arena = ByteArena(copying: arena, used: unitsUsed * Self.unit,
                                      capacity: max(arena.capacity * 2, (unitsUsed + units) * Self.unit))
                }
                blocks.append(Block(previous: entry.pointee.lastBlock, start: UInt32(unitsUsed), units: UInt32(units)))
                entry.pointee.lastBlock = Int32(blocks.count - 1)
                entry.pointee.lastBlockStart = UInt32(unitsUsed)
                entry.pointee.lastBlockUsed = 0
                entry.pointee.lastBlockUnits = UInt8(units)
                unitsUsed += units
            }
            let target = arena.bytes + Int(entry.pointee.lastBlockStart) * Self.unit + Int(entry.pointee.lastBlockUsed)
            UnsafeMutableRawPointer(target).copyMemory(from: code, byteCount: Self.unit)
            entry.pointee.lastBlockUsed += UInt16(Self.unit)
            entry.pointee.pending = 0
        }

        /// Appends an entry's whole code to `bytes`: its blocks in order, then its own bytes.
        func appendCode(of entry: UnsafePointer<Entry>, to bytes: inout [UInt8]) {
            var chain: [Block] = []
            var block = Int(entry.pointee.lastBlock)
            while block >= 0 {
                chain.append(blocks[block])
                block = Int(blocks[block].previous)
            }
            for (index, block) in chain.enumerated().reversed() {
                let used = index == 0 ? Int(entry.pointee.lastBlockUsed) : Int(block.units) * Self.unit
                bytes.append(contentsOf: UnsafeBufferPointer(start: arena.bytes + Int(block.start) * Self.unit,
                                                             count: used))
            }
            withUnsafeBytes(of: entry.pointee.code) { code in
                bytes.append(contentsOf: code.prefix(Int(entry.pointee.pending)))
            }
        }
    }
}
