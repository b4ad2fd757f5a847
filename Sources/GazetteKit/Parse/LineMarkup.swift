/// What a source line carries besides its text: Markdown heading marks and emphasis that a PDF
/// converter added, and stray HTML tags. They are hints, never structure.
struct LineMarkup {
    /// The text without marks and formatting tags.
    var text: String
    /// The number of `#` the line started with (0 when none).
    var headingHint: Int
    /// Formatting tags opened on the line and never closed, such as `b`.
    var unclosedTags: [String]

    /// Tags that only format text; anything else in angle brackets is kept as text (and escaped).
    static let formattingTags: Set<String> = ["b", "strong", "i", "em", "u", "p", "br", "span", "font", "sup", "sub", "div", "center", "small", "big"]

    init(_ line: String) {
        var text = line.trimmingGazetteWhitespace()
        // `## 第一章` is a Markdown heading mark: one to six `#` and a space. `#1号楼` is text.
        let marks = text.utf8.prefix { $0 == UInt8(ascii: "#") }.count
        var hint = 0
        // Counted and dropped by scalar: a combining mark after a `#` is kept, never dropped with it.
        if (1...6).contains(marks), let next = text.unicodeScalars.dropFirst(marks).first, Character(next).isGazetteWhitespace {
            hint = marks
            text = String(text.unicodeScalars.dropFirst(marks)).trimmingGazetteWhitespace()
        }
        var unclosed: [String] = []
        if text.containsASCII(UInt8(ascii: "<")) {
            // `<!-- INFO END -->`: a converter's comment, never text.
            if text.containsText("<!--") { text = text.replacing(Self.comment, with: "").trimmingGazetteWhitespace() }
            var open: [String: Int] = [:]
            text = text.replacing(Self.tag) { match in
                let name = match.2.lowercased()
                guard Self.formattingTags.contains(name) else { return String(match.0) }
                if !["p", "br"].contains(name) { open[name, default: 0] += match.1.isEmpty ? 1 : -1 }
                // A paragraph or line break inside a table cell separates words.
                return ["p", "br", "div"].contains(name) && match.1.isEmpty ? " " : ""
            }
            unclosed = open.filter { $0.value > 0 }.map(\.key).sorted()
        }
        // `【章名】 第一章 总则`: the field label of a database copy, before the text it labels.
        if text.hasTextPrefix("【"), let label = text.prefixMatch(of: Self.fieldLabel) {
            text = String(text[label.range.upperBound...])
        }
        if text.containsASCII(UInt8(ascii: "*")) { text = text.replacingOccurrences(of: "**", with: "") }
        // A list mark a converter put before a numbered item (`- 2. …`) is a hint too.
        if text.hasTextPrefix("- ") || text.hasTextPrefix("* ") || text.hasTextPrefix("+ ") { text.removeFirst(2) }
        if text.containsASCII(UInt8(ascii: "\\")) { text = Self.unescapingMarkdown(text) }
        // `^①` marks a footnote reference as superscript; the circled number says it already.
        if text.containsASCII(UInt8(ascii: "^")) { text = text.replacing(Self.footnoteCaret) { String($0.1) } }
        self.text = text.trimmingGazetteWhitespace()
        headingHint = hint
        unclosedTags = unclosed
    }

    /// `\*` → `*`: backslash escapes a Markdown converter wrote before ASCII punctuation.
    static func unescapingMarkdown(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                if !(character.isASCII && character.isPunctuation || character.isASCII && character.isSymbol) { result.append("\\") }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }

    nonisolated(unsafe) private static let comment = /<!--.*?-->/
    nonisolated(unsafe) private static let fieldLabel = /【\p{Han}{2,4}】[ \t\u{3000}]+(?=\S)/
    nonisolated(unsafe) private static let footnoteCaret = /\^\s*([①-⑳])/
    nonisolated(unsafe) private static let tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/
}
