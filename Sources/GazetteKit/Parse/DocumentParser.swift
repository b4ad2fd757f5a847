/// Parses the lines of one document, from its header to its last annex, into a `Document`.
struct DocumentParser {
    var file: String
    /// Lines that repeat at the top of printed pages (the gazette's name, the issue), to be removed.
    var runningHeaders: Set<String> = []

    /// The parts of a document's text, as line indices.
    struct Layout {
        var recipients: Range<Int>?
        var attachments: Range<Int>?
        /// Signature lines, the date line and the disclosure line.
        var signatures: [Int] = []
        var date: Int?
        /// The first line of a date broken over two (`2014` / `年8月12日`).
        var dateStart: Int?
        var disclosure: Int?
    }

    func parse(
        _ lines: [SourceLine], header: DocumentHeader, id: String, diagnostics: inout [Diagnostic]
    ) -> Document {
        CrashTestHook.crashIfMarked(lines)
        // The title printed again as the first line of the text (a copy's heading, then the document) is
        // the title: it is neither text nor glued to the 主送 line after it. A header may end the lines it is
        // given (a document cut short by what follows it).
        let afterHeader = min(header.end + 1, lines.count)
        let bodyStart = min(Self.endOfRepeatedTitle(header.title, in: lines, from: afterHeader) ?? afterHeader, lines.count)
        let layout = self.layout(of: lines, from: bodyStart)
        var document = Document(
            id: id,
            issuerMark: header.issuerMark,
            number: header.number,
            title: header.title,
            location: SourceLocation(file: file, line: lines[header.start].number)
        )
        document.sourceLines = lines.map(\.number)
        document.recipients = layout.recipients.flatMap { range in
            LineClassifier.recipients(range.map { lines[$0].trimmed }.joined())
        }
        document.signatures = layout.signatures.flatMap { Self.issuers(inSignature: lines[$0].text) }
        document.date = layout.date.flatMap { Self.date(at: $0, in: lines)?.date }
        document.disclosure = layout.disclosure.flatMap { LineClassifier.disclosure(lines[$0].text) }
        document.issuer = Self.issuer(signatures: document.signatures, mark: header.issuerMark, title: header.title)
        if let range = layout.attachments { document.attachments = Self.attachmentItems(lines[range]) }

        var skipped = Set(layout.signatures)
        for index in [layout.date, layout.dateStart, layout.disclosure].compactMap({ $0 }) { skipped.insert(index) }
        if let range = layout.recipients { skipped.formUnion(range) }
        if let range = layout.attachments { skipped.formUnion(range) }
        // What follows the signature block (a printed plan, the 附件 texts) is the annex, kept in order.
        let closing = [layout.disclosure, layout.date].compactMap { $0 }.max().map { $0 + 1 } ?? lines.count
        var ids = UniquePartIDs()
        var cellLineTables: (read: [Int], unread: [Int]) = ([], [])
        document.body = BodyParser.blocks(
            from: (bodyStart..<max(bodyStart, closing)).filter { !skipped.contains($0) }.map { lines[$0] },
            file: file, runningHeaders: runningHeaders, ids: &ids, cellLineTables: &cellLineTables, diagnostics: &diagnostics)
        document.annex = BodyParser.blocks(
            from: Array(lines[max(bodyStart, closing)...]), file: file, runningHeaders: runningHeaders,
            ids: &ids, cellLineTables: &cellLineTables, diagnostics: &diagnostics)
        document.cellLineTables = cellLineTables.read
        document.unreadCellLineTables = cellLineTables.unread
        document.annex = Self.promotingTitle(document.annex)
        // A regulation printed without signature: who enacted it and when, from the record under its title.
        if document.date == nil || document.issuer == nil,
           let enacted = EnactmentRecord.facts(of: EnactmentRecord.records(in: lines, after: header.end)) {
            document.date = document.date ?? enacted.date
            document.issuer = document.issuer ?? enacted.issuer
        }
        return document
    }

    /// Finds the 主送 lines, the 附件 list and the signature block after the header.
    func layout(of lines: [SourceLine], from start: Int) -> Layout {
        var layout = Layout()
        layout.recipients = recipientLines(in: lines, from: start)
        // The signature block: a signature line, then the date and the 公开属性 line in either order.
        // The first block with a 公开属性 line wins, as a plan printed after the notice may end with a
        // signature and date of its own.
        var fallback: Layout?
        for index in (layout.recipients?.upperBound ?? start)..<lines.count {
            guard let (_, dateStart) = Self.date(at: index, in: lines) else { continue }
            var block = Layout()
            block.date = index
            block.dateStart = dateStart == index ? nil : dateStart
            var cursor = dateStart
            while let previous = DocumentHeaderScanner.previousNonBlank(before: cursor, in: lines, range: start..<cursor, maximumGap: 2) {
                if block.disclosure == nil, LineClassifier.disclosure(lines[previous].text) != nil {
                    block.disclosure = previous
                    cursor = previous
                    continue
                }
                if LineClassifier.isSignature(lines[previous].text) {
                    block.signatures = [previous]
                    // Joint issuers signed on two lines: an organisation's name right above.
                    if let above = DocumentHeaderScanner.previousNonBlank(
                        before: previous, in: lines, range: start..<previous, maximumGap: 1),
                       DocumentHeaderScanner.isOrganisationName(lines[above].text),
                       DocumentHeaderScanner.isOrganisationName(lines[previous].text) {
                        block.signatures.insert(above, at: 0)
                    }
                }
                break
            }
            guard !block.signatures.isEmpty else { continue }
            if block.disclosure == nil,
               let after = DocumentHeaderScanner.nextNonBlank(from: index + 1, in: lines, range: index + 1..<lines.count, maximumGap: 3),
               LineClassifier.disclosure(lines[after].text) != nil {
                block.disclosure = after
            }
            if block.disclosure != nil {
                fallback = block
                break
            }
            if fallback == nil { fallback = block }
        }
        if let fallback {
            layout.signatures = fallback.signatures
            layout.date = fallback.date
            layout.dateStart = fallback.dateStart
            layout.disclosure = fallback.disclosure
        } else if let alone = dateStandingAlone(in: lines, from: layout.recipients?.upperBound ?? start) {
            // A signature that is only a date, printed right after the last sentence of the text.
            layout.date = alone
            layout.dateStart = Self.date(at: alone, in: lines).flatMap { $0.start == alone ? nil : $0.start }
        }
        let bodyEnd = layout.signatures.first ?? lines.count
        layout.attachments = attachmentList(in: lines, range: (layout.recipients?.upperBound ?? start)..<bodyEnd)
        return layout
    }

    /// The line after `title` printed again (on one line or a few) right after the header, if it is.
    static func endOfRepeatedTitle(_ title: String, in lines: [SourceLine], from start: Int) -> Int? {
        let wanted = title.comparableForm
        guard wanted.count >= 6 else { return nil }
        var text = ""
        var cursor = start
        while let next = DocumentHeaderScanner.nextNonBlank(from: cursor, in: lines, range: cursor..<lines.count, maximumGap: 2) {
            text += HeaderText.stripMarkup(lines[next].text).comparableForm
            if text == wanted { return next + 1 }
            guard wanted.hasTextPrefix(text), !text.isEmpty else { return nil }
            cursor = next + 1
        }
        return nil
    }

    /// The first line that is only a date and follows a finished sentence.
    private func dateStandingAlone(in lines: [SourceLine], from start: Int) -> Int? {
        (start..<lines.count).first { index in
            guard let (_, first) = Self.date(at: index, in: lines), first >= start,
                  let above = DocumentHeaderScanner.previousNonBlank(before: first, in: lines, range: start..<first, maximumGap: 4)
            else { return false }
            return BodyParser.endsSentence(lines[above].trimmed)
        }
    }

    /// The date a line ends: a line that is only a date, or the second half of one broken after its
    /// year (`2014` / `年8月12日`); `start` is the date's first line.
    static func date(at index: Int, in lines: [SourceLine]) -> (date: CalendarDate, start: Int)? {
        if let date = LineClassifier.date(lines[index].text) { return (date, index) }
        let text = lines[index].trimmed
        guard text.hasTextPrefix("年"), text.count <= 12,
              let above = DocumentHeaderScanner.previousNonBlank(before: index, in: lines, range: 0..<index, maximumGap: 1)
        else { return nil }
        let year = LineClassifier.compact(lines[above].text)
        guard year.count == 4, let date = LineClassifier.date(year + text) else { return nil }
        return (date, above)
    }

    /// The 主送 lines right after the header: one line or a few ending with a colon, without a full stop.
    private func recipientLines(in lines: [SourceLine], from start: Int) -> Range<Int>? {
        var text = ""
        var cursor = start
        for _ in 0..<3 where cursor < lines.count {
            guard let next = DocumentHeaderScanner.nextNonBlank(from: cursor, in: lines, range: cursor..<lines.count, maximumGap: 3)
            else { return nil }
            text += lines[next].trimmed
            if LineClassifier.recipients(text) != nil { return start..<(next + 1) }
            // A list of organisations broken anywhere, even inside a name (`有关单` / `位：`).
            guard !text.containsText("。"), text.count < 200, text.contains(where: { "，,、".contains($0) }) else { return nil }
            cursor = next + 1
        }
        return nil
    }

    /// The document a notice issues starts with its own title (武隆区医疗保障“十四五”规划), printed on
    /// one line or a few short ones: they become one heading.
    static func promotingTitle(_ blocks: [Block]) -> [Block] {
        var title = ""
        for (count, block) in blocks.prefix(3).enumerated() {
            guard case .paragraph = block.kind, LineClassifier.canBeTitleLine(block.text) else { break }
            title += block.text
            let joined = HeaderText.normalize(title)
            guard joined.count <= 60 else { break }
            if LineClassifier.endsLikeTitle(joined) {
                var heading = blocks[0]
                heading.id = PartID(.title)
                heading.kind = .heading(level: 0)
                heading.text = joined
                heading.lastLine = blocks[count].lastLine
                return [heading] + blocks.dropFirst(count + 1)
            }
        }
        return blocks
    }

    /// The `附件：1. …` list printed before the signature: the 附件 line and the numbered lines under it.
    private func attachmentList(in lines: [SourceLine], range: Range<Int>) -> Range<Int>? {
        guard let first = range.first(where: { Self.attachmentLead(lines[$0].text) != nil }) else { return nil }
        var end = first + 1
        while end < range.upperBound {
            let line = lines[end].trimmed
            // Numbered items, and the short remainder of an item broken over two lines.
            let continuesItem = line.count <= 30 && !line.containsText("。") && !line.containsText("：")
                && !DocumentHeaderScanner.isOrganisationName(line) && Self.endsLikeAttachmentName(line)
            // The 发文字号 of a cited document, wrapped onto a line of its own.
            let wrappedNumber = LineClassifier.documentNumber(line)?.parenthesized == true
            if line.isEmpty || line.first?.isNumber == true || continuesItem || wrappedNumber { end += 1 } else { break }
        }
        while end > first + 1, lines[end - 1].isBlank { end -= 1 }
        return first..<end
    }

    /// The text after `附件：` when the line starts the 附件 list.
    static func attachmentLead(_ text: String) -> String? {
        var line = HeaderText.stripMarkup(text)
        guard line.hasTextPrefix("附件") else { return nil }
        line.removeFirst(2)
        guard let colon = line.first, colon == "：" || colon == ":" else { return nil }
        return String(line.dropFirst()).trimmingGazetteWhitespace()
    }

    /// How the name of an attached text ends: a kind of document, a table, a list, a map.
    static func endsLikeAttachmentName(_ text: String) -> Bool {
        let attachmentEndings = ["表", "清单", "名单", "名录", "图", "（略）", "(略)"]
        return LineClassifier.endsLikeTitle(text) || attachmentEndings.contains { text.hasTextSuffix($0) }
    }

    static func attachmentItems(_ lines: ArraySlice<SourceLine>) -> [String] {
        var items: [String] = []
        for line in lines {
            let text = attachmentLead(line.text) ?? line.trimmed
            guard !text.isEmpty else { continue }
            if let last = items.last, text.first?.isNumber != true, attachmentLead(line.text) == nil, last.first?.isNumber == true {
                items[items.count - 1] = last + text  // the rest of an item broken over two lines
            } else {
                items.append(text)
            }
        }
        return items
    }

    /// A signature line may name several issuers, printed apart by wide spaces:
    /// `中共某某区委办公室　　某某区人民政府办公室`.
    /// A title and a name (`省长　黄强`) stay one signature.
    static func issuers(inSignature text: String) -> [String] {
        let parts = text.trimmingGazetteWhitespace().split(separator: Self.wideGap)
            .map { HeaderText.normalize(String($0)) }.filter { !$0.isEmpty }
        if parts.count > 1, parts.allSatisfy(DocumentHeaderScanner.isOrganisationName) { return parts }
        return parts.isEmpty ? [] : [parts.joined(separator: " ")]
    }

    nonisolated(unsafe) private static let wideGap = /[ \t\u{3000}]{2,}|\u{3000}/

    /// 发文机关: the signature names it; else the issuer mark without 文件; else the title before 关于.
    static func issuer(signatures: [String], mark: String?, title: String) -> String? {
        // A decree is issued by the government its mark names; its signature is the governor's.
        if let mark, mark.hasTextSuffix("令") { return String(mark.dropLast()) }
        // A standing committee's announcement is issued by the committee, whoever signs it.
        if let mark, mark.hasTextSuffix("公告"), !mark.containsText("　") { return String(mark.dropLast(2)) }
        let named = signatures.filter { !$0.isEmpty }
        if !named.isEmpty { return named.joined(separator: "、") }
        if let mark { return mark.hasTextSuffix("文件") ? String(mark.dropLast(2)) : mark }
        if let about = title.range(of: "关于"), about.lowerBound > title.startIndex {
            return String(title[..<about.lowerBound])
        }
        return nil
    }
}
