/// Cleans header text (titles, names, TOC entries) as OCR and Markdown conversion leave it.
enum HeaderText {
    /// Joins the printed lines of a title and removes what the line breaks and layout left:
    /// spaces between Chinese characters, Markdown emphasis and heading marks, HTML tags,
    /// and ASCII brackets that belong in full width in a Chinese title.
    static func join(_ lines: [String]) -> String {
        var joined = ""
        // The text after the last wide space, kept as it grows: looking it up in `joined` for each line would take
        // time quadratic in the number of lines.
        var lastName = ""
        for line in lines.map(stripMarkup) {
            // Joint issuers printed one per line keep a space between their names.
            let apart = lastName.utf8.count <= 400 && DocumentHeaderScanner.isOrganisationName(lastName) && !line.hasTextPrefix("关于")
            let added = (joined.isEmpty ? "" : apart ? "\u{3000}" : " ") + line
            joined += added
            if let wide = added.lastIndex(of: "\u{3000}") {
                lastName = String(added[added.index(after: wide)...])
            } else {
                lastName += added
            }
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
                let betweenIssuers = wide && LineClassifier.organisationEndings.contains { result.hasTextSuffix($0) }
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
