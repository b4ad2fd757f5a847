/// A hash table from 64-bit keys to 32-bit values with open addressing, for the hottest look-ups of the build
/// (the search trie walked for every character, pairs of characters counted): `Dictionary` hashes with SipHash
/// and costs several times more.
struct IntegerTable: Sendable {
    /// Key and value side by side, so that a look-up touches one cache line; `.max` marks an empty slot.
    private struct Slot {
        var key: UInt64
        var value: UInt32
    }

    private var slots: [Slot] = Array(repeating: Slot(key: .max, value: 0), count: 16)
    private var used = 0
    /// 64 minus the bits of a slot index: a hash is the top bits of the key times a constant.
    private var shift = 60

    @inline(__always)
    subscript(key: UInt64) -> UInt32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.hash(key, shift)
            while true {
                let found = slots[index]
                if found.key == key { return found.value }
                if found.key == .max { return nil }
                index = (index + 1) & mask
            }
        }
    }

    init() {}

    /// A table that holds `capacity` keys without growing.
    init(capacity: Int) {
        let (count, shift) = Self.slots(forCapacity: capacity)
        slots = Array(repeating: Slot(key: .max, value: 0), count: count)
        self.shift = shift
    }

    /// How many slots an open-addressing table that holds `capacity` keys without growing has (a power of two, at
    /// least 16, at most half full), and the shift of ``hash(_:_:)`` for them.
    static func slots(forCapacity capacity: Int) -> (count: Int, shift: Int) {
        var count = 16
        var shift = 60
        while count < capacity * 2 {
            count *= 2
            shift -= 1
        }
        return (count, shift)
    }

    /// Adds `amount` to the value of `key` (0 when absent).
    mutating func add(_ amount: UInt32, to key: UInt64) {
        let index = claim(key)
        slots[index].value &+= amount
    }

    /// Every key with its value, by key.
    var entriesByKey: [(key: UInt64, value: UInt32)] {
        slots.filter { $0.key != .max }.map { ($0.key, $0.value) }.sorted { $0.key < $1.key }
    }

    mutating func insert(_ key: UInt64, _ value: UInt32) {
        slots[claim(key)].value = value
    }

    /// The slot of `key`, taken for it (with the value 0) when it had none.
    private mutating func claim(_ key: UInt64) -> Int {
        precondition(key != .max, "reserved key")
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.hash(key, shift)
        while slots[index].key != .max && slots[index].key != key { index = (index + 1) & mask }
        if slots[index].key == .max {
            used += 1
            slots[index] = Slot(key: key, value: 0)
        }
        return index
    }

    private mutating func grow() {
        let old = slots.filter { $0.key != .max }
        slots = Array(repeating: Slot(key: .max, value: 0), count: slots.count * 2)
        shift -= 1
        used = 0
        for slot in old { insert(slot.key, slot.value) }
    }

    /// Fibonacci hashing: the top bits of the product depend on every bit of the key. (The bits from 20 up, as
    /// taken before, left out the high half of the key in tables under 4,096 slots: keys of one trie node and
    /// character all fell into one slot by character, and a repetitive text probed runs of hundreds of slots.)
    @inline(__always)
    static func hash(_ key: UInt64, _ shift: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }
}
