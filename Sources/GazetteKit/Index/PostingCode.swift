/// Numbers written as text that JSON carries without escapes: a variable-length code of 5 bits a character.
///
/// Each character is one of 64 (`0-9A-Za-z-_`); its value v carries 5 bits of the number, most significant
/// first, and v ≥ 32 means more characters follow. Numbers below 32 take one character, below 1,024 two,
/// below 32,768 three. `Templates/assets/search-core.js` (`decodeNumbers`) reads it.
public enum PostingCode {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Appends `value` (≥ 0) to `bytes`.
    public static func append(_ value: Int, to bytes: inout [UInt8]) {
        forEachByte(of: value) { bytes.append($0) }
    }

    /// Calls `body` with each byte of `value`'s code (≥ 0), in order.
    @inline(__always)
    static func forEachByte(of value: Int, _ body: (UInt8) -> Void) {
        precondition(value >= 0, "posting codes are not negative")
        if value < 32 {
            body(character(value))
            return
        }
        var shift = 5
        while value >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            body(character(32 | ((value >> shift) & 31)))
            shift -= 5
        }
        body(character(value & 31))
    }

    /// The character of `digit` (0..<64) in ``alphabet``, computed: reading the array, a global, cost a check that
    /// it was made for every byte of the index.
    @inline(__always)
    private static func character(_ digit: Int) -> UInt8 {
        switch digit {
        case 0..<10: UInt8(truncatingIfNeeded: 48 + digit)
        case 10..<36: UInt8(truncatingIfNeeded: 55 + digit)
        case 36..<62: UInt8(truncatingIfNeeded: 61 + digit)
        case 62: UInt8(ascii: "-")
        default: UInt8(ascii: "_")
        }
    }

    /// The numbers of a code, or nil if it is not one.
    public static func decode(_ text: String) -> [Int]? {
        var values: [Int] = []
        var current = 0
        var open = false
        for byte in text.utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            current = current << 5 | (digit & 31)
            open = digit >= 32
            if !open {
                values.append(current)
                current = 0
            }
        }
        return open ? nil : values
    }
}
