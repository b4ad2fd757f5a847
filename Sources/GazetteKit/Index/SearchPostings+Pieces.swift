import CPrefetch

extension SearchPostings {
    /// The codes of the pieces one slice sees, in an open-addressing table of ``GrowingCodes/Entry`` (a
    /// `Dictionary` hashes with SipHash, several times slower). An occurrence is added for nearly every character,
    /// at a piece met at random in tables larger than the processor's cache: each occurrence waits in a queue
    /// while its entry is fetched, so the fetches of several are in flight at once. (One at a time, the wait for
    /// memory was most of the 20 seconds that postings took on the reference workload.) The queue keeps the order
    /// of occurrences; ``finish()`` adds those still waiting.
    ///
    /// Written by its slice alone, then only read: raw memory, not arrays, which check on every write that they
    /// are not shared; and its properties, used for every character indexed, without the runtime's exclusivity
    /// check (`@exclusivity(unchecked)`).
    final class Pieces: @unchecked Sendable {
        private typealias Entry = GrowingCodes.Entry
        private static let emptyKey = UInt64.max
        /// Occurrences waiting for their entries: about as many as a core has loads from memory in flight.
        private static let queueLength = 16

        @exclusivity(unchecked) private var entries: UnsafeMutablePointer<Entry>
        @exclusivity(unchecked) private var capacity: Int
        /// 64 minus the bits of an entry index: a hash is the top bits of the key times a constant.
        @exclusivity(unchecked) private var shift: Int
        @exclusivity(unchecked) private(set) var keys: [UInt64] = []
        private let codes: GrowingCodes
        private let queue: UnsafeMutablePointer<(key: UInt64, document: Int, position: Int)>
        @exclusivity(unchecked) private var queued = 0
        @exclusivity(unchecked) private var added = 0

        /// Pieces for about `occurrences` occurrences (an occurrence takes about 2.5 bytes on the reference
        /// workload, its document gap and position, and the records' last blocks are partly empty).
        init(occurrences: Int) {
            precondition(occurrences < Int(Int32.max), "positions fit in 32 bits")
            capacity = 1 << 12
            shift = 64 - 12
            entries = GrowingCodes.allocateEntries(capacity, key: Self.emptyKey)
            codes = GrowingCodes(bytes: occurrences * 4)
            queue = .allocate(capacity: Self.queueLength)
        }

        deinit {
            entries.deallocate()
            queue.deallocate()
        }

        /// Where the probe for `key` starts (``IntegerTable``'s hash).
        @inline(__always)
        private func home(of key: UInt64) -> Int {
            IntegerTable.hash(key, shift)
        }

        /// The entry of `key`, or the empty entry where it goes.
        @inline(__always)
        private func slot(of key: UInt64) -> (entry: UnsafeMutablePointer<Entry>, found: Bool) {
            var index = home(of: key)
            while true {
                let entry = entries + index
                let found = entry.pointee.key
                if found == key { return (entry, true) }
                if found == Self.emptyKey { return (entry, false) }
                index = (index + 1) & (capacity - 1)
            }
        }

        /// The entry of `key`, if the slice has seen it.
        private func entry(of key: UInt64) -> UnsafeMutablePointer<Entry>? {
            let slot = slot(of: key)
            return slot.found ? slot.entry : nil
        }

        /// Appends the code of the piece `key`, if this slice has it, after the slice's document gap from
        /// `previous` (the last document of the codes before); returns the last document now written.
        func appendCode(of key: UInt64, after previous: Int, to bytes: inout [UInt8]) -> Int {
            precondition(added == queued, "every occurrence was added")
            guard let entry = entry(of: key) else { return previous }
            PostingCode.append(Int(entry.pointee.firstDocument) - previous, to: &bytes)
            codes.appendCode(of: entry, to: &bytes)
            return Int(entry.pointee.lastDocument)
        }

        /// Adds one occurrence of a piece, once its entry is fetched: ``finish()`` adds the last ones.
        @inline(__always)
        func add(_ document: Int, _ position: Int, to key: UInt64) {
            let slot = queued & (Self.queueLength - 1)
            if queued - added == Self.queueLength {
                let waiting = queue[slot]
                addNow(waiting.document, waiting.position, to: waiting.key)
                added += 1
            }
            queue[slot] = (key, document, position)
            queued += 1
            gazette_prefetch_for_writing(entries + home(of: key))
        }

        /// Adds the occurrences still waiting.
        func finish() {
            while added < queued {
                let waiting = queue[added & (Self.queueLength - 1)]
                addNow(waiting.document, waiting.position, to: waiting.key)
                added += 1
            }
        }

        /// Adds one occurrence of a piece: document gap (0 for the same document), then the position or its gap.
        @inline(__always)
        private func addNow(_ document: Int, _ position: Int, to key: UInt64) {
            let (entry, found) = slot(of: key)
            if found {
                if Int(entry.pointee.lastDocument) == document {
                    codes.append(0, to: entry)
                    codes.append(position - Int(entry.pointee.lastPosition), to: entry)
                } else {
                    codes.append(document - Int(entry.pointee.lastDocument), to: entry)
                    codes.append(position, to: entry)
                }
                entry.pointee.lastDocument = Int32(truncatingIfNeeded: document)
                entry.pointee.lastPosition = Int32(truncatingIfNeeded: position)
                return
            }
            if (keys.count + 1) * 4 > capacity * 3 {
                grow()
                addNow(document, position, to: key)
                return
            }
            // The first document's gap is written when slices are joined: the code starts with the position.
            entry.pointee = Entry(key: key, document: document, position: position)
            keys.append(key)
            codes.append(position, to: entry)
        }

        private func grow() {
            let old = entries
            let oldCapacity = capacity
            capacity *= 2
            shift -= 1
            entries = GrowingCodes.allocateEntries(capacity, key: Self.emptyKey)
            for index in 0..<oldCapacity where old[index].key != Self.emptyKey {
                slot(of: old[index].key).entry.pointee = old[index]
            }
            old.deallocate()
        }
    }
}
