/// Cleans header text (titles, names, TOC entries) as OCR and Markdown conversion leave it.
enum HeaderText {
    /// Joins the printed lines of a title and removes what the line breaks and layout left:
    /// spaces between Chinese characters, Markdown emphasis and heading marks, HTML tags,
    /// and ASCII brackets that belong in full width in a Chinese title.
    static func join(_ lines: [String]) -> String {
        var joined = ""
        for line in lines.map(stripMarkup) {
            // Joint issuers printed one per line keep a space between their names.
            let apart = DocumentHeaderScanner.isOrganisationName(joined.split(separator: "　").last.map(String.init) ?? joined)
                && !line.hasPrefix("关于")
            joined += (joined.isEmpty ? "" : apart ? "\u{3000}" : " ") + line
        }
        return normalize(joined)
    }

    /// One line of header text, cleaned as `join` does.
    static func normalize(_ text: String) -> String {
        let characters = Array(stripMarkup(text))
        var result = ""
        result.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if character.isGazetteWhitespace {
                guard result.last != " " else { continue }
                let before = result.last
                let after = characters[(index + 1)...].first { !$0.isGazetteWhitespace }
                // Keep a single space between two Latin letters or digits ("COVID 19" stays readable), and
                // between joint issuers printed apart (`中共某某区委办公室　某某区人民政府办公室关于…`).
                let wide = character == "\u{3000}" || (index + 1 < characters.count && characters[index + 1].isGazetteWhitespace)
                let betweenIssuers = wide && LineClassifier.organisationEndings.contains { result.hasSuffix($0) }
                    && after.map { $0.isCJKIdeograph && $0 != "关" } == true
                if let before, let after, before.isASCIIAlphanumeric && after.isASCIIAlphanumeric || betweenIssuers {
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

    /// The text without the marks a converter added (`#`, `**`, list marks, formatting tags): the same
    /// reading as body text gets.
    static func stripMarkup(_ text: String) -> String {
        LineMarkup(text).text
    }

}

extension Character {
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }

    /// Punctuation that ends a sentence or clause in Chinese text.
    var endsClause: Bool { "。；！？：:;!?，,、".contains(self) }
}
