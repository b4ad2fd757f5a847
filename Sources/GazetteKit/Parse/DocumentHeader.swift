/// Where a document's header sits in its source lines (indices into the line array) and what it says.
struct DocumentHeader: Sendable, Hashable {
    /// Index of the first line of the document: its issuer mark, or its title, or its number.
    var start: Int
    /// Index of the last line of the header (number or title, whichever comes later).
    var end: Int
    var issuerMark: String?
    var number: DocumentNumber?
    var title: String
}

/// Finds document headers in a run of source lines.
///
/// A header is a 发文字号 line with the title after it (`武隆府办发〔2022〕44号` then the title) or before it
/// (the title, then `(武隆府办〔2021〕17号)`), optionally under an issuer mark (`…人民政府办公室文件`).
enum DocumentHeaderScanner {
    /// All headers in `lines[range]`, in order.
    static func headers(in lines: [SourceLine], range: Range<Int>) -> [DocumentHeader] {
        var headers: [DocumentHeader] = []
        for index in range {
            let found: DocumentHeader?
            if let (number, parenthesized) = LineClassifier.documentNumber(lines[index].text) {
                found = header(at: index, number: number, parenthesized: parenthesized, in: lines, range: range)
            } else {
                found = decree(at: index, in: lines, range: range)
            }
            if let found, found.start > (headers.last?.end ?? -1) {
                headers.append(found)
            }
        }
        return headers
    }

    /// A decree (令): `四川省人民政府令` and `第356号` on one line or two. It prints no title: the
    /// rules it issues are named in its first sentence (`《四川省城镇燃气安全管理办法》已经…`).
    static func decree(at index: Int, in lines: [SourceLine], range: Range<Int>) -> DocumentHeader? {
        // Decided on the raw line first: the mark is short and prints 令 or 公告.
        let raw = lines[index].text
        guard raw.utf8.count <= 400, raw.containsText("令") || raw.containsText("公告") else { return nil }
        let text = LineClassifier.compact(HeaderText.stripMarkup(raw))
        // A standing committee's 公告 that promulgates a regulation is printed the same way.
        let isAnnouncement = text.hasTextSuffix("公告") && !text.containsText("关于")
        guard text.hasTextSuffix("令") || isAnnouncement, (3...30).contains(text.count), text.allSatisfy({ $0.isCJKIdeograph }),
              let next = nextNonBlank(from: index + 1, in: lines, range: range, maximumGap: 2),
              let match = LineClassifier.compact(lines[next].text).wholeMatch(of: decreeNumber), let serial = Int(match.1)
        else { return nil }
        let number = DocumentNumber(code: text, year: nil, serial: serial)
        return decreeHeader(mark: text, number: number, start: index, end: next, in: lines, range: range)
    }

    static func decreeHeader(mark: String, number: DocumentNumber, start: Int, end: Int, in lines: [SourceLine], range: Range<Int>) -> DocumentHeader {
        var title = number.description
        if let first = nextNonBlank(from: end + 1, in: lines, range: range, maximumGap: 3) {
            // The first sentence, which OCR may have broken over two lines.
            let second = nextNonBlank(from: first + 1, in: lines, range: range, maximumGap: 2)
            let sentence = lines[first].text + (second.map { lines[$0].text } ?? "")
            let announces = ["公布", "通过", "施行", "发布"].contains { sentence.containsText($0) }
            if let quoted = sentence.firstMatch(of: quotedTitle), announces {
                title = HeaderText.normalize(String(quoted.1))
            }
        }
        return DocumentHeader(start: start, end: end, issuerMark: mark, number: number, title: title)
    }

    nonisolated(unsafe) private static let decreeNumber = /[（(]?第([0-9]{1,5})号[）)]?/
    nonisolated(unsafe) private static let quotedTitle = /《([^《》]{2,60})》/

    /// The header around the number printed at `index`, if the lines around it make one.
    static func header(
        at index: Int, number: DocumentNumber, parenthesized: Bool, in lines: [SourceLine], range: Range<Int>
    ) -> DocumentHeader? {
        if number.year == nil {
            // `四川省人民政府令第356号` on one line.
            return decreeHeader(mark: number.code, number: number, start: index, end: index, in: lines, range: range)
        }
        // The title is printed under the number or above it; the one that reads as a title wins.
        let below = parenthesized ? [] : titleBelow(index, in: lines, range: range)
        let above = titleAbove(index, in: lines, range: range)
        let belowTitle = HeaderText.join(below.map { lines[$0].text })
        let aboveTitle = HeaderText.join(above.map { lines[$0].text })
        var titleIndices: [Int]
        if !below.isEmpty, LineClassifier.endsLikeTitle(belowTitle) {
            titleIndices = below
        } else if !above.isEmpty, LineClassifier.endsLikeTitle(aboveTitle) {
            titleIndices = above
        } else {
            titleIndices = below.isEmpty ? above : below
        }
        // An item of a 附件 list or of a list of documents whose number wraps onto its own line
        // (`附件：1. 某某关于…的通知` / `（某府发〔2021〕3号）`) cites a document; it starts none.
        if let first = titleIndices.first, isListItem(lines[first].text) { return nil }
        let titleLines = titleIndices.map { lines[$0].text }
        let title = HeaderText.join(titleLines)
        // A table of contents prints titles and numbers too, with page numbers: that is no header.
        if titleLines.contains(where: { isLeaderLine($0) && MastheadParser.splitPage(HeaderText.stripMarkup($0)) != nil })
            || nextNonBlank(from: index + 1, in: lines, range: range, maximumGap: 1).map({ isLeaderLine(lines[$0].text) }) == true {
            return nil
        }
        let top = min(index, titleIndices.first ?? index)
        var markIndex = previousNonBlank(before: top, in: lines, range: range, maximumGap: 3)
            .flatMap { LineClassifier.isIssuerMark(lines[$0].text) ? $0 : nil }
        // A joint mark printed on two lines: the first issuer's name above the `…文件` line.
        if let mark = markIndex, let above = previousNonBlank(before: mark, in: lines, range: range, maximumGap: 1),
           isOrganisationName(lines[above].text) {
            markIndex = above
        }
        // A number alone is too weak a sign (lists and citations print numbers too): the header needs
        // an issuer mark above it, or a title that ends the way document titles do.
        guard !title.isEmpty, markIndex != nil || LineClassifier.endsLikeTitle(title) else { return nil }
        let mark = markIndex.map { start in
            (start..<top).filter { !lines[$0].isBlank }.map { LineClassifier.compact(HeaderText.stripMarkup(lines[$0].text)) }.joined(separator: "　")
        }
        return DocumentHeader(
            start: markIndex ?? top,
            end: max(index, titleIndices.last ?? index),
            issuerMark: mark,
            number: number,
            title: title
        )
    }

    /// `附件：1. …`, `2. …`, `（三）…`: a line that starts an item of a list, never a title.
    static func isListItem(_ text: String) -> Bool {
        let stripped = HeaderText.stripMarkup(text)
        if stripped.hasTextPrefix("附件") { return true }
        guard let numbering = Numbering.parse(stripped) else { return false }
        return [.item, .subitem, .arabic, .parenthesizedArabic].contains(numbering.kind)
    }

    /// `…………（6）`, `……五`: the leaders and page of a table of contents line.
    static func isLeaderLine(_ text: String) -> Bool {
        text.containsText("……") || text.containsText("....") || text.containsText("．．．")
    }

    /// A short line that is only an organisation's name (中共广州市天河区委办公室).
    static func isOrganisationName(_ text: String) -> Bool {
        let compact = LineClassifier.compact(HeaderText.stripMarkup(text))
        guard (4...30).contains(compact.count), compact.allSatisfy({ $0.isCJKIdeograph || "（）()、".contains($0) }) else { return false }
        return LineClassifier.organisationEndings.contains { compact.hasTextSuffix($0) } && !compact.containsText("关于")
    }

    /// A line of a title beside a 发文字号: one of the short lines a title is usually printed on, or a title
    /// printed whole on one long line (more than 100 characters), which must then end as titles do.
    private static func canBeTitleLine(_ text: String) -> Bool {
        if LineClassifier.canBeTitleLine(text) { return true }
        guard text.utf8.count <= 1_000 else { return false }
        let line = HeaderText.stripMarkup(text).trimmingGazetteWhitespace()
        return line.count <= 300 && !line.containsText("。") && LineClassifier.endsLikeTitle(line)
            && LineClassifier.canBeTitleLine(String(line.suffix(60)))
    }

    /// Title lines printed after the number: up to the 主送 line or the first sentence.
    private static func titleBelow(_ index: Int, in lines: [SourceLine], range: Range<Int>) -> [Int] {
        var taken: [Int] = []
        var cursor = index + 1
        while taken.count < 5, let next = nextNonBlank(from: cursor, in: lines, range: range, maximumGap: 2) {
            let text = lines[next].text
            // A comma means a list of recipients or a sentence, not a title.
            guard canBeTitleLine(text), LineClassifier.recipients(text) == nil, !text.containsText("，") else { break }
            let stripped = HeaderText.stripMarkup(text)
            if !taken.isEmpty {
                let soFar = HeaderText.join(taken.map { lines[$0].text })
                let continues = stripped.hasTextPrefix("的") || stripped.hasTextPrefix("（") || stripped.hasTextPrefix("(")
                if LineClassifier.endsLikeTitle(soFar) && !continues { break }
            }
            taken.append(next)
            cursor = next + 1
        }
        return taken
    }

    /// Title lines printed above the number, up to an issuer mark or the end of the previous text.
    /// The title's first line names the issuer and starts `关于`: above that, nothing belongs to it.
    private static func titleAbove(_ index: Int, in lines: [SourceLine], range: Range<Int>) -> [Int] {
        var taken: [Int] = []
        var cursor = index - 1
        while taken.count < 5, let previous = previousNonBlank(before: cursor + 1, in: lines, range: range, maximumGap: 2) {
            let text = lines[previous].text
            guard canBeTitleLine(text), !isRunningMatter(text) else { break }
            if let first = taken.first.map({ lines[$0].text }), HeaderText.stripMarkup(first).hasTextPrefix("关于")
                || taken.first.map({ isOrganisationName(lines[$0].text) }) == true {
                // Only the issuers' names (one or several) can still stand above `关于…`.
                guard isOrganisationName(text), taken.count < 4 else { break }
                taken.insert(previous, at: 0)
                cursor = previous - 1
                continue
            }
            taken.insert(previous, at: 0)
            if HeaderText.stripMarkup(text).containsText("关于"), !HeaderText.stripMarkup(text).hasTextPrefix("关于") { break }
            cursor = previous - 1
        }
        return taken
    }

    /// Lines a title never contains: labelled fields (`出版日期：…`), the running header
    /// (`…公报 2023年第6期`), page footers (`— 5 —`), the issue number, a 印发 record.
    static func isRunningMatter(_ text: String) -> Bool {
        let compact = LineClassifier.compact(HeaderText.stripMarkup(text))
        if compact.containsText("：") || compact.containsText(":") { return true }
        if compact.hasTextSuffix("印发") { return true }
        return PageFurniture().isFurniture(compact)
    }

    static func nextNonBlank(from index: Int, in lines: [SourceLine], range: Range<Int>, maximumGap: Int) -> Int? {
        var cursor = index
        var gap = 0
        while cursor < range.upperBound {
            if !lines[cursor].isBlank { return cursor }
            gap += 1
            if gap > maximumGap { return nil }
            cursor += 1
        }
        return nil
    }

    static func previousNonBlank(before index: Int, in lines: [SourceLine], range: Range<Int>, maximumGap: Int) -> Int? {
        var cursor = index - 1
        var gap = 0
        while cursor >= range.lowerBound {
            if !lines[cursor].isBlank { return cursor }
            gap += 1
            if gap > maximumGap { return nil }
            cursor -= 1
        }
        return nil
    }
}
