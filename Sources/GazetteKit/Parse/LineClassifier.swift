/// Recognises the kinds of line that official documents (公文) print in fixed forms.
///
/// Every rule here is about the form of 党政机关公文 (GB/T 9704), not about one gazette's wording.
enum LineClassifier {
    /// Words a document title ends with: the 公文 types and the kinds of text they issue.
    static let titleEndings = [
        "通知", "决定", "意见", "办法", "规定", "规划", "方案", "批复", "通告", "公告", "报告", "函", "纪要", "命令", "令",
        "决议", "通报", "请示", "议案", "公报", "条例", "细则", "规则", "要点", "计划", "制度", "准则", "措施", "目录", "通知书",
        "纲要", "指引", "指南", "规程", "章程", "标准", "公示", "名单", "清单", "答复", "建议", "守则", "导则", "规范",
    ]

    /// Endings of an organisation's name, as printed in an issuer mark or signature.
    static let organisationEndings = [
        "政府", "办公室", "办公厅", "委员会", "局", "厅", "部", "委", "院", "会", "组", "处", "署", "室", "中心", "公司", "政协", "人大", "党委",
    ]

    /// The text without any white space: OCR puts spaces between the characters of names and headings.
    static func compact(_ text: String) -> String { text.withoutGazetteWhitespace }

    /// A 发文机关标志 line such as `重庆市武隆区人民政府办公室文件`, or joint `中共某某委员会 某某人民政府文件`.
    static func isIssuerMark(_ text: String) -> Bool {
        guard text.utf8.count <= 400, text.containsText("件") else { return false }
        let line = compact(HeaderText.stripMarkup(text))
        guard line.hasTextSuffix("文件"), (6...80).contains(line.count) else { return false }
        let name = line.dropLast(2)
        guard name.allSatisfy({ $0.isCJKIdeograph || "、·（）()".contains($0) }) else { return false }
        return organisationEndings.contains { name.hasTextSuffix($0) }
    }

    /// A line that is only a date: `2022年6月29日`.
    static func date(_ text: String) -> CalendarDate? {
        guard text.utf8.count <= 120 else { return nil }
        let line = text.trimmingGazetteWhitespace()
        guard line.count <= 24 else { return nil }
        return CalendarDate(chinese: HeaderText.stripMarkup(line))
    }

    /// A 公开属性 line such as `（此件公开发布）` or `(此件依申请公开)`; returns the text inside the brackets.
    static func disclosure(_ text: String) -> String? {
        guard text.utf8.count <= 120 else { return nil }
        let line = compact(text)
        guard line.count <= 20, let first = line.first, "（(".contains(first), let last = line.last, "）)".contains(last)
        else { return nil }
        let inner = String(line.dropFirst().dropLast())
        return inner.hasTextPrefix("此件") || inner.containsText("公开") ? inner : nil
    }

    /// A page note such as `（下转第8页）` or `（上接第40页）`, possibly followed by text on the same line.
    struct PageNote: Equatable {
        enum Direction: Equatable {
            /// 上接/上转: this text continues from an earlier page.
            case continuedFrom
            /// 下转/下接: the text continues on a later page.
            case continuesOn
        }

        var direction: Direction
        var page: Int
        /// Text printed after the note on the same line.
        var remainder: String
    }

    static func pageNote(_ text: String) -> PageNote? {
        let line = text.trimmingGazetteWhitespace()
        guard let first = line.first, "（(".contains(first), line.containsText("页"),
              let match = line.prefixMatch(of: pageNotePattern), let page = CalendarDate.number(match.3)
        else { return nil }
        let direction: PageNote.Direction = match.1 == "上" ? .continuedFrom : .continuesOn
        return PageNote(direction: direction, page: page, remainder: String(line[match.range.upperBound...]).trimmingGazetteWhitespace())
    }

    nonisolated(unsafe) private static let pageNotePattern = /[（(]\s*([上下])\s*([接转])\s*第\s*([0-9]{1,4}|[一二三四五六七八九十百]{1,4})\s*页\s*[）)]/

    /// A standalone 发文字号 line; `parenthesized` tells the form printed under a title, `(武隆府办〔2021〕17号)`.
    static func documentNumber(_ text: String) -> (number: DocumentNumber, parenthesized: Bool)? {
        guard text.utf8.count <= 200, text.containsText("号") else { return nil }
        let line = compact(HeaderText.stripMarkup(text))
        guard line.count <= 40, line.containsText("号"), let number = DocumentNumber(parsing: line) else { return nil }
        let parenthesized = line.first.map { "（(".contains($0) } ?? false
        return (number, parenthesized)
    }

    /// Whether a joined title ends the way a document title does (…的通知, …办法, …规划（2021—2025年）).
    static func endsLikeTitle(_ title: String) -> Bool {
        var text = Substring(title)
        if text.hasTextSuffix("）"), let open = text.lastIndex(of: "（") { text = text[..<open] }
        return titleEndings.contains { text.hasTextSuffix($0) }
    }

    /// Whether a line can be part of a printed title: short, not a sentence, not another fixed form.
    static func canBeTitleLine(_ text: String) -> Bool {
        guard text.utf8.count <= 400 else { return false }
        let line = HeaderText.stripMarkup(text)
        guard !line.isEmpty, line.count <= 100, let last = line.last, !"。；;：:，,".contains(last) else { return false }
        return !isIssuerMark(line) && date(line) == nil && disclosure(line) == nil && pageNote(line) == nil
            && documentNumber(line) == nil
    }

    /// A 主送机关 line: a list of organisations ending with a colon, not the opening sentence of a
    /// 通告 (`…根据《…》等规定，现通告如下：`).
    static func recipients(_ text: String) -> String? {
        guard text.utf8.count <= 700 else { return nil }
        let line = text.trimmingGazetteWhitespace()
        guard line.count <= 200, let last = line.last, last == "：" || last == ":", !line.containsText("。") else { return nil }
        let name = String(line.dropLast()).trimmingGazetteWhitespace()
        guard !name.hasTextPrefix("附件"), name.count >= 2 else { return nil }
        if ["如下", "《", "根据", "现将", "为了", "特此", "经研究"].contains(where: { name.containsText($0) }) { return nil }
        let items = name.split(whereSeparator: { "，、,；;".contains($0) })
        guard items.allSatisfy({ $0.count <= 30 }) else { return nil }
        return name
    }

    /// A signature line (发文机关署名): a short organisation name without sentence punctuation.
    static func isSignature(_ text: String) -> Bool {
        guard text.utf8.count <= 250 else { return false }
        let line = text.trimmingGazetteWhitespace()
        guard !line.isEmpty, line.count <= 60, let last = line.last, !last.endsClause, !"）)".contains(last) else { return false }
        guard line.first?.isCJKIdeograph == true, !line.hasTextPrefix("附件") else { return false }
        return organisationEndings.contains { compact(line).hasTextSuffix($0) } || line.count <= 30
    }
}
