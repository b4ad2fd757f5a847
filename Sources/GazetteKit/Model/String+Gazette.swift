#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Character {
    /// White space as OCR leaves it: ASCII spaces and tabs, the ideographic space U+3000, no-break spaces.
    var isGazetteWhitespace: Bool {
        // Compared by scalar: Character equality goes through Unicode normalisation and is slow.
        let scalars = unicodeScalars
        guard let scalar = scalars.first else { return false }
        switch scalar.value {
        case 0x20, 0x09, 0x0D, 0x3000, 0xA0, 0xFEFF: return scalars.count == 1
        default: return false
        }
    }

    /// A CJK ideograph (the basic block and extension A) or 〇.
    var isCJKIdeograph: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3007: return true
        default: return false
        }
    }
}

extension Unicode.Scalar {
    /// A character of the Han script (Unicode's Scripts.txt): the ideographs of every block and extension, the
    /// radicals, 々〆〇〼 and the Hangzhou numerals; among letters, what the regular expression `\p{Han}` matches
    /// (which also takes the punctuation Han shares with other scripts, 、。).
    var isHan: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFA6D, 0xFA70...0xFAD9, 0x3005...0x3007, 0x3021...0x3029,
             0x3038...0x303C, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x16FE2, 0x16FE3, 0x16FF0, 0x16FF1,
             0x20000...0x2A6DF, 0x2A700...0x2B739, 0x2B740...0x2B81D, 0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0,
             0x2EBF0...0x2EE5D, 0x2F800...0x2FA1D, 0x30000...0x3134A, 0x31350...0x323AF:
            true
        default:
            false
        }
    }
}

extension String {
    /// Whether a UTF-8 byte can start or end white space: ASCII white space and the lead and last bytes of
    /// U+00A0, U+3000 and U+FEFF (a check before the slower one by characters).
    fileprivate static func mayBeWhitespace(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0xA0 || byte == 0x80 || byte == 0xBF || byte == 0xC2 || byte == 0xE3 || byte == 0xEF
    }

    /// The text without any white space: OCR puts spaces between the characters of names and headings.
    var withoutGazetteWhitespace: String {
        // On UTF-8 bytes: ASCII white space, U+00A0 (C2 A0), U+3000 (E3 80 80) and U+FEFF (EF BB BF).
        let mayHaveSpace = utf8.contains(where: { $0 <= 0x20 }) || containsText("\u{A0}") || containsText("\u{3000}")
            || containsText("\u{FEFF}")
        guard mayHaveSpace else { return self }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            let byte = bytes[index]
            var skip = 0
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A: skip = 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0: skip = 2
            case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: skip = 3
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF: skip = 3
            default: break
            }
            if skip > 0 {
                if !changed {
                    result.reserveCapacity(bytes.count)
                    result.append(contentsOf: bytes[..<index])
                    changed = true
                }
                index += skip
            } else {
                if changed { result.append(byte) }
                index += 1
            }
        }
        return changed ? String(decoding: result, as: UTF8.self) : self
    }

    /// Letters and digits only: how titles and headings are compared.
    var comparableForm: String { filter { $0.isLetter || $0.isNumber } }

    /// Whether the text contains an ASCII byte, checked on UTF-8 without decoding characters.
    func containsASCII(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false
        } ?? utf8.contains(byte)
    }

    func trimmingGazetteWhitespace() -> String {
        if let first = utf8.first, let last = utf8.last, !Self.mayBeWhitespace(first), !Self.mayBeWhitespace(last) {
            return self
        }
        guard let first = firstIndex(where: { !$0.isGazetteWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isGazetteWhitespace })!
        return String(self[first...last])
    }
}

extension StringProtocol {
    /// Whether the text contains `needle`, compared byte by byte on UTF-8. Foundation's `contains(_:)` goes
    /// through `NSString` and Unicode folding, many times slower; the texts compared here are normalised
    /// already, so bytes decide.
    func containsText(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { wanted in
            utf8.withContiguousStorageIfAvailable { Self.find(wanted, in: $0) } ?? Array(utf8).withUnsafeBufferPointer {
                Self.find(wanted, in: $0)
            }
        }
    }

    private static func find(_ wanted: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = wanted.first else { return true }
        guard text.count >= wanted.count, let base = text.baseAddress else { return false }
        var start = 0
        let lastStart = text.count - wanted.count
        while start <= lastStart {
            guard let found = memchr(base + start, Int32(first), lastStart - start + 1) else { return false }
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, wanted.baseAddress!, wanted.count) == 0 { return true }
            start = offset + 1
        }
        return false
    }
}
