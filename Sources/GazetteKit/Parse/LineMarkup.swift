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
            text = Self.replacingTags(in: text) { tag in
                let name = tag.name.lowercased()
                guard Self.formattingTags.contains(name) else { return String(tag.whole) }
                if !["p", "br"].contains(name) { open[name, default: 0] += tag.isClosing ? -1 : 1 }
                // A paragraph or line break inside a table cell separates words.
                return ["p", "br", "div"].contains(name) && !tag.isClosing ? " " : ""
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

    /// A tag as ``replacingTags(in:_:)`` finds it.
    struct Tag {
        var whole: Substring
        var isClosing: Bool
        var name: Substring
    }

    /// `text` with each tag replaced by what `replacement` returns for it, from left to right. A tag is what the
    /// pattern `<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>` matches, found by hand (by character, as the
    /// pattern reads): Swift's regular expression was a third of reading a line.
    static func replacingTags(in text: String, _ replacement: (Tag) -> String) -> String {
        func isLetter(_ character: Character) -> Bool {
            character.isASCII && character.isLetter && character.unicodeScalars.count == 1
        }
        func isLetterOrDigit(_ character: Character) -> Bool {
            isLetter(character) || character.isASCII && ("0"..."9").contains(character) && character.unicodeScalars.count == 1
        }
        /// The end of the tag starting at `start` (a `<`), if one does.
        func tagEnd(from start: String.Index) -> (end: String.Index, isClosing: Bool, name: Range<String.Index>)? {
            var index = text.index(after: start)
            let isClosing = index < text.endIndex && text[index] == "/"
            if isClosing { index = text.index(after: index) }
            guard index < text.endIndex, isLetter(text[index]) else { return nil }
            let nameStart = index
            index = text.index(after: index)
            while index < text.endIndex, isLetterOrDigit(text[index]) { index = text.index(after: index) }
            let name = nameStart..<index
            if index < text.endIndex, text[index].isWhitespace {
                // Attributes: anything but angle brackets, up to the `>` that must follow.
                index = text.index(after: index)
                while index < text.endIndex, text[index] != "<", text[index] != ">" { index = text.index(after: index) }
                guard index < text.endIndex, text[index] == ">" else { return nil }
                return (text.index(after: index), isClosing, name)
            }
            if index < text.endIndex, text[index] == "/" { index = text.index(after: index) }
            guard index < text.endIndex, text[index] == ">" else { return nil }
            return (text.index(after: index), isClosing, name)
        }
        var result = ""
        var copied = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "<", let tag = tagEnd(from: index) else {
                index = text.index(after: index)
                continue
            }
            result += text[copied..<index]
            result += replacement(Tag(whole: text[index..<tag.end], isClosing: tag.isClosing, name: text[tag.name]))
            index = tag.end
            copied = tag.end
        }
        result += text[copied...]
        return result
    }

    nonisolated(unsafe) private static let comment = /<!--.*?-->/
    nonisolated(unsafe) private static let fieldLabel = /【\p{Han}{2,4}】[ \t\u{3000}]+(?=\S)/
    nonisolated(unsafe) private static let footnoteCaret = /\^\s*([①-⑳])/
}
