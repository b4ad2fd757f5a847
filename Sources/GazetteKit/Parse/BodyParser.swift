/// Recovers the structure of a document's body from its text: headings from the printed numbering
/// (第X章 > 第X节 > 一、 > （一） > 1. > （1）), 第X条 articles, 专栏 boxes, tables, a printed 目录, and
/// paragraphs joined across the line breaks OCR left in mid-sentence.
///
/// Markdown heading marks and HTML tags in the source are hints at most; the numbering decides.
/// Nothing is dropped: every line's text ends up in some block.
struct BodyParser {
    var file: String
    /// Lines that repeat at the top of printed pages (the gazette's name, the issue), to be removed.
    var runningHeaders: Set<String> = [] {
        didSet { furniture = PageFurniture(runningHeaders: runningHeaders) }
    }
    private var furniture = PageFurniture()
    private(set) var diagnostics: [Diagnostic] = []
    /// Tables printed one cell per line: the first lines of those whose columns were read, and of those
    /// left one cell a line.
    private(set) var cellLineTables: (read: [Int], unread: [Int]) = ([], [])

    private var blocks: [Block] = []
    private var box: Block?
    /// The numbering of the open box's items (`1.`), once its first item is seen.
    private var boxItemKind: Numbering.Kind?
    private var table: TableBuilder?
    private var tableInBox = false
    /// How many tables were closed so far: the last one's number.
    private var tablesClosed = 0
    private var contents: (entries: [String], line: Int, lastLine: Int)?
    private var numbering = NumberingTracker()
    /// The 附件 being read (`附件2`): each restarts the numbering, and prefixes the ids in it (`annex-2-…`).
    private var part: PartID.Step?
    private var ids = UniquePartIDs()
    /// The part that paragraphs are numbered under (the last heading, article or box), and how many
    /// paragraphs each part has so far.
    private var paragraphScope: PartID?
    private var paragraphCounts: [PartID: Int] = [:]
    private var unnumberedHeadings = 0

    init(file: String, runningHeaders: Set<String> = []) {
        self.file = file
        self.runningHeaders = runningHeaders
        furniture = PageFurniture(runningHeaders: runningHeaders)
    }

    /// Parses `lines` into blocks; problems are added to `diagnostics`.
    static func blocks(
        from lines: [SourceLine], file: String, runningHeaders: Set<String> = [], ids: inout UniquePartIDs,
        diagnostics: inout [Diagnostic]
    ) -> [Block] {
        var tables: (read: [Int], unread: [Int]) = ([], [])
        return blocks(
            from: lines, file: file, runningHeaders: runningHeaders, ids: &ids, cellLineTables: &tables, diagnostics: &diagnostics)
    }

    /// Parses `lines` into blocks and tells which tables were printed one cell per line.
    static func blocks(
        from lines: [SourceLine], file: String, runningHeaders: Set<String>, ids: inout UniquePartIDs,
        cellLineTables: inout (read: [Int], unread: [Int]), diagnostics: inout [Diagnostic]
    ) -> [Block] {
        var parser = BodyParser(file: file, runningHeaders: runningHeaders)
        parser.ids = ids
        let blocks = parser.parse(lines)
        ids = parser.ids
        diagnostics += parser.diagnostics
        cellLineTables.read += parser.cellLineTables.read
        cellLineTables.unread += parser.cellLineTables.unread
        return blocks
    }

    mutating func parse(_ lines: [SourceLine]) -> [Block] {
        let cellTables = Dictionary(
            CellLineTable.find(in: lines).map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        var skipUntil = 0
        // The cells of each line as it is in the source, made once: a row is also looked at as the next line's.
        var sourceCells = [[String]??](repeating: nil, count: lines.count)
        func cells(ofLine index: Int) -> [String]? {
            if let known = sourceCells[index] { return known }
            let found = TableBuilder.cells(of: lines[index].text)
            sourceCells[index] = .some(found)
            return found
        }
        for (index, line) in lines.enumerated() {
            if index < skipUntil { continue }
            if let cellTable = cellTables[index] {
                addCellLineTable(cellTable, line: line.number)
                skipUntil = cellTable.range.upperBound
                continue
            }
            var raw = line.text
            var isSourceText = true
            if let note = LineClassifier.pageNote(raw) {
                raw = note.remainder
                isSourceText = false
            }
            // A page note printed in mid-sentence (`…支持农民工在（下转第37页）`) is no text either.
            if let cleaned = PageFurniture.removingPageNotes(raw) {
                raw = cleaned
                isSourceText = false
            }
            if raw.trimmingGazetteWhitespace().isEmpty || furniture.isFurniture(raw) { continue }
            // The cells of the next line that is not blank, if it is a table row.
            func nextCells() -> [String]? {
                DocumentHeaderScanner.nextNonBlank(from: index + 1, in: lines, range: lines.indices, maximumGap: .max)
                    .flatMap { cells(ofLine: $0) }
            }
            if let cells = isSourceText ? cells(ofLine: index) : TableBuilder.cells(of: raw),
               !isContentsEntry(cells.joined(separator: " ").trimmingGazetteWhitespace()),
               raw.trimmingGazetteWhitespace().hasTextPrefix("|") || table != nil || nextCells() != nil {
                // A tab-separated line is a row only beside another row: a lone tab is spacing.
                if TableBuilder.isSeparator(cells) { continue }
                let isHeader = nextCells().map(TableBuilder.isSeparator) ?? false
                addTableRow(cells, line: line.number, isHeader: isHeader)
                continue
            }
            let markup = LineMarkup(raw)
            for tag in markup.unclosedTags {
                warn("unclosed <\(tag)> tag; its text is kept without the formatting", line: line.number)
            }
            add(markup, line: line.number)
        }
        closeTable()
        closeContents()
        closeBox()
        return blocks
    }

    // MARK: - Lines

    private mutating func add(_ markup: LineMarkup, line: Int) {
        let text = markup.text
        guard !text.isEmpty else { return }
        let compact = LineClassifier.compact(text)
        if compact == "目录" {
            closeTable()
            closeBox()
            closeContents()
            contents = ([], line, line)
            return
        }
        // Read once: each test below needs the line's numbering.
        let lineNumbering = Numbering.parse(text)
        let isChapterOrSection = lineNumbering.map { [.chapter, .section].contains($0.kind) } == true
        if isContentsEntry(text) || (contents != nil && isChapterOrSection && contentsPage(text) != nil) {
            closeTable()
            if contents == nil { contents = ([], line, line) }
            contents!.entries.append(Self.contentsEntryText(text))
            contents!.lastLine = line
            return
        }
        // A 目录 printed without page numbers (a regulation's own contents): its chapters and sections
        // are entries until a chapter it already lists comes again, where the text begins.
        if let listed = contents, let parsed = lineNumbering, isChapterOrSection,
           parsed.rest.count <= 40, !parsed.rest.containsText("。"),
           parsed.kind == .section || !listed.entries.contains(where: { Numbering.parse($0)?.label == parsed.label }) {
            contents!.entries.append(HeaderText.normalize(text).replacing(Self.chapterLabel) { "\($0.1) " })
            return
        }
        closeContents()
        if let parsed = lineNumbering {
            switch parsed.kind {
            case .chapter, .section:
                if parsed.rest.count <= 40, !parsed.rest.containsText("。") {
                    return addHeading(parsed, text: text, level: parsed.kind.rawValue, line: line)
                }
            case .box:
                return openBox(parsed, text: text, line: line)
            case .article:
                // `依照《…法》` / `第十二条的规定，…`: a citation that OCR put at the start of a line. An
                // article's own text may start with 中 (`第八条 中医医疗机构…`); a citation goes on `中的`, `中规定`.
                let spaced = text.dropFirst(parsed.label.count).first?.isGazetteWhitespace == true
                let citing = "的之，、,和或及至".contains(parsed.rest.first ?? " ") || parsed.rest.hasTextPrefix("规定")
                    || ["中的", "中规定", "中所", "中，"].contains { parsed.rest.hasTextPrefix($0) }
                if !spaced, citing {
                    return addParagraph(text, line: line, numbered: false)
                }
                return addArticle(parsed, line: line)
            case .item, .subitem, .arabic, .parenthesizedArabic:
                // Inside a box, only its own kind of numbered item stays; a heading of the text ends it.
                if box != nil, let itemKind = boxItemKind, itemKind != parsed.kind, parsed.kind < itemKind { closeBox() }
                if box != nil, boxItemKind == nil, !box!.children.isEmpty, [.item, .subitem].contains(parsed.kind),
                   Self.isHeadingLike(parsed.rest) { closeBox() }
                if Self.isHeadingLike(parsed.rest), box == nil {
                    return addHeading(parsed, text: text, level: Self.level(of: parsed.kind), line: line)
                }
                if box != nil, boxItemKind == nil { boxItemKind = parsed.kind }
                return addParagraph(text, line: line, numbered: true)
            }
        }
        if compact == "附件" || compact.wholeMatch(of: Self.numberedAttachment) != nil {
            closeTable()
            closeBox()
            numbering = NumberingTracker()
            let digits = compact.dropFirst(2)
            part = PartID.Step(.annex, digits.isEmpty ? nil : Int(digits) ?? ChineseNumeral.value(of: String(digits)))
            return append(Block(id: uniqueID(PartID([part!])), kind: .heading(level: 0), text: text, label: compact,
                                line: line))
        }
        if markup.headingHint > 0, Self.isHeadingLike(text) {
            closeTable()
            closeBox()
            unnumberedHeadings += 1
            let id = uniqueID(inPart(PartID(.heading, unnumberedHeadings)))
            return append(Block(id: id, kind: .heading(level: 0), text: HeaderText.normalize(text), line: line))
        }
        addParagraph(text, line: line, numbered: false)
    }

    private mutating func addHeading(_ parsed: Numbering, text: String, level: Int, line: Int) {
        closeTable()
        closeBox()
        if let problem = numbering.record(parsed) { warn(problem, line: line) }
        let id = uniqueID(inPart(numbering.path(for: parsed)))
        append(Block(id: id, kind: .heading(level: level), text: text, label: parsed.label, line: line))
    }

    private mutating func addArticle(_ parsed: Numbering, line: Int) {
        closeTable()
        closeBox()
        if let problem = numbering.record(parsed) { warn(problem, line: line) }
        let id = uniqueID(inPart(PartID(.article, parsed.value)))
        append(Block(id: id, kind: .article, text: parsed.rest, label: parsed.label, line: line))
    }

    private mutating func addParagraph(_ text: String, line: Int, numbered: Bool) {
        closeTable()
        if box != nil, !continuesBox(text, numbered: numbered) { closeBox() }
        if !numbered, !Self.isRecordLine(text), joinToPrevious(text, line: line) { return }
        append(Block(id: paragraphID(), kind: .paragraph, text: text, line: line))
    }

    /// OCR breaks lines in mid-sentence, often with an empty line between: text that follows a
    /// paragraph or article that has not ended its sentence continues it.
    private mutating func joinToPrevious(_ text: String, line: Int) -> Bool {
        if box != nil {
            guard let last = box!.children.last, Self.canContinue(last, with: text) else { return false }
            box!.children[box!.children.count - 1].text += text
            box!.children[box!.children.count - 1].lastLine = line
            return true
        }
        // A box printed in the middle of a paragraph: the text after the box continues the paragraph before it.
        var index = blocks.count - 1
        if index >= 0, case .box = blocks[index].kind { index -= 1 }
        guard index >= 0, Self.canContinue(blocks[index], with: text) else { return false }
        blocks[index].text += text
        blocks[index].lastLine = line
        return true
    }

    /// The record printed at the foot of a document (版记): who gets copies and when it was printed.
    /// The record under a regulation's title (`2021年5月8日 某市…会议通过`) is a line of its own too.
    static func isRecordLine(_ text: String) -> Bool {
        text.hasTextPrefix("抄送") || text.hasTextPrefix("抄报") || text.hasTextSuffix("印发") && text.containsText("年")
            || text.containsText("日") && EnactmentRecord.parse(text) != nil
    }

    /// Whether text can be appended to a block: a paragraph or article whose last sentence is open.
    static func canContinue(_ block: Block, with next: String? = nil) -> Bool {
        switch block.kind {
        case .paragraph, .article: break
        default: return false
        }
        let text = block.text
        if isRecordLine(text) || isNumberOnly(text) || next.map(isNumberOnly) == true { return false }
        if isNameList(text) || next.map(isNameList) == true { return false }
        guard let last = text.last, !endsSentence(text) else { return false }
        // A short line without any punctuation is a title, a label or a table cell, unless the next line
        // plainly finishes its sentence (`…办公厅文件` / `精神，抓好落实。`).
        if text.hasAtMost(characters: 40), !text.contains(where: { "。，；、：！？,;:!?".contains($0) }),
           !"，、".contains(last) {
            guard let next, !LineClassifier.endsLikeTitle(HeaderText.normalize(text)),
                  let clauseEnd = next.firstIndex(where: { "，。；、".contains($0) }), next.distance(from: next.startIndex, to: clauseEnd) <= 6
            else { return false }
        }
        return true
    }

    /// `AB角：刘高永—马应华`, `张 凯—张 永—邓 涛`: names paired by dashes, as lists printed in columns give
    /// them; each line is a pair of its own.
    static func isNameList(_ text: String) -> Bool {
        guard text.containsText("—") || text.containsText("－"), text.hasAtMost(characters: 40) else { return false }
        var names = Substring(text)
        if let colon = names.firstIndex(of: "：") { names = names[names.index(after: colon)...] }
        let parts = names.split(whereSeparator: { "—－".contains($0) })
        return parts.count >= 2 && parts.allSatisfy { part in
            let name = LineClassifier.compact(String(part))
            return (2...4).contains(name.count) && name.allSatisfy(\.isCJKIdeograph)
        }
    }

    /// `39221`, `8.3`, `95%`: a figure on a line of its own is a table cell, never part of a sentence.
    static func isNumberOnly(_ text: String) -> Bool {
        // By scalar with an early end: a paragraph's whole text is asked each time a line is joined to it.
        var characters = 0
        var hasDigit = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\r", "\n", "\u{A0}", "\u{3000}", "\u{FEFF}": continue
            case "0"..."9", "０"..."９": hasDigit = true
            case ".", "%", "％", ",", "，": break
            default:
                // A combining mark joins the character before it: that case is left to the reading by character.
                let joins = scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .spacingMark
                return joins ? isNumberOnlyByCharacter(text) : false
            }
            characters += 1
            if characters > 16 { return false }
        }
        return hasDigit
    }

    private static func isNumberOnlyByCharacter(_ text: String) -> Bool {
        let compact = LineClassifier.compact(text)
        func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber || ("０"..."９").contains(character) }
        return !compact.isEmpty && compact.count <= 16 && compact.allSatisfy { isDigit($0) || ".%％,，".contains($0) }
            && compact.contains(where: isDigit)
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        if "。！？；：!?;:…".contains(last) { return true }
        if "”’」』".contains(last) {
            let before = text.dropLast().last
            return before.map { "。！？!?".contains($0) } ?? false
        }
        return false
    }

    /// A numbered line reads as a heading when what follows the number is short and not a sentence;
    /// a short heading may still end with a full stop (`（一）指导思想。`).
    static func isHeadingLike(_ text: String) -> Bool {
        guard !text.isEmpty, text.hasAtMost(characters: 30), let last = text.last, !"；;，,：:、".contains(last) else {
            return false
        }
        if last == "。" {
            let inner = text.dropLast()
            return inner.count <= 16 && !inner.contains(where: { "。，；、：！？,;:".contains($0) })
        }
        return !text.containsText("。") && !text.containsText("；")
    }

    static func level(of kind: Numbering.Kind) -> Int {
        switch kind {
        case .chapter: 1
        case .section: 2
        case .item: 3
        case .subitem: 4
        case .arabic: 5
        default: 6
        }
    }

    // MARK: - Boxes

    private mutating func openBox(_ parsed: Numbering, text: String, line: Int) {
        closeTable()
        closeBox()
        box = Block(id: uniqueID(inPart(PartID(.box, parsed.value))), kind: .box, text: text, label: parsed.label,
                    line: line)
        boxItemKind = nil
    }

    /// Whether a text line still belongs to the open box: numbered items, notes under its table, or
    /// the continuation of an item; plain prose after them ends the box.
    private func continuesBox(_ text: String, numbered: Bool) -> Bool {
        guard let box else { return false }
        if numbered || text.hasTextPrefix("注") || text.hasTextPrefix("备注") { return true }
        if text.first.map({ "①②③④⑤⑥⑦⑧⑨⑩※*".contains($0) }) == true { return true }
        guard let last = box.children.last else { return true }
        if case .table = last.kind { return false }
        if Self.canContinue(last) { return true }
        // Items printed as `名称：说明` lines (a bold lead in the source) stay in the box.
        if let colon = text.firstIndex(where: { $0 == "：" }), text.distance(from: text.startIndex, to: colon) <= 30 { return true }
        return false
    }

    private mutating func closeBox() {
        guard var finished = box else { return }
        box = nil
        finished.lastLine = max(finished.lastLine, finished.children.map(\.lastLine).max() ?? finished.line)
        blocks.append(finished)
    }

    // MARK: - Tables

    private mutating func addTableRow(_ cells: [String], line: Int, isHeader: Bool) {
        closeContents()
        // The open table is changed in place: a copy of it would copy all its rows for each row (quadratic time).
        if table != nil {
            if isHeader, table?.continues(withHeader: cells) == false {
                closeTable()
            } else {
                table?.add(cells, line: line, isHeader: isHeader)
                return
            }
        }
        // A table right under a box title, or right after the box's rows, belongs to the box.
        tableInBox = box != nil
        var started = TableBuilder(firstLine: line)
        started.add(cells, line: line, isHeader: isHeader)
        table = started
    }

    /// A table printed one cell per line: its rows when its columns were read, else its cells one a
    /// line, never joined into a paragraph.
    private mutating func addCellLineTable(_ cellTable: CellLineTable, line: Int) {
        closeContents()
        closeTable()
        guard let rows = cellTable.rows else {
            cellLineTables.unread.append(line)
            warn("a table printed one cell per line whose columns cannot be read from its header and rows; "
                 + "its cells are kept one a line", line: line)
            for cell in cellTable.cells where !cell.text.isEmpty {
                append(Block(id: paragraphID(), kind: .paragraph, text: cell.text, line: cell.line))
            }
            return
        }
        cellLineTables.read.append(line)
        for repair in cellTable.repairs { warn("table printed one cell per line: \(repair)", line: line) }
        for (offset, row) in rows.enumerated() {
            addTableRow(row, line: offset == 0 ? line : line, isHeader: offset == 0)
        }
        closeTable()
    }

    private mutating func closeTable() {
        guard let finished = table else { return }
        table = nil
        let rows = finished.finish()
        if let repeated = finished.repeatedHeaderLines.first {
            let lines = finished.repeatedHeaderLines.map(String.init).joined(separator: ", ")
            warn("a table row prints the header again with other words (lines \(lines)), as a page break leaves it; kept as a row",
                 line: repeated)
        }
        if let shifted = finished.shiftedLines.first {
            let lines = finished.shiftedLines.map(String.init).joined(separator: ", ")
            warn("table rows one cell short of the header (lines \(lines)); an empty cell is put under the header's empty one",
                 line: shifted)
        }
        if let irregular = finished.irregularLines.first {
            let lines = finished.irregularLines.map(String.init).joined(separator: ", ")
            warn("table rows have more cells than the header (lines \(lines)); the header is padded with empty cells", line: irregular)
        }
        // Counted, not found again among the blocks for each table: that was quadratic in the number of tables.
        tablesClosed += 1
        let number = tablesClosed
        let block = Block(id: uniqueID(inPart(PartID(.table, number))), kind: .table(rows: rows), text: "",
                          line: finished.firstLine, lastLine: finished.lastLine)
        if tableInBox, box != nil { box!.children.append(block) } else { closeBox(); blocks.append(block) }
    }

    // MARK: - Printed table of contents

    /// `第一章 工作基础和环境 .....( 6 )`, `第一节 工作基础……9`: a line of a printed 目录.
    private func isContentsEntry(_ text: String) -> Bool {
        // A page number ends the line: check the last character before anything costlier.
        guard let last = text.last, last.isNumber || last == ")" || last == "）" || last == ">", text.utf8.count <= 400 else { return false }
        let cleaned = text.containsASCII(UInt8(ascii: "<")) ? LineMarkup(text).text : text
        // Dot leaders to a page number: looked for only outside a contents list.
        let hasLeaders = { cleaned.containsText("..") || cleaned.containsText("…") || cleaned.containsText("．．") }
        guard contents != nil || hasLeaders() else { return false }
        return contentsPage(cleaned) != nil
    }

    private func contentsPage(_ text: String) -> Int? {
        guard let last = text.last, last.isNumber || last == ")" || last == "）" else { return nil }
        guard let match = text.firstMatch(of: Self.pageReference), match.range.lowerBound > text.startIndex else { return nil }
        let lead = text[..<match.range.lowerBound]
        guard lead.contains(where: { $0.isCJKIdeograph }), lead.last.map({ !$0.isNumber }) == true else { return nil }
        return Int(match.1)
    }

    static func contentsEntryText(_ text: String) -> String {
        let cleaned = LineMarkup(text).text
        guard let match = cleaned.firstMatch(of: pageReference) else { return cleaned }
        let title = HeaderText.normalize(String(cleaned[..<match.range.lowerBound])).replacing(leaders, with: "")
        let spaced = title.replacing(chapterLabel) { "\($0.1) " }
        return "\(spaced) …… \(match.1)"
    }

    nonisolated(unsafe) private static let numberedAttachment = /附件[0-9一二三四五六七八九十]{1,3}/
    nonisolated(unsafe) private static let pageReference = /[.．…·\s]*[（(]?\s*([0-9]{1,3})\s*[)）]?\s*$/
    nonisolated(unsafe) private static let leaders = /[.．…·]+$/
    nonisolated(unsafe) private static let chapterLabel = /^(第[一二三四五六七八九十百0-9]+[章节])/

    private mutating func closeContents() {
        guard let finished = contents else { return }
        contents = nil
        append(Block(id: uniqueID(inPart(PartID(.contents))), kind: .contents(entries: finished.entries), text: "目录",
                     line: finished.line, lastLine: finished.lastLine))
    }

    // MARK: - Helpers

    private mutating func append(_ block: Block) {
        if box != nil, case .paragraph = block.kind {
            box!.children.append(block)
        } else {
            closeBox()
            blocks.append(block)
        }
    }

    private func inPart(_ id: PartID) -> PartID {
        id.inside(part)
    }

    /// Claims an id; a heading, article or 附件 becomes the part that following paragraphs are numbered under.
    private mutating func uniqueID(_ base: PartID) -> PartID {
        let id = ids.claim(base)
        if let kind = id.steps.last?.kind, ![.table, .contents, .paragraph, .box].contains(kind) { paragraphScope = id }
        return id
    }

    /// The next paragraph under the current part: `article-5-p-2`, or `p-3` before any numbered part.
    private mutating func paragraphID() -> PartID {
        let scope = box?.id ?? paragraphScope
        let key = scope ?? PartID(.paragraph)
        let count = paragraphCounts[key, default: 0] + 1
        paragraphCounts[key] = count
        let step = PartID.Step(.paragraph, count)
        return ids.claim(scope?.appending(step) ?? PartID([step]))
    }

    private mutating func warn(_ message: String, line: Int) {
        diagnostics.append(.warning(message, at: SourceLocation(file: file, line: line)))
    }
}
