/// A 128-bit fingerprint of a file's bytes: how a build tells a file it would write from the one already there
/// without reading that one back. Two lanes of multiply-rotate over 8-byte words, each finished with the
/// SplitMix64 finaliser; the same bytes give the same fingerprint on every run and machine. Not a cryptographic
/// hash: the files compared are the build's own output.
public struct ContentFingerprint: Sendable, Hashable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        var first: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            first = Self.rotate(first ^ (word &* 0x87C3_7B91_1142_53D5), 31) &* 0x4CF5_AD43_2745_937F
            second = Self.rotate(second &+ (word &* 0xFF51_AFD7_ED55_8CCD), 29) &* 0x9E37_79B1_85EB_CA87
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        first = Self.rotate(first ^ (tail &* 0x87C3_7B91_1142_53D5), 31) &* 0x4CF5_AD43_2745_937F
        second = Self.rotate(second &+ (tail &* 0xFF51_AFD7_ED55_8CCD), 29) &* 0x9E37_79B1_85EB_CA87
        high = Self.finish(first ^ Self.rotate(second, 17))
        low = Self.finish(second ^ Self.rotate(first, 43))
    }

    /// The fingerprint of `bytes`.
    public init(bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { ContentFingerprint($0) }
    }

    /// The fingerprint of the UTF-8 bytes of `text`.
    public init(text: String) {
        var text = text
        self = text.withUTF8 { ContentFingerprint(UnsafeRawBufferPointer($0)) }
    }

    /// The 32 hexadecimal digits of the fingerprint.
    public var description: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            writeDigits(into: buffer)
            return 32
        }
    }

    /// Writes the 32 hexadecimal digits of ``description`` into the first 32 bytes of `buffer`.
    func writeDigits(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { digits in
            for offset in 0..<16 {
                let shift = UInt64(60 - 4 * offset)
                buffer[offset] = digits[Int((high >> shift) & 15)]
                buffer[16 + offset] = digits[Int((low >> shift) & 15)]
            }
        }
    }

    /// Appends the 32 hexadecimal digits of ``description`` to `bytes`.
    func appendDigits(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 32))
        bytes.withUnsafeMutableBufferPointer { writeDigits(into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
    }

    /// Reads 32 hexadecimal digits; nil for anything else.
    public init?(hexadecimal text: Substring) {
        var text = text
        guard let fingerprint = text.withUTF8({ Self(hexadecimal: $0[...]) }) else { return nil }
        self = fingerprint
    }

    /// Reads 32 hexadecimal digits (lower or upper case) from UTF-8 bytes; nil for anything else.
    init?(hexadecimal bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (offset, byte) in bytes.enumerated() {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if offset < 16 {
                words.0 = words.0 << 4 | UInt64(digit)
            } else {
                words.1 = words.1 << 4 | UInt64(digit)
            }
        }
        self.init(high: words.0, low: words.1)
    }

    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func finish(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
