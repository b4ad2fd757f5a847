/// Parses a source that holds one document outside any issue, such as a plan published on its own.
///
/// Such a source may start with the notice that issues it (header, signature, date) or with no header
/// at all; its title is the one the document prints above its own text.
public struct StandaloneDocumentParser: Sendable {
    public var file: String
    /// Told the document's first line before it is parsed (see `SourceProgress.reached`).
    public var documentStarted: (@Sendable (_ line: Int) -> Void)?

    public init(file: String, documentStarted: (@Sendable (_ line: Int) -> Void)? = nil) {
        self.file = file
        self.documentStarted = documentStarted
    }

    public func parse(
        _ lines: [SourceLine], id fallbackID: String, metadata: SourceMetadata, diagnostics: inout [Diagnostic]
    ) -> Document? {
        guard !lines.isEmpty else {
            diagnostics.append(.error("no text: the source holds no document", at: SourceLocation(file: file, line: 1)))
            return nil
        }
        documentStarted?(lines[0].number)
        let searched = 0..<min(lines.count, 80)
        // A document printed without 发文字号 opens with its title (plain, or as a Markdown `# ` line).
        let header = DocumentHeaderScanner.headers(in: lines, range: searched).first
            ?? openingTitle(in: lines)
            ?? DocumentHeader(start: 0, end: -1, issuerMark: nil, number: nil, title: "")
        // A regulation prints under its title who enacted it and when (题注).
        let enacted = EnactmentRecord.facts(of: EnactmentRecord.records(in: lines, after: header.end))
        let parser = DocumentParser(file: file)
        var document = parser.parse(lines, header: header, id: fallbackID, diagnostics: &diagnostics)
        let layout = parser.layout(of: lines, from: header.end + 1)
        let afterSignature = [layout.date, layout.disclosure].compactMap { $0 }.max().map { $0 + 1 } ?? max(0, header.end + 1)
        let printed = printedTitle(in: lines, from: afterSignature) ?? (header.title.isEmpty ? printedTitle(in: lines, from: 0) : nil)
        guard let title = metadata.title ?? printed ?? (header.title.isEmpty ? nil : header.title) else {
            diagnostics.append(.error("no title found: the document prints neither a header nor a title above its text; "
                                      + "give one in a sidecar NAME.json as \"title\"",
                                      at: SourceLocation(file: file, line: lines[0].number)))
            return nil
        }
        document.title = title
        // The title printed again above the text (the plan under its notice's title) is a heading, never
        // glued to the paragraph after it.
        let promoted = DocumentParser.promotingTitle(document.body)
        if let first = promoted.first, case .heading(level: 0) = first.kind, first.text.comparableForm == title.comparableForm {
            document.body = promoted
        }
        if !header.title.isEmpty, header.title != title {
            // The notice that issues the document keeps its own title, above the notice's text.
            document.noticeTitle = header.title
        }
        document.number = metadata.docNumber ?? document.number ?? enacted?.number
        // The issuer the signature or decree names, else the one the title names (最高人民法院关于…), else
        // the body the record says enacted the text (a regulation's standing committee, a ministry's
        // decree), else the issuer's name a web page prints under the title.
        let signed = document.signatures.isEmpty && header.issuerMark?.hasTextSuffix("令") != true ? nil : document.issuer
        let titled = DocumentParser.issuer(signatures: [], mark: nil, title: header.title)
            .flatMap { name in LineClassifier.organisationEndings.contains { name.hasTextSuffix($0) } ? name : nil }
        document.issuer = metadata.issuer ?? signed ?? titled ?? enacted?.issuer ?? document.issuer ?? noticeIssuer(in: lines.prefix(10))
        document.date = metadata.date ?? document.date ?? enacted?.date
        document.id = document.number?.slug ?? metadata.slug ?? fallbackID
        let missing = [document.issuer == nil ? "issuer (发文机关)" : nil, document.date == nil ? "date (成文日期)" : nil].compactMap { $0 }
        if !missing.isEmpty {
            diagnostics.append(.warning("no \(missing.joined(separator: " and ")) found: neither a signature nor a record under the "
                                        + "title names it; give it in a sidecar NAME.json",
                                        at: SourceLocation(file: file, line: lines[max(0, header.start)].number)))
        }
        return document
    }

    /// The title a document without 发文字号 opens with: the first lines that read as a title, before
    /// its record, 主送 line or text. A Markdown heading line is a title whatever its last word.
    func openingTitle(in lines: [SourceLine]) -> DocumentHeader? {
        var taken: [Int] = []
        for index in lines.indices.prefix(40) {
            let line = lines[index]
            if line.isBlank || LineMarkup(line.text).text.isEmpty { continue }
            let text = HeaderText.stripMarkup(line.text)
            guard taken.count < 4, LineClassifier.canBeTitleLine(text), EnactmentRecord.parse(text) == nil,
                  Numbering.parse(text) == nil, LineClassifier.compact(text) != "目录", !DocumentHeaderScanner.isRunningMatter(text)
            else { break }
            if let last = taken.last, LineClassifier.endsLikeTitle(HeaderText.join(taken.map { lines[$0].text })),
               index > last + 1 { break }
            taken.append(index)
            if LineMarkup(line.text).headingHint > 0 { break }
        }
        guard let first = taken.first, let last = taken.last else { return nil }
        let title = HeaderText.join(taken.map { lines[$0].text })
        guard LineMarkup(lines[first].text).headingHint > 0 || LineClassifier.endsLikeTitle(title) else { return nil }
        // A web page prints the title, the issuer's name, then the title again above the text.
        if let issuer = DocumentHeaderScanner.nextNonBlank(from: last + 1, in: lines, range: lines.indices, maximumGap: 3),
           DocumentHeaderScanner.isOrganisationName(lines[issuer].text),
           let again = repeatedTitle(title, in: lines, from: issuer + 1) {
            return DocumentHeader(start: first, end: again, issuerMark: HeaderText.normalize(lines[issuer].text), number: nil, title: title)
        }
        return DocumentHeader(start: first, end: last, issuerMark: nil, number: nil, title: title)
    }

    /// The last line of `title` printed again (on one line or a few) from `start`.
    private func repeatedTitle(_ title: String, in lines: [SourceLine], from start: Int) -> Int? {
        var text = ""
        var cursor = start
        while let next = DocumentHeaderScanner.nextNonBlank(from: cursor, in: lines, range: lines.indices, maximumGap: 3) {
            text += HeaderText.stripMarkup(lines[next].text).comparableForm
            if text == title.comparableForm { return next }
            guard title.comparableForm.hasTextPrefix(text) else { return nil }
            cursor = next + 1
        }
        return nil
    }

    /// The issuer named by the notice's title line, `某某办公室关于印发……的通知`, when no signature survives.
    func noticeIssuer(in lines: ArraySlice<SourceLine>) -> String? {
        for line in lines {
            let text = HeaderText.normalize(line.text)
            guard let about = text.range(of: "关于印发") ?? text.range(of: "关于"), about.lowerBound > text.startIndex else { continue }
            let issuer = String(text[..<about.lowerBound])
            if LineClassifier.organisationEndings.contains(where: { issuer.hasTextSuffix($0) }) { return issuer }
        }
        return nil
    }

    nonisolated(unsafe) private static let yearMonth = /[0-9]{4}年[0-9]{1,2}月/

    /// The title printed above a plan's text: short lines that read as a title, before its first
    /// chapter, 目录 or paragraph. The notice's own title (…关于印发…的通知) is skipped.
    func printedTitle(in lines: [SourceLine], from start: Int) -> String? {
        var taken: [String] = []
        var blanks = 0
        for line in lines.dropFirst(start) {
            let text = HeaderText.stripMarkup(line.text)
            if text.isEmpty {
                if !line.isBlank { continue }  // a converter's comment
                blanks += 1
                if blanks > 2, !taken.isEmpty { break }
                continue
            }
            blanks = 0
            if taken.isEmpty, text.containsText("关于印发") || text.containsText("关于") && text.hasTextSuffix("通知") { continue }
            let compact = LineClassifier.compact(text)
            if compact.hasTextPrefix("附件"), compact.count <= 4 { break }
            let isYearMonth = compact.wholeMatch(of: Self.yearMonth) != nil || EnactmentRecord.parse(text) != nil
            guard LineClassifier.canBeTitleLine(text), Numbering.parse(text) == nil, !isYearMonth,
                  !["目录", "目 录"].contains(compact), taken.count < 4
            else { break }
            taken.append(text)
        }
        let title = HeaderText.join(taken)
        return LineClassifier.endsLikeTitle(title) ? title : nil
    }
}
