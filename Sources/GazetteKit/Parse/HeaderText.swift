/// Cleans header text (titles, names, TOC entries) as OCR and Markdown conversion leave it.
enum HeaderText {
    /// Joins the printed lines of a title and removes what the line breaks and layout left:
    /// spaces between Chinese characters, Markdown emphasis and heading marks, HTML tags,
    /// and ASCII brackets that belong in full width in a Chinese title.
    static func join(_ lines: [String]) -> String {
        normalize(lines.map(stripMarkup).joined(separator: " "))
    }

    /// One line of header text, cleaned as `join` does.
    static func normalize(_ text: String) -> String {
        let characters = Array(stripMarkup(text))
        var result = ""
        result.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if character.isGazetteWhitespace {
                // Keep a single space only between two Latin letters or digits ("COVID 19" stays readable).
                let before = result.last
                let after = characters[(index + 1)...].first { !$0.isGazetteWhitespace }
                if let before, let after, before.isASCIIAlphanumeric, after.isASCIIAlphanumeric, result.last != " " {
                    result.append(" ")
                }
                continue
            }
            switch character {
            case "(": result.append("（")
            case ")": result.append("）")
            case ":": result.append("：")
            default: result.append(character)
            }
        }
        return result
    }

    /// Removes `**`, `__`, leading `#` and list marks, and HTML tags such as `<b>`.
    static func stripMarkup(_ text: String) -> String {
        var line = text.trimmingGazetteWhitespace()
        while line.hasPrefix("#") { line.removeFirst() }
        if line.hasPrefix("- ") || line.hasPrefix("* ") { line.removeFirst(2) }
        if line.containsASCII(UInt8(ascii: "*")) || line.containsASCII(UInt8(ascii: "_")) {
            line = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        }
        if line.containsASCII(UInt8(ascii: "<")) { line = line.replacing(htmlTag, with: "") }
        return line.trimmingGazetteWhitespace()
    }

    nonisolated(unsafe) private static let htmlTag = /<\/?[a-zA-Z][a-zA-Z0-9]*[^<>]*>/
}

extension Character {
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }

    /// Punctuation that ends a sentence or clause in Chinese text.
    var endsClause: Bool { "。；！？：:;!?，,、".contains(self) }
}
