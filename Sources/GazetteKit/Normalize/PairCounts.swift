/// How often each pair of neighbouring Chinese characters is printed, for ``OCRRepair``, which counts every pair of
/// every source: an open-addressing table of one 64-bit word a pair, the pair in the high half and its count in the
/// low half. The characters it counts lie in the Basic Multilingual Plane, so a pair takes 32 bits, and a slot half
/// the size of ``IntegerTable``'s keeps a source's pairs in the processor's cache while they are counted.
struct PairCounts {
    /// `pair << 32 | count`; 0 marks an empty slot (no pair of Chinese characters is 0).
    private var slots: [UInt64]
    private var used = 0
    /// 64 minus the bits of a slot index: a hash is the top bits of the pair times a constant.
    private var shift: Int

    /// A table that holds `capacity` pairs without growing.
    init(capacity: Int) {
        let (count, shift) = IntegerTable.slots(forCapacity: capacity)
        slots = Array(repeating: 0, count: count)
        self.shift = shift
    }

    /// The pair of two characters of the Basic Multilingual Plane, at least one of them not NUL.
    private static func pair(_ first: UInt32, _ second: UInt32) -> UInt64 {
        precondition(first < 0x10000 && second < 0x10000 && first | second != 0, "a pair of BMP characters")
        return UInt64(first) << 16 | UInt64(second)
    }

    /// Counts one more printing of `first` followed by `second` (the count wraps at 2³², as a `UInt32` would).
    mutating func add(_ first: UInt32, _ second: UInt32) {
        if (used + 1) * 2 > slots.count { grow() }
        let pair = Self.pair(first, second)
        let shift = shift
        let isNew = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = IntegerTable.hash(pair, shift)
            while true {
                let slot = slots[index]
                if slot == 0 {
                    slots[index] = pair << 32 | 1
                    return true
                }
                if slot >> 32 == pair {
                    slots[index] = pair << 32 | UInt64(UInt32(truncatingIfNeeded: slot) &+ 1)
                    return false
                }
                index = (index + 1) & mask
            }
        }
        if isNew { used += 1 }
    }

    /// How often `first` followed by `second` was counted.
    func count(_ first: UInt32, _ second: UInt32) -> Int {
        let pair = Self.pair(first, second)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = IntegerTable.hash(pair, shift)
            while true {
                let slot = slots[index]
                if slot == 0 { return 0 }
                if slot >> 32 == pair { return Int(UInt32(truncatingIfNeeded: slot)) }
                index = (index + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let old = slots.filter { $0 != 0 }
        slots = Array(repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for slot in old {
            var index = IntegerTable.hash(slot >> 32, shift)
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
