/// The bytes of a cache record written by hand, for the records a build reads and writes whole every time, where
/// `Codable` (even in the compact form, ``CompactEncoder``) costs most of the work: numbers as LEB128 (zigzag, so a
/// negative one is as short as its magnitude), strings as a length and UTF-8 bytes, a header naming the format
/// first and a fingerprint of everything before it last.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    /// Starts a record of the format named `header` (`gazette found citations 2`).
    init(header: String, capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
        string(header)
    }

    mutating func number(_ value: Int) {
        CompactWriter.appendNumber(CompactWriter.zigzag(Int64(value)), to: &bytes)
    }

    mutating func flag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            number(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A string that may be absent: a flag, then the string.
    mutating func optionalString(_ value: String?) {
        flag(value != nil)
        if let value { string(value) }
    }

    /// The finished record: its bytes followed by their fingerprint.
    func finished() -> [UInt8] {
        var result = bytes
        let check = ContentFingerprint(bytes: bytes)
        withUnsafeBytes(of: check.high.littleEndian) { result.append(contentsOf: $0) }
        withUnsafeBytes(of: check.low.littleEndian) { result.append(contentsOf: $0) }
        return result
    }
}
