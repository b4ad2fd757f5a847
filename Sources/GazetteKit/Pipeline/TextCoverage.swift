/// Whether every piece of every source line a document was read from appears on its rendered page.
///
/// Structure recovery may join, move and label text, but never drop it. The check compares without
/// white space, markup a converter added, page notes and the dot leaders of a printed 目录.
public enum TextCoverage {
    /// The pieces of the document's source lines that its page does not show, as `line N: text`.
    public static func missing(_ published: PublishedDocument, page html: String, lines: [SourceLine]) -> [String] {
        let page = comparable(SiteStatistics.visibleText(of: html))
        let byNumber = Dictionary(lines.map { ($0.number, $0.text) }, uniquingKeysWith: { first, _ in first })
        var missing: [String] = []
        for number in published.document.sourceLines {
            for piece in pieces(of: byNumber[number] ?? "") where !page.contains(piece) {
                missing.append("line \(number): \(piece.prefix(40))")
            }
        }
        return missing
    }

    /// What a line contributes to a page, as comparable pieces: the text without page notes, markup
    /// and layout, split into table cells.
    public static func pieces(of line: String) -> [String] {
        var text = line
        if let note = LineClassifier.pageNote(text) { text = note.remainder }
        if let cleaned = PageFurniture.removingPageNotes(text) { text = cleaned }
        if PageFurniture().isFurniture(text) { return [] }
        if let number = DocumentNumber(parsing: text) { return [comparable(number.description)] }
        if let date = CalendarDate(chinese: text) { return [comparable(date.chinese)] }
        let trimmed = text.trimmingGazetteWhitespace()
        let cells = trimmed.hasPrefix("|") || text.containsText("\t")
            ? trimmed.split(whereSeparator: { $0 == "|" || $0 == "\t" }).map(String.init) : [text]
        // Dot leaders and bracketed page numbers of a printed 目录 are layout, not text.
        return cells.map { cell in
            comparable(LineMarkup(cell).text.replacing(leaders, with: "").replacing(bracketedPage) { String($0.1) })
        }.filter { !$0.isEmpty && !$0.allSatisfy { "-:—–".contains($0) } }
    }

    /// Without white space, with ASCII brackets and colons in their full-width form.
    public static func comparable(_ text: String) -> String {
        String(text.compactMap { character -> Character? in
            if character.isWhitespace || character == "\u{3000}" { return nil }
            switch character {
            case "(": return "（"
            case ")": return "）"
            case ":": return "："
            default: return character
            }
        })
    }

    nonisolated(unsafe) private static let leaders = /[.．…·]{2,}\s*$/
    nonisolated(unsafe) private static let bracketedPage = /^\s*[（(]\s*(\d+)\s*[)）]\s*$/
}
