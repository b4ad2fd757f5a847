/// Reads what ``RecordWriter`` wrote. A record of another format, cut short or damaged (its fingerprint does not
/// match) gives nil from ``init(_:header:)``; a read past the end or of a value that was never written throws
/// ``RecordReader/Damaged``.
struct RecordReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private let end: Int
    private var offset = 0

    /// A reader of `bytes`, when they end with the fingerprint of the rest and start with `header`.
    init?(_ bytes: [UInt8], header: String) {
        guard bytes.count >= 16 else { return nil }
        let end = bytes.count - 16
        let check = bytes.withUnsafeBytes { raw -> Bool in
            let body = ContentFingerprint(UnsafeRawBufferPointer(rebasing: raw[..<end]))
            let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
            let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end + 8, as: UInt64.self))
            return body == ContentFingerprint(high: high, low: low)
        }
        guard check else { return nil }
        self.bytes = bytes
        self.end = end
        guard (try? string()) == header else { return nil }
    }

    /// Whether every byte before the fingerprint was read.
    var isAtEnd: Bool { offset == end }

    mutating func number() throws -> Int {
        guard let coded = CompactReader.number(in: bytes, before: end, at: &offset) else { throw Damaged() }
        return Int(truncatingIfNeeded: CompactReader.unzigzag(coded))
    }

    /// A number of things that follow: never negative, never more than the bytes left.
    mutating func count() throws -> Int {
        let count = try number()
        guard count >= 0, count <= end - offset else { throw Damaged() }
        return count
    }

    mutating func flag() throws -> Bool {
        guard offset < end else { throw Damaged() }
        defer { offset += 1 }
        switch bytes[offset] {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }

    mutating func string() throws -> String {
        let count = try number()
        guard count >= 0, count <= end - offset else { throw Damaged() }
        let start = offset
        offset += count
        return bytes.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
        }
    }

    mutating func optionalString() throws -> String? {
        try flag() ? try string() : nil
    }
}
