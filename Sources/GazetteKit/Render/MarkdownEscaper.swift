/// Escapes source text so that cmark-gfm reads it as text, never as Markdown or HTML.
///
/// OCR text carries stray `<p>`, `<b>`, `*`, `#` and `|`; escaping them here is what keeps raw HTML in a
/// source from reaching a page, with cmark-gfm's safe mode as a second guard.
enum MarkdownEscaper {
    /// Characters that can start Markdown or HTML syntax anywhere in a line.
    private static let inlineSpecial: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "!", "$"]
    /// Characters that make a block (heading, list, quote, rule) when they start a line.
    private static let lineStartSpecial: Set<Character> = ["#", "-", "+", "=", ">"]

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            if inlineSpecial.contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        if let first = result.first, lineStartSpecial.contains(first) {
            result.insert("\\", at: result.startIndex)
        }
        // `1.` or `1)` at the start of a line would make an ordered list.
        if let end = result.firstIndex(where: { !$0.isASCII || !$0.isNumber }), end != result.startIndex,
           result[end] == "." || result[end] == ")" {
            result.insert("\\", at: end)
        }
        return result
    }

    /// A URL for a Markdown link destination: spaces and brackets percent-encoded.
    static func linkDestination(_ url: String) -> String {
        var result = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "\\": result += "%" + String(scalar.value, radix: 16, uppercase: true)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
