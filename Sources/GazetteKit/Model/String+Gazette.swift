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

extension String {
    /// The text without any white space: OCR puts spaces between the characters of names and headings.
    var withoutGazetteWhitespace: String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0D, 0x0A, 0x3000, 0xA0, 0xFEFF: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Letters and digits only: how titles and headings are compared.
    var comparableForm: String { filter { $0.isLetter || $0.isNumber } }

    /// Whether the text contains an ASCII byte, checked on UTF-8 without decoding characters.
    func containsASCII(_ byte: UInt8) -> Bool { utf8.contains(byte) }

    func trimmingGazetteWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isGazetteWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isGazetteWhitespace })!
        return String(self[first...last])
    }
}
