/// Reads the front matter of an issue: masthead facts, printed table of contents and editorial board.
struct MastheadParser {
    var file: String

    struct FrontMatter {
        var masthead: Masthead?
        var tableOfContents: [TableOfContentsEntry]
        var editorialBoard: [EditorialField]
    }

    func parse(_ lines: ArraySlice<SourceLine>, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var gazette: String?
        var year: Int?
        var number: Int?
        var total: Int?
        var published: CalendarDate?
        var numberLine: Int?
        for index in lines.indices {
            let compact = LineClassifier.compact(HeaderText.stripMarkup(lines[index].text))
            if gazette == nil, compact.hasSuffix("公报"), compact.count <= 40, compact.first?.isCJKIdeograph == true {
                gazette = compact
            }
            if year == nil, let match = compact.firstMatch(of: Self.issueNumber) {
                year = Int(match.1)
                number = Int(match.2) ?? ChineseNumeral.value(of: match.2)
                numberLine = index
            }
            if total == nil, let match = compact.firstMatch(of: Self.totalNumber) {
                total = Int(match.1)
                numberLine = max(numberLine ?? index, index)
            }
            if published == nil, compact.contains("出版日期") || compact.contains("出版时间") {
                published = CalendarDate.first(in: compact)
            }
        }
        var masthead: Masthead?
        if let gazette, let year, let number {
            masthead = Masthead(gazette: gazette, year: year, number: number, totalNumber: total, published: published)
        }
        let boardStart = lines.indices.first { lines[$0].trimmed.hasPrefix("编辑委员会") }
            ?? lines.indices.first { index in Self.field(lines[index].trimmed).map { ["主任", "主编"].contains($0.label) } ?? false }
        let tocStart = (numberLine ?? lines.startIndex - 1) + 1
        let tocEnd = boardStart ?? lines.endIndex
        let toc = tocStart < tocEnd ? tableOfContents(lines[tocStart..<tocEnd]) : []
        let board = boardStart.map { editorialBoard(lines[($0 + 1)..<lines.endIndex]) } ?? []
        return FrontMatter(masthead: masthead, tableOfContents: toc, editorialBoard: board)
    }

    /// The printed table of contents: titles broken over lines, each ending with its page number
    /// (`…的通知.....1`, `…的通知13`, `| …的通知 | 35 |`), grouped under labels such as `…文件`.
    func tableOfContents(_ lines: ArraySlice<SourceLine>) -> [TableOfContentsEntry] {
        var entries: [TableOfContentsEntry] = []
        var group: String?
        var pending: [String] = []
        var pendingLine = 0
        for line in lines {
            var text = line.trimmed
            if text.hasPrefix("|") {
                guard let cells = TableBuilder.cells(of: text), !TableBuilder.isSeparator(cells) else { continue }
                text = cells.filter { !$0.isEmpty }.joined(separator: " ")
            }
            text = HeaderText.stripMarkup(text)
            guard !text.isEmpty else { continue }
            if pending.isEmpty, LineClassifier.isIssuerMark(text) || Self.groupLabels.contains(LineClassifier.compact(text)) {
                group = LineClassifier.compact(text)
                continue
            }
            if pending.isEmpty { pendingLine = line.number }
            if let (title, page) = Self.splitPage(text) {
                pending.append(title)
                entries.append(TableOfContentsEntry(group: group, title: HeaderText.join(pending), page: page, line: pendingLine))
                pending = []
            } else {
                pending.append(text)
            }
        }
        return entries
    }

    /// Labels that group entries of a printed table of contents without being entries themselves.
    static let groupLabels: Set<String> = ["文件检索", "目录", "本期目录", "规范性文件", "政府文件", "部门文件", "人事任免", "其他"]

    /// Splits `…的通知.....16` into the title and the page number. The page is at most three digits,
    /// so a year at the end of a broken title line (`…关于2021`) is not taken for a page.
    static func splitPage(_ text: String) -> (String, Int)? {
        guard let match = text.wholeMatch(of: pageSuffix), let page = Int(match.2) else { return nil }
        let title = String(match.1).trimmingGazetteWhitespace()
        guard !title.isEmpty, let last = title.last, !last.isNumber else { return nil }
        return (title, page)
    }

    /// Labelled lines (`主 任：刘高永`); a line without a label continues the previous field.
    func editorialBoard(_ lines: ArraySlice<SourceLine>) -> [EditorialField] {
        var fields: [EditorialField] = []
        for line in lines {
            let text = line.trimmed
            guard !text.isEmpty else { continue }
            if let field = Self.field(text) {
                fields.append(field)
            } else if !fields.isEmpty {
                fields[fields.count - 1].value += " " + text
            }
        }
        return fields
    }

    static func field(_ text: String) -> EditorialField? {
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let label = LineClassifier.compact(String(text[..<colon]))
        guard (1...12).contains(label.count), label.allSatisfy({ $0.isCJKIdeograph }) else { return nil }
        return EditorialField(label: label, value: String(text[text.index(after: colon)...]).trimmingGazetteWhitespace())
    }

    nonisolated(unsafe) private static let issueNumber = /(\d{4})年第([0-9一二三四五六七八九十]{1,3})期/
    nonisolated(unsafe) private static let totalNumber = /总第(\d{1,5})期/
    nonisolated(unsafe) private static let pageSuffix = /(.*?)[\s.．。…·-]*(\d{1,3})/
}
