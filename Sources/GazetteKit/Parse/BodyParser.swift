/// Turns the body lines of a document into blocks: headings from the printed numbering, paragraphs
/// joined across OCR line breaks, and tables.
enum BodyParser {
    static func blocks(from lines: [SourceLine], idPrefix: String = "") -> [Block] {
        var builder = Builder(idPrefix: idPrefix)
        for line in lines {
            var text = line.trimmed
            if let note = LineClassifier.pageNote(text) {
                text = note.remainder
            }
            guard !text.isEmpty else { continue }
            if let cells = tableCells(text) {
                builder.addTableRow(cells, line: line.number)
                continue
            }
            if let numbering = Numbering.parse(text), let level = headingLevel(numbering) {
                builder.addHeading(numbering, text: text, level: level, line: line.number)
                continue
            }
            builder.addText(text, line: line.number, startsItem: Numbering.parse(text) != nil)
        }
        return builder.finish()
    }

    /// Numbered lines are headings when short and not sentences: `一、发展基础`, `第一章 总则`.
    /// A numbered sentence (`一、基准地价是……。`) is a paragraph.
    static func headingLevel(_ numbering: Numbering) -> Int? {
        switch numbering.kind {
        case .chapter, .section, .box: return numbering.kind.rawValue
        case .article, .arabic, .parenthesizedArabic: return nil
        case .item, .subitem:
            let rest = numbering.rest
            guard !rest.isEmpty, rest.count <= 40, let last = rest.last, !"。；;，,：:".contains(last) else { return nil }
            return numbering.kind.rawValue
        }
    }

    /// Cells of a table row written as Markdown pipes (`| a | b |`) or as tab-separated values.
    static func tableCells(_ text: String) -> [String]? {
        if text.hasPrefix("|") {
            let inner = text.dropFirst().hasSuffix("|") ? text.dropFirst().dropLast() : text.dropFirst()
            return inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingGazetteWhitespace() }
        }
        if text.contains("\t") {
            let cells = text.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingGazetteWhitespace() }
            return cells.count >= 2 ? cells : nil
        }
        return nil
    }

    private struct Builder {
        var idPrefix: String
        var blocks: [Block] = []
        var paragraphCount = 0
        var tableCount = 0
        var tableRows: [[String]] = []
        var tableLine = 0

        init(idPrefix: String) { self.idPrefix = idPrefix }

        mutating func addTableRow(_ cells: [String], line: Int) {
            if cells.allSatisfy({ $0.allSatisfy { "-:— ".contains($0) } }) { return }  // a Markdown separator row
            if tableRows.isEmpty { tableLine = line }
            tableRows.append(cells)
        }

        mutating func flushTable() {
            guard !tableRows.isEmpty else { return }
            tableCount += 1
            let width = tableRows.map(\.count).max() ?? 0
            let rows = tableRows.map { $0 + Array(repeating: "", count: width - $0.count) }
            blocks.append(Block(id: "\(idPrefix)table-\(tableCount)", kind: .table(rows: rows), text: "", line: tableLine))
            tableRows = []
        }

        mutating func addHeading(_ numbering: Numbering, text: String, level: Int, line: Int) {
            flushTable()
            let label = numbering.label.filter { $0 != "、" }
            blocks.append(Block(id: "\(idPrefix)\(label)-\(blocks.count + 1)", kind: .heading(level: level), text: text, line: line))
        }

        mutating func addText(_ text: String, line: Int, startsItem: Bool) {
            flushTable()
            // OCR breaks lines in mid-sentence: a paragraph that does not end a sentence goes on.
            if !startsItem, let last = blocks.last, case .paragraph = last.kind, let end = last.text.last,
               !"。！？；：!?;:”」』）)".contains(end) {
                blocks[blocks.count - 1].text += text
                return
            }
            paragraphCount += 1
            blocks.append(Block(id: "\(idPrefix)p\(paragraphCount)", kind: .paragraph, text: text, line: line))
        }

        mutating func finish() -> [Block] {
            flushTable()
            return blocks
        }
    }
}
