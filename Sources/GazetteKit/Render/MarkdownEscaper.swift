/// Escapes source text so that cmark-gfm reads it as text, never as Markdown or HTML.
///
/// OCR text carries stray `<p>`, `<b>`, `*`, `#` and `|`; escaping them here is what keeps raw HTML in a
/// source from reaching a page, with cmark-gfm's safe mode as a second guard.
enum MarkdownEscaper {
    /// Characters that can start Markdown or HTML syntax anywhere in a line.
    private static let inlineSpecial: Set<Character> = ["\\", "`", "*", "[", "]", "<", "|", "~"]
    /// The ASCII bytes `escapeInline` acts on or looks at: the special characters, `_`, `&`, a line break and
    /// the letters an autolinked address starts with.
    private static let escapingBytes: [Bool] = (0..<256).map { byte in
        byte < 128 && "\\`*[]<|~_&\nhfwHFW".unicodeScalars.contains(Unicode.Scalar(UInt8(byte)))
    }
    /// Characters that make a block (heading, list, quote, rule) when they start a line.
    private static let lineStartSpecial: Set<Character> = ["#", "-", "+", "=", ">"]

    /// Escapes a paragraph or heading, including what would start a block at the beginning of a line.
    static func escape(_ text: String) -> String {
        escapeBlockStart(escapeInline(text))
    }

    /// Escapes text inside a table cell or link, where no block can start.
    static func escapeInline(_ text: String) -> String {
        // Most lines of Chinese text hold none of the bytes escaping looks at: returned as they are.
        guard mayNeedEscaping(text) else { return text }
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        // cmark-gfm's autolinks (`http://…`, `www.…`) run to the next space or `<` and would swallow the backslash
        // of an escape glued to them (`http://x.cn/<img>` would lose `<img>`): such an address is closed first.
        var address: (start: Int, resultStart: String.Index)?
        for (index, character) in characters.enumerated() {
            if address == nil, startsAddress(characters, at: index) {
                address = (index, result.endIndex)
            } else if character.isWhitespace || character == ">" {
                address = nil
            } else if let open = address, needsEscape(character, at: index, in: characters) {
                let url = String(characters[open.start..<index])
                result.removeSubrange(open.resultStart...)
                result += url.lowercased().hasPrefix("www.") ? "[\(url)](http://\(linkDestination(url)))" : "<\(url)>"
                address = nil
            }
            if character == "\n" {
                result.append(" ")
                continue
            }
            if needsEscape(character, at: index, in: characters) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Whether `text` holds a byte `escapeInline` acts on or looks at: read on its UTF-8 buffer with the table in a
    /// local (a static read in the loop checks that the static is made, for every byte of every text rendered).
    private static func mayNeedEscaping(_ text: String) -> Bool {
        var text = text
        return escapingBytes.withUnsafeBufferPointer { table in
            text.withUTF8 { bytes in bytes.contains { table[Int($0)] } }
        }
    }

    /// Whether cmark-gfm autolinks an address starting at `index`: `http://`, `https://` or `ftp://` after anything
    /// but an ASCII letter (even a Chinese character), `www.` at the start or after a space or `*_~(`.
    /// `h`, `f` and `w`, lower-cased: the letters an autolinked address starts with.
    private static let addressStarts: Set<UInt8> = [UInt8(ascii: "h"), UInt8(ascii: "f"), UInt8(ascii: "w")]

    private static func startsAddress(_ characters: [Character], at index: Int) -> Bool {
        // Most characters start no address: decided before building anything.
        guard let first = characters[index].asciiValue, addressStarts.contains(first | 0x20) else { return false }
        let previous = index > 0 ? characters[index - 1] : nil
        let head = String(characters[index..<min(characters.count, index + 8)]).lowercased()
        if head.hasPrefix("http://") || head.hasPrefix("https://") || head.hasPrefix("ftp://") {
            return !(previous.map { $0.isASCII && $0.isLetter } ?? false)
        }
        return head.hasPrefix("www.") && (previous.map { $0.isWhitespace || "*_~(".contains($0) } ?? true)
    }

    /// Whether `escapeInline` puts a backslash before the character at `index`: decided by its first scalar, as
    /// `*` followed by a combining mark is another Character but still `*` to cmark.
    private static func needsEscape(_ character: Character, at index: Int, in characters: [Character]) -> Bool {
        guard let scalar = character.unicodeScalars.first, scalar.isASCII else { return false }
        switch Character(scalar) {
        case "_":
            // Inside a word (or a URL) an underscore never makes emphasis; escaping it there would show the
            // backslash in autolinked addresses.
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            return !(previous.map(isWordCharacter) ?? false && next.map(isWordCharacter) ?? false)
        case "&":
            // Only an entity-like run (`&amp;`, `&#12;`) would be read as markup.
            return characters[(index + 1)...].prefix(12).firstIndex(of: ";").map { end in
                characters[(index + 1)..<end].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") } && end > index + 1
            } == true
        default:
            return inlineSpecial.contains(Character(scalar))
        }
    }

    /// Escapes what would start a block (heading, list, quote) at the beginning of a line.
    static func escapeBlockStart(_ text: String) -> String {
        var result = text
        if let first = result.unicodeScalars.first, first.isASCII, lineStartSpecial.contains(Character(first)) {
            result.insert("\\", at: result.startIndex)
        }
        // `1.` or `1)` at the start of a line would make an ordered list.
        if let end = result.firstIndex(where: { !$0.isASCII || !$0.isNumber }), end != result.startIndex,
           result[end] == "." || result[end] == ")" {
            result.insert("\\", at: end)
        }
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
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
