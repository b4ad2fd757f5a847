/// Bytes allocated once and written in place by the one slice that owns them, then only read: an array would check
/// on every byte written that it is not shared. Pages are taken from the system only when written.
final class ByteArena: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        bytes = LargeAllocation.allocate(byteCount: capacity).bindMemory(to: UInt8.self, capacity: capacity)
        self.capacity = capacity
    }

    /// A larger arena with the first `used` bytes of `other`.
    convenience init(copying other: ByteArena, used: Int, capacity: Int) {
        self.init(capacity: capacity)
        bytes.update(from: other.bytes, count: used)
    }

    deinit { bytes.deallocate() }
}
