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
        let digits = String(high, radix: 16) + "/" + String(low, radix: 16)
        let parts = digits.split(separator: "/")
        return String(repeating: "0", count: 16 - parts[0].count) + parts[0]
            + String(repeating: "0", count: 16 - parts[1].count) + parts[1]
    }

    /// Reads 32 hexadecimal digits; nil for anything else.
    public init?(hexadecimal text: Substring) {
        guard text.utf8.count == 32,
              let high = UInt64(text.prefix(16), radix: 16), let low = UInt64(text.suffix(16), radix: 16)
        else { return nil }
        self.init(high: high, low: low)
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
