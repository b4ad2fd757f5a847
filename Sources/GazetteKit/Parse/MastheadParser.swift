/// Reads the front matter of an issue: masthead facts, printed table of contents and editorial board.
///
/// Gazettes print these in different orders (the board before or after the contents) and forms
/// (`2023年第6期` on one line or `2023年` / `第二期` on two), so each part is recognised by its own form.
struct MastheadParser {
    struct FrontMatter {
        var masthead: Masthead?
        var tableOfContents: [TableOfContentsEntry]
        var editorialBoard: [EditorialField]
    }

    func parse(_ lines: ArraySlice<SourceLine>) -> FrontMatter {
        let compactLines = lines.map { LineClassifier.compact(HeaderText.stripMarkup($0.text)) }
        let gazette = compactLines.first { $0.hasTextSuffix("公报") && $0.count <= 40 && $0.first?.isCJKIdeograph == true }
        // Facts may be split over lines: look for them in the lines joined, and remember where they end.
        var joined = ""
        var lineEnds: [(end: Int, index: Int)] = []
        for (offset, text) in compactLines.enumerated() {
            joined += text
            lineEnds.append((joined.utf8.count, lines.startIndex + offset))
        }
        func lineIndex(of position: String.Index) -> Int {
            let offset = joined.utf8.distance(from: joined.startIndex, to: position)
            return lineEnds.first { $0.end >= offset }?.index ?? lines.startIndex
        }
        var year: Int?
        var number: Int?
        var numberLine: Int?
        if let match = joined.firstMatch(of: Self.issueNumber) {
            year = CalendarDate.number(match.1)
            number = CalendarDate.number(match.2)
            numberLine = lineIndex(of: match.range.upperBound)
        }
        var total: Int?
        if let match = joined.firstMatch(of: Self.totalNumber) {
            total = CalendarDate.number(match.1)
            numberLine = max(numberLine ?? 0, lineIndex(of: match.range.upperBound))
        }
        // `出版日期：2023年3月31日` in the editorial block, or `二〇一四年九月三十日出版` on the cover.
        let publicationLine = compactLines.first { $0.containsText("出版日期") || $0.containsText("出版时间") }
        let published = publicationLine.flatMap { CalendarDate.first(in: $0) }
            ?? compactLines.lazy.compactMap { line in
                line.hasTextSuffix("出版") ? CalendarDate(chinese: String(line.dropLast(2))) : nil
            }.first
        var masthead: Masthead?
        if let gazette, let year, let number {
            masthead = Masthead(gazette: gazette, year: year, number: number, totalNumber: total, published: published)
        }

        let boardLines = editorialBoardLines(lines)
        let board = editorialBoard(boardLines.sorted().map { lines[$0] })
        let tocStart = (numberLine ?? lines.startIndex - 1) + 1
        let tocLines = (tocStart..<lines.endIndex).filter { !boardLines.contains($0) }.map { lines[$0] }
        return FrontMatter(masthead: masthead, tableOfContents: tableOfContents(tocLines), editorialBoard: board)
    }

    // MARK: - Table of contents

    /// The printed table of contents: titles broken over lines, each ending with its page number
    /// (`…的通知.....1`, `…的通知13`, `…………（7）`, `……五`, `| …的通知 | 35 |`), grouped under
    /// labels such as `…文件` or `【省政府令】`; a 发文字号 printed with the title is kept apart.
    func tableOfContents(_ lines: [SourceLine]) -> [TableOfContentsEntry] {
        var entries: [TableOfContentsEntry] = []
        var group: String?
        var pending: [String] = []
        var pendingLine = 0
        for line in lines {
            var text = line.trimmed
            if text.hasTextPrefix("|") {
                guard let cells = TableBuilder.cells(of: text), !TableBuilder.isSeparator(cells) else { continue }
                if cells.contains(where: { ["页码", "页次", "文号", "文件名称", "标题"].contains(LineClassifier.compact($0)) }) { continue }
                text = cells.filter { !$0.isEmpty }.joined(separator: " ")
            }
            text = HeaderText.stripMarkup(text)
            let compact = LineClassifier.compact(text)
            guard !compact.isEmpty, !["目录", "本期目录"].contains(compact) else { continue }
            if pending.isEmpty, Self.isGroupLabel(text) {
                group = compact.trimmingCharacters(in: ["【", "】", "[", "]"])
                continue
            }
            if pending.isEmpty { pendingLine = line.number }
            if let (title, page) = Self.splitPage(text) {
                if !title.isEmpty { pending.append(title) }
                guard !pending.isEmpty else { continue }
                entries.append(Self.entry(pending, group: group, page: page, line: pendingLine))
                pending = []
            } else {
                pending.append(text)
            }
        }
        return entries
    }

    private static func entry(_ lines: [String], group: String?, page: Int?, line: Int) -> TableOfContentsEntry {
        var title = HeaderText.join(lines)
        var number: DocumentNumber?
        // `…的通知（川府发〔2023〕5号）`: the number printed with the title.
        if let open = title.lastIndex(where: { $0 == "（" }), title.hasTextSuffix("号）"),
           let parsed = DocumentNumber(parsing: String(title[open...])) {
            number = parsed
            if open > title.startIndex { title = String(title[..<open]) }  // `某某令（第350号）` stays whole
        } else if let last = lines.last, let token = last.split(whereSeparator: { $0.isWhitespace }).last,
                  token.count < last.trimmingGazetteWhitespace().count || lines.count > 1,
                  let parsed = DocumentNumber(parsing: String(token)) {
            // A 文号 printed apart from the title (a column of a table): `…的通知 浦府〔2023〕12号`.
            number = parsed
            var kept = lines
            kept[kept.count - 1] = String(last.dropLast(token.count))
            title = HeaderText.join(kept)
        }
        return TableOfContentsEntry(group: group, title: title, page: page, line: line, number: number)
    }

    /// Labels that group entries of a printed table of contents without being entries themselves:
    /// an issuer mark, `【省政府令】`, or a short name of a kind of document (`市政府文件`, `人事任免`).
    static func isGroupLabel(_ text: String) -> Bool {
        let compact = LineClassifier.compact(text)
        if LineClassifier.isIssuerMark(text) || groupLabels.contains(compact) { return true }
        if compact.hasTextPrefix("【"), compact.hasTextSuffix("】"), compact.count <= 20 { return true }
        // `〖区政府文件〗`, `［部门文件］`, `〔人事任免〕`: the same label in other brackets.
        if let first = compact.first, let last = compact.last, "〖［〔[".contains(first), "〗］〕]".contains(last),
           (4...20).contains(compact.count), compact.dropFirst().dropLast().allSatisfy(\.isCJKIdeograph) {
            return true
        }
        guard compact.count <= 14, compact.allSatisfy({ $0.isCJKIdeograph }) else { return false }
        let groupEndings = [
            "文件", "令", "公告", "通告", "任免", "检索", "目录", "索引", "规章", "文件选登", "政策解读",
        ]
        return groupEndings.contains { compact.hasTextSuffix($0) }
    }

    static let groupLabels: Set<String> = ["文件检索", "规范性文件", "政府文件", "部门文件", "人事任免", "其他", "政策解读", "会议纪要"]

    /// Splits `…的通知.....16` (or `…（7）`, `…第9页`, `…12-14`, `……五`) into the title and the page
    /// number. An Arabic page is at most three digits, so a year at the end of a broken title line
    /// (`…关于2021`) is not taken for a page; a page in Chinese numerals needs leader dots before it.
    static func splitPage(_ text: String) -> (String, Int)? {
        guard let last = text.last, last.isNumber || last == "）" || last == ")" || last == "页" || ChineseNumeral.value(of: String(last)) != nil
        else { return nil }
        let characters = Array(text)
        if let (titleEnd, page, isBare) = arabicPage(characters) {
            let title = String(characters[..<titleEnd]).trimmingGazetteWhitespace()
            if isBare, let end = title.last, end.isNumber { return nil }  // `…关于2021` is not a page
            return (title, page)
        }
        if let (titleEnd, page) = chinesePage(characters) {
            return (String(characters[..<titleEnd]).trimmingGazetteWhitespace(), page)
        }
        return nil
    }

    /// Where the title ends and the page, for a line ending in an Arabic page after optional leaders:
    /// `（7）`, `第9页` or a bare `12` (`12-14`; `isBare`). What a regular expression with a lazy title matched as a
    /// whole (`PageSuffixTests` keeps it and compares), by hand: Swift's regular expression tried every length of the
    /// title. The shortest title is the one before the leaders of the first place a page starts that runs to the end
    /// of the line (a page never starts with a leader, so the leaders before it are all the title leaves out).
    private static func arabicPage(_ characters: [Character]) -> (titleEnd: Int, page: Int, isBare: Bool)? {
        func isLeader(_ character: Character) -> Bool {
            character.isWhitespace || ".．。…·—-".contains(character)
        }
        func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) && character.unicodeScalars.count == 1 }
        /// The value of the 1–3 digits at `start` and where they end; nil unless 1–3 digits are there.
        func digits(at start: Int) -> (value: Int, end: Int)? {
            var end = start
            while end < characters.count, isDigit(characters[end]), end - start < 3 { end += 1 }
            guard end > start, end == characters.count || !isDigit(characters[end]) else { return nil }
            return (Int(String(characters[start..<end]))!, end)
        }
        func spaces(from start: Int) -> Int {
            var end = start
            while end < characters.count, characters[end].isWhitespace { end += 1 }
            return end
        }
        /// The page of a page mark starting at `start` and running to the end of the line.
        func page(at start: Int) -> (page: Int, isBare: Bool)? {
            let first = characters[start]
            if first == "（" || first == "(" {
                guard let number = digits(at: spaces(from: start + 1)) else { return nil }
                let close = spaces(from: number.end)
                guard close == characters.count - 1, characters[close] == ")" || characters[close] == "）" else { return nil }
                return (number.value, false)
            }
            if first == "第" {
                guard let number = digits(at: spaces(from: start + 1)) else { return nil }
                let mark = spaces(from: number.end)
                guard mark == characters.count - 1, characters[mark] == "页" else { return nil }
                return (number.value, false)
            }
            guard let number = digits(at: start) else { return nil }
            if number.end == characters.count { return (number.value, true) }
            let dash = spaces(from: number.end)
            guard dash < characters.count, "-—–~～".contains(characters[dash]),
                  let last = digits(at: spaces(from: dash + 1)), last.end == characters.count else { return nil }
            return (number.value, true)
        }
        var leadersStart = 0
        for start in characters.indices {
            if isLeader(characters[start]) { continue }
            if let found = page(at: start) {
                return (start == 0 || !isLeader(characters[start - 1]) ? start : leadersStart, found.page, found.isBare)
            }
            leadersStart = start + 1
        }
        return nil
    }

    /// Where the title ends and the page, for a line ending in leader dots and a page in Chinese numerals
    /// (`……五`): what `(.*?)[.．。…·]{2,}\s*([一二三四五六七八九十百]{1,4})` matched as a whole, read from the end.
    private static func chinesePage(_ characters: [Character]) -> (titleEnd: Int, page: Int)? {
        var start = characters.count
        while start > 0, characters.count - start < 5, "一二三四五六七八九十百".contains(characters[start - 1]) { start -= 1 }
        guard (1...4).contains(characters.count - start),
              start == 0 || !"一二三四五六七八九十百".contains(characters[start - 1]),
              let page = ChineseNumeral.value(of: String(characters[start...]))
        else { return nil }
        var dots = start
        while dots > 0, characters[dots - 1].isWhitespace { dots -= 1 }
        let dotsEnd = dots
        while dots > 0, ".．。…·".contains(characters[dots - 1]) { dots -= 1 }
        return dotsEnd - dots >= 2 ? (dots, page) : nil
    }

    // MARK: - Editorial board

    /// The lines of the editorial block: from `编辑委员会`, or from the first line labelled like a
    /// board field (`主　任：`, `主管单位：`), with the lines that continue a field.
    func editorialBoardLines(_ lines: ArraySlice<SourceLine>) -> Set<Int> {
        var taken: Set<Int> = []
        var inBoard = false
        for index in lines.indices {
            let text = lines[index].trimmed
            let compact = LineClassifier.compact(text)
            if compact.hasTextPrefix("编辑委员会") || compact == "编委会" {
                inBoard = true
                taken.insert(index)
                continue
            }
            if let field = Self.field(text), Self.isBoardLabel(field.label) {
                inBoard = true
                taken.insert(index)
                continue
            }
            guard inBoard, !compact.isEmpty else { continue }
            // A line without a label continues the field above it (more names), unless it starts the contents.
            if ["目录", "本期目录"].contains(compact) || Self.splitPage(text) != nil || Self.isGroupLabel(text)
                || Self.field(text) != nil || compact.count > 30 {
                inBoard = false
                continue
            }
            taken.insert(index)
        }
        return taken
    }

    /// Labelled lines (`主 任：刘高永`); a line without a label continues the previous field.
    func editorialBoard(_ lines: [SourceLine]) -> [EditorialField] {
        var fields: [EditorialField] = []
        for line in lines {
            let text = line.trimmed
            let compact = LineClassifier.compact(text)
            guard !text.isEmpty, !compact.hasTextPrefix("编辑委员会"), compact != "编委会" else { continue }
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
        guard (1...14).contains(label.count), label.allSatisfy({ $0.isCJKIdeograph }) else { return nil }
        return EditorialField(label: label, value: String(text[text.index(after: colon)...]).trimmingGazetteWhitespace())
    }

    /// Labels of the editorial block: the board's members and the publication's particulars.
    static func isBoardLabel(_ label: String) -> Bool {
        let known: Set<String> = [
            "主任", "副主任", "委员", "主编", "副主编", "执行主编", "责任主编", "责任编辑", "编辑", "主管", "主办", "主管主办",
            "编辑出版", "出版", "发行", "印刷", "承印", "地址", "电话", "传真", "邮编", "邮政编码", "网址", "网站", "电子邮箱",
            "刊号", "出版日期", "出版时间", "定价", "编印", "编印单位", "内部资料准印证号",
        ]
        let fieldEndings = ["单位", "网站", "网址", "编号", "刊号", "日期", "电话", "出版物号"]
        return known.contains(label) || fieldEndings.contains { label.hasTextSuffix($0) }
    }

    nonisolated(unsafe) private static let issueNumber = /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})年第([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})期/
    nonisolated(unsafe) private static let totalNumber = /总第([0-9０-９]{1,5})期/
}
