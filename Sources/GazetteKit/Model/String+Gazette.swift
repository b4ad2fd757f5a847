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

extension Unicode.Scalar {
    /// Unicode's White_Space, without the property table for the scalars after U+3000 (the ideographic space), none
    /// of which is white space: the table's look-up was the most of what titles and search texts cost by scalar.
    var isWhiteSpace: Bool {
        value > 0x3000 ? false : properties.isWhitespace
    }
}

extension Unicode.Scalar {
    /// A scalar that is its own character and in its own normal form (NFC): ASCII, the unified ideographs, CJK
    /// punctuation but its tone marks, the full-width forms but the two that join the character before. Texts of
    /// such scalars compare equal exactly when their bytes do.
    var hasNoEquivalent: Bool {
        switch value {
        case 0x00...0x7F, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF9D,
             0xFFA0...0xFFEF:
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
        // On UTF-8 bytes: ASCII white space, U+00A0 (C2 A0), U+3000 (E3 80 80) and U+FEFF (EF BB BF). Most texts
        // have none: one pass finds the first, and only then is a copy made.
        var text = self
        return text.withUTF8 { bytes in
            func spaceLength(at index: Int) -> Int {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D, 0x0A: return 1
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0: return 2
                case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
                    return 3
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                    return 3
                default: return 0
                }
            }
            var index = 0
            while index < bytes.count, spaceLength(at: index) == 0 { index += 1 }
            guard index < bytes.count else { return self }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            result.append(contentsOf: bytes[..<index])
            while index < bytes.count {
                let skip = spaceLength(at: index)
                if skip > 0 {
                    index += skip
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether the text has `limit` characters or fewer, found without counting a long text to its end.
    func hasAtMost(characters limit: Int) -> Bool {
        utf8.count <= limit || index(startIndex, offsetBy: limit, limitedBy: endIndex).map { $0 == endIndex } ?? true
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

extension String {
    /// Where each of `characters` (each a single scalar) stands in the text, in order: the same places as a walk by
    /// character finds them (where a character starts and is that one alone: a mark joined to it makes another
    /// character), found on UTF-8. Texts hold few of them, and a walk by character over all text was a share of
    /// parsing and linking.
    func indices(of characters: [Character]) -> [Index] {
        precondition(characters.allSatisfy { $0.unicodeScalars.count == 1 }, "single scalars")
        let patterns = characters.map { Array(String($0).utf8) }
        var starts = [Bool](repeating: false, count: 256)
        for pattern in patterns { starts[Int(pattern[0])] = true }
        var text = self
        let offsets = text.withUTF8 { bytes in
            var offsets: [Int] = []
            for index in bytes.indices where starts[Int(bytes[index])] {
                let matches = patterns.contains { pattern in
                    index + pattern.count <= bytes.count && pattern.indices.allSatisfy { bytes[index + $0] == pattern[$0] }
                }
                if matches { offsets.append(index) }
            }
            return offsets
        }
        return offsets.compactMap { offset in
            let index = utf8.index(utf8.startIndex, offsetBy: offset)
            // A character starts here (a walk by character meets it), and it is the scalar alone.
            guard self.index(before: self.index(after: index)) == index, characters.contains(self[index]) else {
                return nil
            }
            return index
        }
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

    /// `hasPrefix(_:)` compared on UTF-8: the standard library compares by character, with Unicode normalisation,
    /// and was a tenth of parsing. The answer is the same: equal bytes that end on a character boundary are the same
    /// characters; different bytes are different characters unless a scalar that has an equivalent or joins the one
    /// before it is involved, which the standard library then decides.
    func hasTextPrefix(_ prefix: String) -> Bool {
        let count = prefix.utf8.count
        if utf8.count >= count, utf8.prefix(count).elementsEqual(prefix.utf8) {
            let end = utf8.index(startIndex, offsetBy: count)
            if prefix.utf8.last != UInt8(ascii: "\r") && startsCharacter(at: end) { return true }
            return hasPrefix(prefix)
        }
        // Most lines differ at once: first scalars that differ and are each their own decomposition start
        // different characters.
        if let first = unicodeScalars.first, let wanted = prefix.unicodeScalars.first, first != wanted,
           first.hasNoEquivalent, wanted.hasNoEquivalent {
            return false
        }
        let scalarCount = prefix.unicodeScalars.count + 1
        let decidedByBytes = prefix.unicodeScalars.allSatisfy(\.hasNoEquivalent)
            && unicodeScalars.prefix(scalarCount).allSatisfy(\.hasNoEquivalent)
        return decidedByBytes ? false : hasPrefix(prefix)
    }

    /// The parts between occurrences of an ASCII `separator`, empty ones kept, cut on UTF-8: the same parts as
    /// `split(separator:omittingEmptySubsequences: false)` by character, which checks every character; when a
    /// separator is joined by a mark that follows it (no separator then), the split by character decides.
    func splitText(separator: UInt8) -> [String] {
        precondition(separator < 0x80 && separator != UInt8(ascii: "\r"), "an ASCII separator, not CR")
        var parts: [String] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == separator {
                let next = utf8.index(after: index)
                guard startsCharacter(at: next) else {
                    let character = Character(Unicode.Scalar(separator))
                    return split(separator: character, omittingEmptySubsequences: false).map { String($0) }
                }
                parts.append(String(self[start..<index]))
                start = next
            }
            index = utf8.index(after: index)
        }
        parts.append(String(self[start..<utf8.endIndex]))
        return parts
    }

    /// Whether a character starts at `index` (or the text ends there), after a scalar that is not `\r`. A scalar
    /// that joins the one before it is U+0300 or above, which UTF-8 starts with a byte of 0xCC or more: before any
    /// other byte, no look-up is needed.
    private func startsCharacter(at index: Index) -> Bool {
        index == endIndex || utf8[index] < 0xCC || String.Index(index, within: self) != nil
    }

    /// `hasSuffix(_:)` compared on UTF-8, with the same answer (see ``hasTextPrefix(_:)``).
    func hasTextSuffix(_ suffix: String) -> Bool {
        let count = suffix.utf8.count
        if utf8.count >= count, utf8.suffix(count).elementsEqual(suffix.utf8) {
            let start = utf8.index(startIndex, offsetBy: utf8.count - count)
            if start == startIndex { return true }
            let before = utf8[utf8.index(startIndex, offsetBy: utf8.count - count - 1)]
            if before != UInt8(ascii: "\r") && startsCharacter(at: start) { return true }
            return hasSuffix(suffix)
        }
        // Last scalars that differ and are each their own decomposition (never marks) end different characters.
        if let last = unicodeScalars.last, let wanted = suffix.unicodeScalars.last, last != wanted,
           last.hasNoEquivalent, wanted.hasNoEquivalent {
            return false
        }
        let scalarCount = suffix.unicodeScalars.count + 1
        let decidedByBytes = suffix.unicodeScalars.allSatisfy(\.hasNoEquivalent)
            && unicodeScalars.suffix(scalarCount).allSatisfy(\.hasNoEquivalent)
        return decidedByBytes ? false : hasSuffix(suffix)
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
