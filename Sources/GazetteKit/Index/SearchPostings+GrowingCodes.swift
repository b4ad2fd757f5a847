extension SearchPostings {
    /// The ``PostingCode``s of one slice's records as they grow, an occurrence at a time, each record in one entry
    /// of 64 bytes (one cache line): what its next occurrence is coded against and the last 32 bytes of its code.
    /// A full 32 bytes move to the end of an arena in one copy, each block remembering the same record's block
    /// before it, so the arena is written in order. (Key, state and code in three places cost three cache misses an
    /// occurrence.)
    ///
    /// Written by its slice alone, then only read: raw memory, not arrays, which check on every write that they are
    /// not shared.
    final class GrowingCodes: @unchecked Sendable {
        static let blockSize = 32

        /// A record's key (for a table that needs one) and state, followed by the unflushed end of its code.
        struct Entry {
            var key: UInt64
            var firstDocument: Int32
            var lastDocument: Int32
            var lastPosition: Int32
            /// The record's last block in the arena (-1: none yet).
            var lastBlock: Int32
            /// How many bytes of the entry's own 32 are used.
            var pending: Int32
            var unused: Int32
            var code: (UInt64, UInt64, UInt64, UInt64)

            init(key: UInt64, document: Int, position: Int) {
                self.key = key
                firstDocument = Int32(truncatingIfNeeded: document)
                lastDocument = firstDocument
                lastPosition = Int32(truncatingIfNeeded: position)
                lastBlock = -1
                pending = 0
                unused = 0
                code = (0, 0, 0, 0)
            }
        }

        /// Full blocks of `blockSize` bytes (`blocks` of them used) and the block of the same record before each.
        private var arena: ByteArena
        private var blocks = 0
        private var previousBlock: [Int32] = []

        /// Codes of about `bytes` bytes in all: the arena is allocated for them (pages are only taken when written),
        /// so it does not grow by copying itself, which holds two copies at once.
        init(bytes: Int) {
            arena = ByteArena(capacity: max(Self.blockSize, bytes))
            previousBlock.reserveCapacity(bytes / Self.blockSize)
        }

        /// Entries for `count` records, each with the key `key` and the rest zero, aligned to cache lines.
        static func allocateEntries(_ count: Int, key: UInt64) -> UnsafeMutablePointer<Entry> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Entry>.stride, alignment: 64)
            let entries = raw.bindMemory(to: Entry.self, capacity: count)
            entries.initialize(repeating: Entry(key: key, document: 0, position: 0), count: count)
            return entries
        }

        /// Appends a number's ``PostingCode`` to an entry's code, moving its 32 bytes to the arena when full.
        @inline(__always)
        func append(_ value: Int, to entry: UnsafeMutablePointer<Entry>) {
            let code = UnsafeMutableRawPointer(entry) + MemoryLayout<Entry>.offset(of: \Entry.code)!
            PostingCode.forEachByte(of: value) { byte in
                if entry.pointee.pending == Int32(Self.blockSize) {
                    flush(code, of: entry)
                }
                code.storeBytes(of: byte, toByteOffset: Int(entry.pointee.pending), as: UInt8.self)
                entry.pointee.pending += 1
            }
        }

        private func flush(_ code: UnsafeMutableRawPointer, of entry: UnsafeMutablePointer<Entry>) {
            if (blocks + 1) * Self.blockSize > arena.capacity {
                arena = ByteArena(copying: arena, used: blocks * Self.blockSize, capacity: arena.capacity * 2)
            }
            let block = UnsafeMutableRawPointer(arena.bytes + blocks * Self.blockSize)
            block.copyMemory(from: code, byteCount: Self.blockSize)
            previousBlock.append(entry.pointee.lastBlock)
            entry.pointee.lastBlock = Int32(blocks)
            entry.pointee.pending = 0
            blocks += 1
        }

        /// Appends an entry's whole code to `bytes`: its blocks in order, then its own bytes.
        func appendCode(of entry: UnsafePointer<Entry>, to bytes: inout [UInt8]) {
            var chain: [Int] = []
            var block = Int(entry.pointee.lastBlock)
            while block >= 0 {
                chain.append(block)
                block = Int(previousBlock[block])
            }
            for block in chain.reversed() {
                bytes.append(contentsOf: UnsafeBufferPointer(start: arena.bytes + block * Self.blockSize,
                                                             count: Self.blockSize))
            }
            withUnsafeBytes(of: entry.pointee.code) { code in
                bytes.append(contentsOf: code.prefix(Int(entry.pointee.pending)))
            }
        }
    }
}
