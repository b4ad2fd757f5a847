extension Character {
    /// White space as OCR leaves it: ASCII spaces and tabs, the ideographic space U+3000, no-break spaces.
    var isGazetteWhitespace: Bool {
        self == " " || self == "\t" || self == "\u{3000}" || self == "\u{00A0}" || self == "\r" || self == "\u{FEFF}"
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
    func trimmingGazetteWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isGazetteWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isGazetteWhitespace })!
        return String(self[first...last])
    }
}
