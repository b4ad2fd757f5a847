/// A table printed one cell per line, as text taken from web pages and PDFs prints it: each cell on a
/// line of its own (often after a tab), rows apart by blank lines, or rows told by their serial
/// numbers under a `序号` header.
///
/// The columns are read from the header (the first row) and the rows; where they cannot be read, the
/// cells stay one a line (never joined into a paragraph) and a warning names the line.
struct CellLineTable: Sendable {
    /// Indices (into the parsed lines) the table was printed on.
    var range: Range<Int>
    /// The rows, the header first; nil when the columns could not be read.
    var rows: [[String]]?
    /// The cells in printed order, with the line each starts on, for a table whose columns were not read.
    var cells: [(text: String, line: Int)]
    /// What was put right: a header shifted by one column.
    var repairs: [String] = []

    /// Words a table's header cells are made of.
    static let headerWords = [
        "序号", "编号", "名称", "项目", "指标", "单位", "类别", "类型", "内容", "数量", "金额", "备注", "合计", "地区", "区域",
        "时间", "年份", "属性", "责任", "牵头", "配合", "完成", "时限", "目标", "现状", "基期", "年", "姓名", "职务", "事项",
        "任务", "措施", "标准", "依据", "主体", "部门", "对象", "方式", "期限", "金额", "规模", "投资", "建设", "性质",
    ]

    static func isHeaderCell(_ text: String) -> Bool {
        let compact = LineClassifier.compact(text)
        return !compact.isEmpty && compact.count <= 12 && headerWords.contains { compact.containsText($0) }
            && !compact.contains(where: { "。；，、".contains($0) })
    }

    /// A line that can be a cell: short, not a sentence, not a numbered heading.
    static func isCellLine(_ text: String) -> Bool {
        let line = text.trimmingGazetteWhitespace()
        guard line.count <= 40, !line.contains(where: { "。；;：:|".contains($0) }) else { return false }
        if let numbering = Numbering.parse(line), !line.allSatisfy(\.isNumber) { return numbering.kind == .arabic && line.count <= 3 }
        return true
    }

    private static func isNumberCell(_ text: String) -> Bool {
        let compact = LineClassifier.compact(text)
        return !compact.isEmpty && compact.allSatisfy { $0.isNumber || ".%％*—-~、".contains($0) } && compact.contains(where: \.isNumber)
    }

    /// Every table printed one cell per line in `lines`.
    static func find(in lines: [SourceLine]) -> [CellLineTable] {
        var found: [CellLineTable] = []
        var index = 0
        while index < lines.count {
            if let table = tabbed(at: index, in: lines) ?? serialNumbered(at: index, in: lines) {
                found.append(table)
                index = table.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: - Cells after a tab, rows apart by blank lines

    /// `\t序号` / `\t指标` / … / blank / `\t1` / `\t地区生产总值年均增速（%）` / …: a line after a tab starts a
    /// cell (an empty one when nothing follows the tab), a line without one continues the cell above.
    private static func tabbed(at start: Int, in lines: [SourceLine]) -> CellLineTable? {
        guard lines[start].text.hasTextPrefix("\t"), isHeaderCell(lines[start].text),
              !lines[start].text.dropFirst().containsText("\t") else { return nil }
        var rows: [[(text: String, line: Int)]] = [[]]
        var end = start
        var index = start
        while index < lines.count {
            let text = lines[index].text
            if text.hasTextPrefix("\t"), !text.dropFirst().containsText("\t") {
                // After a tab, a cell may hold a ratio (`2.6：1`); a sentence ends the table.
                let cell = LineMarkup(String(text.dropFirst())).text
                guard cell.count <= 60, !cell.containsText("。") else { break }
                rows[rows.count - 1].append((cell, lines[index].number))
                end = index + 1
            } else if lines[index].isBlank {  // (a tab line is taken above)
                // A blank line ends a row, unless the next line goes on with the cell above.
                // A line that is only a tab is an empty cell, not a blank line.
                let next = (index..<min(lines.count, index + 4)).first { lines[$0].text.hasTextPrefix("\t") || !lines[$0].isBlank }
                guard let next, lines[next].text.hasTextPrefix("\t")
                    || (isCellLine(lines[next].text) && !rows[rows.count - 1].isEmpty
                        && next + 1 < lines.count && lines[next + 1].text.hasTextPrefix("\t")) else { break }
                if lines[next].text.hasTextPrefix("\t"), !rows[rows.count - 1].isEmpty { rows.append([]) }
                index = next
                continue
            } else if !rows[rows.count - 1].isEmpty, isCellLine(text) {
                rows[rows.count - 1][rows[rows.count - 1].count - 1].text += LineMarkup(text).text
                end = index + 1
            } else {
                break
            }
            index += 1
        }
        rows.removeAll { $0.isEmpty }
        guard rows.count >= 2, rows[0].count >= 2 else { return nil }
        return assemble(rows, range: start..<end)
    }

    // MARK: - Rows told by their serial numbers

    /// `序号` / `名称` / `单位` / `1` / … / `2` / …: no blank lines between rows, each row starting with its
    /// serial number; the header is the cells before `1`.
    private static func serialNumbered(at start: Int, in lines: [SourceLine]) -> CellLineTable? {
        guard lines[start].text.containsText("号"), LineClassifier.compact(lines[start].text) == "序号" else { return nil }
        var cells: [(text: String, line: Int, index: Int)] = []
        var index = start
        while index < lines.count {
            if lines[index].isBlank { index += 1; continue }
            let text = lines[index].text
            guard isCellLine(text), TableBuilder.cells(of: text) == nil else { break }
            cells.append((LineMarkup(text).text, lines[index].number, index))
            index += 1
        }
        guard let first = cells.firstIndex(where: { $0.text == "1" }), first >= 2,
              cells[1..<first].allSatisfy({ isHeaderCell($0.text) || $0.text.count <= 8 })
        else { return nil }
        let width = first
        // Rows as long as each starts with the next serial number.
        var rows: [[(text: String, line: Int)]] = [cells[0..<width].map { ($0.text, $0.line) }]
        var position = first
        var serial = 1
        while position + width <= cells.count, cells[position].text == "\(serial)" {
            rows.append(cells[position..<position + width].map { ($0.text, $0.line) })
            position += width
            serial += 1
        }
        guard rows.count >= 2 else { return nil }
        let end = (cells.last.map { $0.index + 1 } ?? start + 1)
        // Cells left over that no serial number starts: the columns are not what the header says.
        guard position == cells.count else {
            return CellLineTable(range: start..<end, rows: nil, cells: cells.map { ($0.text, $0.line) })
        }
        return assemble(rows, range: start..<end)
    }

    // MARK: - Columns

    /// The rows as a table when their widths agree with the header's; a header one cell short of the
    /// rows (a category column under one heading) gets an empty cell after its first, and rows one
    /// short with it (their category merged with the row above).
    private static func assemble(_ rows: [[(text: String, line: Int)]], range: Range<Int>) -> CellLineTable {
        let cells = rows.flatMap { $0 }
        var table = CellLineTable(range: range, rows: nil, cells: cells)
        let width = rows[0].count
        let widths = Set(rows.dropFirst().map(\.count))
        var texts = rows.map { $0.map(\.text) }
        // `指        标`: a header cell spaced out to the column's width.
        texts[0] = texts[0].map { cell in
            cell.allSatisfy { $0.isCJKIdeograph || $0.isGazetteWhitespace } ? LineClassifier.compact(cell) : cell
        }
        if widths == [width] {
            table.rows = texts
        } else if widths.isSubset(of: [width, width + 1]), widths.contains(width + 1) {
            for row in texts.indices where texts[row].count == width { texts[row].insert("", at: 1) }
            table.rows = texts
            table.repairs.append("the header has one cell less than the rows: an empty column put after its first")
        }
        return table
    }
}
