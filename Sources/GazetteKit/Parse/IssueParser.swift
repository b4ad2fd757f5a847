/// Parses the text of one gazette issue into its masthead, table of contents, documents and closing catalogue.
public struct IssueParser: Sendable {
    /// The path printed in diagnostics.
    public var file: String
    /// The gazette's address (its folder's name), for documents that have no 发文字号 to be named by.
    public var gazetteSlug: String
    /// Told the first line of each document before the document is parsed (see `SourceProgress.reached`).
    public var documentStarted: (@Sendable (_ line: Int) -> Void)?

    public init(file: String, gazetteSlug: String = "gazette", documentStarted: (@Sendable (_ line: Int) -> Void)? = nil) {
        self.file = file
        self.gazetteSlug = gazetteSlug
        self.documentStarted = documentStarted
    }

    public struct Result: Sendable {
        public var issue: Issue?
        public var diagnostics: [Diagnostic]
    }

    public func parse(_ text: String, metadata: SourceMetadata = SourceMetadata()) -> Result {
        parse(SourceText.lines(of: text), metadata: metadata)
    }

    /// Parses the (normalised) lines of an issue.
    public func parse(_ lines: [SourceLine], metadata: SourceMetadata = SourceMetadata()) -> Result {
        var diagnostics: [Diagnostic] = []
        let all = 0..<lines.count
        let found = DocumentHeaderScanner.headers(in: lines, range: all)
        guard let first = found.first else {
            diagnostics.append(.error("no document found: no 发文字号 line with a title (such as 某府发〔2022〕1号)", at: location(1)))
            return Result(issue: nil, diagnostics: diagnostics)
        }
        let catalogPlace = closingCatalog(in: lines, after: first.start, documents: found)
        let documentsEnd = catalogPlace?.start ?? lines.count
        var headers = found.filter { $0.start < documentsEnd }

        var front = MastheadParser().parse(lines[0..<first.start])
        headers = Self.withoutCitations(headers, contents: front.tableOfContents, lines: lines)
        // Documents printed without a 发文字号 (a 公告, a 通知 of a department) are found by the title
        // the table of contents gives them.
        let contentsEnd = (front.tableOfContents.map(\.line).max() ?? 0)
        let listed = Self.headersListedInContents(front.tableOfContents, lines: lines, range: contentsEnd..<documentsEnd, known: headers)
        if !listed.isEmpty {
            headers = (headers + listed).sorted { $0.start < $1.start }
            if let earliest = headers.first, earliest.start < first.start {
                front = MastheadParser().parse(lines[0..<earliest.start])
            }
        }
        guard let masthead = metadata.masthead(overriding: front.masthead) else {
            diagnostics.append(.error("no masthead found: expected the gazette name (…公报) and a line such as 2022年第3期", at: location(1)))
            return Result(issue: nil, diagnostics: diagnostics)
        }

        // Segments: each header up to the next; an issuer mark with no header under it is a broken header.
        var starts = headers.map(\.start)
        // The lines of the headers, looked up for every line below: a scan of the headers for each line was
        // quadratic in an issue of thousands of documents.
        let headerLines = Set(headers.flatMap { $0.start...max($0.start, $0.end) })
        let headerStarts = Set(starts)
        for index in headers[0].start..<documentsEnd where LineClassifier.isIssuerMark(lines[index].text) {
            guard !headerLines.contains(index) else { continue }
            // A sentence that OCR broke after `…办公厅文件` is text, not a mark: the line above it is open,
            // or the line below goes on with the sentence.
            if let above = DocumentHeaderScanner.previousNonBlank(before: index, in: lines, range: 0..<index, maximumGap: 2),
               !BodyParser.endsSentence(lines[above].trimmed), LineClassifier.disclosure(lines[above].text) == nil,
               LineClassifier.date(lines[above].text) == nil, !LineClassifier.isIssuerMark(lines[above].text),
               lines[above].trimmed.count > 40 {
                continue
            }
            if let below = DocumentHeaderScanner.nextNonBlank(from: index + 1, in: lines, range: (index + 1)..<documentsEnd, maximumGap: 2),
               LineClassifier.recipients(lines[below].text) == nil, LineClassifier.documentNumber(lines[below].text) == nil,
               lines[below].trimmed.contains(where: { "。，；".contains($0) }) {
                continue
            }
            let mark = LineClassifier.compact(lines[index].text)
            let next = lines.indices[(index + 1)..<documentsEnd].first { !lines[$0].isBlank }
            if next == nil || LineClassifier.isIssuerMark(lines[next!].text) || headerStarts.contains(next!) {
                // A mark with no text under it (printed twice, or left at the end): nothing is lost by skipping it.
                diagnostics.append(.warning("文件 header \(mark) with no document under it; skipped", at: location(lines[index].number)))
            } else {
                diagnostics.append(.error("no document number (发文字号) after 文件 header \(mark)", at: location(lines[index].number)))
            }
            starts.append(index)
        }
        // A 发文字号 printed alone on its line that starts no document: the document's title could not be
        // read, so its text stays in the document before it. The document is lost as a document: an error.
        // (Under a 文件 header already reported above, the one error is enough.)
        let brokenMarks = Set(starts).subtracting(headers.map(\.start))
        for index in headers[0].start..<documentsEnd where !headerLines.contains(index) {
            guard let (number, _) = LineClassifier.documentNumber(lines[index].text), number.year != nil,
                  !brokenMarks.contains(where: { (index - 4..<index).contains($0) }) else { continue }
            diagnostics.append(.error("发文字号 \(number) is printed here but starts no document (no title was found beside it); "
                                      + "its text stays in the document before it", at: location(lines[index].number)))
        }
        starts.sort()
        var segments: [Int: Range<Int>] = [:]
        for (position, start) in starts.enumerated() {
            segments[start] = start..<(position + 1 < starts.count ? starts[position + 1] : documentsEnd)
        }

        var toc = front.tableOfContents
        var fragments: [(page: Int, lines: [SourceLine])] = []
        var segmentLines: [[SourceLine]] = []
        for header in headers {
            var own = Array(lines[segments[header.start]!])
            // Text continued from an earlier page (（上接第N页）) belongs to the document printed on that page.
            if let cut = own.indices.first(where: { index in
                index > header.end - header.start
                    && LineClassifier.pageNote(own[index].text).map { $0.direction == .continuedFrom } == true
            }) {
                fragments.append((LineClassifier.pageNote(own[cut].text)!.page, Array(own[cut...])))
                own.removeSubrange(cut...)
            }
            segmentLines.append(own)
        }
        let entryOfDocument = Self.match(toc, to: headers)
        let pages = headers.indices.map { entryOfDocument[$0].flatMap { toc[$0].page } }
        // An editorial board or colophon printed after the last document belongs to the issue.
        var colophon: [SourceLine] = []
        // Only below the last document's header: board-like lines inside the header (found by gazette fuzz in an
        // issue with duplicated lines) would cut the header off its own document.
        if let last = segmentLines.indices.last, let cut = Self.trailingColophon(segmentLines[last]),
           let header = headers.last, cut > header.end - header.start {
            colophon = Array(segmentLines[last][cut...])
            segmentLines[last].removeSubrange(cut...)
        }
        for fragment in fragments {
            guard let owner = headers.indices.last(where: { (pages[$0] ?? Int.max) <= fragment.page }) else {
                diagnostics.append(.warning("text continued from page \(fragment.page) matches no document of the table of contents; "
                                            + "kept where it is printed", at: location(fragment.lines[0].number)))
                continue
            }
            let insertion = segmentLines[owner].indices.last {
                LineClassifier.pageNote(segmentLines[owner][$0].text)?.direction == .continuesOn
            }
            segmentLines[owner].insert(contentsOf: fragment.lines, at: insertion.map { $0 + 1 } ?? segmentLines[owner].count)
        }

        let parser = DocumentParser(file: file, runningHeaders: PageFurniture(masthead: masthead).runningHeaders)
        var ids = UniqueIDs()
        var documents: [Document] = []
        for (index, header) in headers.enumerated() {
            documentStarted?(lines[header.start].number)
            let shifted = DocumentHeader(
                start: 0, end: header.end - header.start, issuerMark: header.issuerMark, number: header.number, title: header.title)
            // A document without 发文字号 is addressed by its place in its issue: `wulong-2022-03-4`.
            let place = "\(gazetteSlug)-\(masthead.year)-\(masthead.number < 10 ? "0" : "")\(masthead.number)-\(index + 1)"
            var document = parser.parse(segmentLines[index], header: shifted, id: ids.claim(header.number?.slug ?? place),
                                        diagnostics: &diagnostics)
            document.tocPage = pages[index]
            if document.date == nil {
                diagnostics.append(.warning("no 成文日期 (signature date) found for \(header.number?.description ?? header.title)",
                                            at: document.location))
            }
            documents.append(document)
        }
        for (document, entry) in entryOfDocument.enumerated() {
            if let entry { toc[entry].documentID = documents[document].id }
        }
        for entry in toc.indices where toc[entry].documentID == nil {
            if !Self.isClosingCatalogHeading(LineClassifier.compact(toc[entry].title)),
               !documents.contains(where: { $0.number != nil && $0.number == toc[entry].number }) {
                // Printed among the documents, yet no document made of it: the document is lost as a document.
                if let printed = Self.linePrinting(toc[entry].title, in: lines, range: headers[0].start..<documentsEnd, besides: headers) {
                    diagnostics.append(.error("the table of contents lists \(toc[entry].title), which is printed here but starts no "
                                              + "document (its header could not be read); its text stays in the document before it",
                                              at: location(lines[printed].number)))
                    continue
                }
                diagnostics.append(.warning("the table of contents lists \(toc[entry].title), which matches no document of the issue",
                                            at: location(toc[entry].line)))
            }
        }

        let catalog = catalogPlace.map { place in
            Self.closingCatalog(Array(lines[place.start...]).filter { !$0.isBlank },
                                heading: HeaderText.normalize(lines[place.heading].text))
        }
        var printedFacts = masthead
        let backBoard = MastheadParser().editorialBoard(colophon)
        if printedFacts.published == nil {
            printedFacts.published = backBoard.first { $0.label.hasTextPrefix("出版") }.flatMap { CalendarDate.first(in: $0.value) }
        }
        let issue = Issue(
            masthead: printedFacts, tableOfContents: toc, editorialBoard: front.editorialBoard + backBoard,
            documents: documents, closingCatalog: catalog, source: location(0))
        return Result(issue: issue, diagnostics: diagnostics)
    }

    /// A document ends with its signature and date, not at the next line that looks like a number: a
    /// title with its `（某府发〔2021〕3号）` under it, printed before the document above has reached its
    /// date, without 文件 mark or 主送 line and not in the contents, is a document the text cites.
    static func withoutCitations(_ headers: [DocumentHeader], contents: [TableOfContentsEntry], lines: [SourceLine]) -> [DocumentHeader] {
        var kept: [DocumentHeader] = []
        for header in headers {
            guard let previous = kept.last, header.issuerMark == nil, let number = header.number,
                  (header.start...header.end).contains(where: { LineClassifier.documentNumber(lines[$0].text)?.parenthesized == true })
            else {
                kept.append(header)
                continue
            }
            let dated = (previous.end + 1..<header.start).contains { DocumentParser.date(at: $0, in: lines) != nil }
            let listed = contents.contains { $0.number == number || TitleSimilarity.names($0.title, header.title) }
            let addressed = DocumentHeaderScanner.nextNonBlank(
                from: header.end + 1, in: lines, range: header.end + 1..<lines.count, maximumGap: 3)
                .map { LineClassifier.recipients(lines[$0].text) != nil } ?? false
            if dated || listed || addressed { kept.append(header) }
        }
        return kept
    }

    /// Where a colophon starts at the end of the last document: two or more labelled board lines
    /// (`主编：…`, `出版日期：…`), optionally under `编辑委员会`, with nothing but them after.
    static func trailingColophon(_ lines: [SourceLine]) -> Int? {
        var start: Int?
        var fields = 0
        for index in lines.indices.reversed() {
            let text = lines[index].trimmed
            if text.isEmpty { continue }
            let compact = LineClassifier.compact(text)
            if let field = MastheadParser.field(text), MastheadParser.isBoardLabel(field.label) {
                fields += 1
                start = index
            } else if compact.hasTextPrefix("编辑委员会") || compact == "编委会" {
                start = index
                break
            } else {
                break
            }
        }
        return fields >= 2 ? start : nil
    }

    /// Headers for the entries of the table of contents that name no document found by its number:
    /// the lines that print the entry's title (alone, as a title does; OCR may differ by a character)
    /// start a document.
    static func headersListedInContents(
        _ toc: [TableOfContentsEntry], lines: [SourceLine], range: Range<Int>, known: [DocumentHeader]
    ) -> [DocumentHeader] {
        var found: [DocumentHeader] = []
        // The entries no header found by its number or title stands for: most often none.
        let unmatched = toc.filter { entry in
            entry.title.comparableForm.count >= 8 && !isClosingCatalogHeading(LineClassifier.compact(entry.title))
                && !known.contains { header in
                    header.number != nil && header.number == entry.number || TitleSimilarity.names(entry.title, header.title)
                }
        }
        guard !unmatched.isEmpty else { return [] }
        // What each line offers, worked out once: the contents may list thousands of entries (a table printed
        // in the front matter) and every entry looks at every line.
        var titleLine: [Int: String] = [:]
        for index in range where !lines[index].isBlank && LineClassifier.canBeTitleLine(lines[index].text) {
            titleLine[index] = HeaderText.stripMarkup(lines[index].text).comparableForm
        }
        var covered = Set(known.flatMap { Array($0.start...$0.end) })
        for entry in unmatched {
            let wanted = entry.title.comparableForm
            let opening = Set(wanted.prefix(4))
            var best: (header: DocumentHeader, score: Double)?
            for index in range {
                // A title's first line starts with one of the title's first characters (OCR may change one).
                guard let first = titleLine[index], let character = first.first, opening.contains(character),
                      !covered.contains(index) else { continue }
                var taken: [Int] = []
                var text = ""
                var cursor = index
                // Up to four title lines from here, as long as they could still make the wanted title.
                while taken.count < 4,
                      let next = DocumentHeaderScanner.nextNonBlank(
                          from: cursor, in: lines, range: cursor..<range.upperBound, maximumGap: 2),
                      let comparable = titleLine[next], !DocumentHeaderScanner.isRunningMatter(lines[next].text) {
                    text += comparable
                    taken.append(next)
                    cursor = next + 1
                    guard text.count < wanted.count + 4 else { break }
                    guard abs(text.count - wanted.count) <= max(2, wanted.count / 10) else { continue }
                    let score = TitleSimilarity.score(text, wanted)
                    if score >= 0.85, score > (best?.score ?? 0) {
                        best = (DocumentHeader(start: index, end: next, issuerMark: nil, number: nil,
                                               title: HeaderText.join(taken.map { lines[$0].text })), score)
                    }
                }
                if best?.score == 1 { break }
            }
            if let best { covered.formUnion(best.header.start...best.header.end) }
            if let best { found.append(best.header) }
        }
        return found
    }

    /// The first line (outside `headers`) where `title` starts, whole on it or on up to three more lines.
    static func linePrinting(_ title: String, in lines: [SourceLine], range: Range<Int>, besides headers: [DocumentHeader]) -> Int? {
        let wanted = title.comparableForm
        guard wanted.count >= 8 else { return nil }
        let start = String(wanted.prefix(8))
        for index in range where !lines[index].isBlank {
            let first = lines[index].text.comparableForm
            guard first.count >= 8, wanted.hasTextPrefix(first.count <= wanted.count ? first : start), first.hasTextPrefix(start),
                  !headers.contains(where: { ($0.start...$0.end).contains(index) }) else { continue }
            let joined = lines[index..<min(range.upperBound, index + 8)].filter { !$0.isBlank }.prefix(4)
                .map(\.text.comparableForm).joined()
            if joined.hasTextPrefix(wanted) { return index }
        }
        return nil
    }

    /// The table of contents entry that names each document, by 发文字号 or else by title. The contents
    /// need not list documents in the order they are printed.
    static func match(_ toc: [TableOfContentsEntry], to headers: [DocumentHeader]) -> [Int?] {
        var taken = Set<Int>()
        return headers.map { header in
            var best: (entry: Int, score: Double)?
            for entry in toc.indices where !taken.contains(entry) {
                let sameNumber = toc[entry].number != nil && toc[entry].number == header.number
                guard sameNumber || TitleSimilarity.names(toc[entry].title, header.title) else { continue }
                let score = sameNumber ? 2 : TitleSimilarity.score(toc[entry].title, header.title)
                if score > (best?.score ?? 0) { best = (entry, score) }
            }
            if let best { taken.insert(best.entry) }
            return best?.entry
        }
    }

    /// The first line of the closing 主要文件目录, with the catalogue entries printed just above its heading.
    /// Where the closing catalogue starts and which line is its heading.
    /// Entries are not taken from the header of a document (`documents`) printed right above the heading.
    func closingCatalog(in lines: [SourceLine], after start: Int, documents: [DocumentHeader] = []) -> (start: Int, heading: Int)? {
        // A heading like the catalogue's may title an attachment in mid-issue (`…2021年度行政规范性文件目录`):
        // the closing catalogue is the one after which no real document (one with 主送 or a date) follows.
        // A line without 年 is no such heading, which most lines show without their markup stripped.
        let candidates = lines.indices.dropFirst(start + 1).filter { index in
            lines[index].text.containsText("年")
                && Self.isClosingCatalogHeading(LineClassifier.compact(HeaderText.stripMarkup(lines[index].text)))
        }
        guard let heading = candidates.first(where: { candidate in
            !DocumentHeaderScanner.headers(in: lines, range: (candidate + 1)..<lines.count).contains { header in
                let next = DocumentHeaderScanner.nextNonBlank(
                    from: header.end + 1, in: lines, range: (header.end + 1)..<lines.count, maximumGap: 3)
                return header.issuerMark != nil || next.map { LineClassifier.recipients(lines[$0].text) != nil } ?? false
            }
        }) else { return nil }
        // Walk back over page notes and catalogue entries that a page break put above the heading.
        var first = heading
        var cursor = heading - 1
        var expectingEntryStart = false
        while cursor > start, !documents.contains(where: { ($0.start...$0.end).contains(cursor) }) {
            let text = lines[cursor].trimmed
            if text.isEmpty {
                cursor -= 1
                continue
            }
            let isEntry = !DocumentNumber.all(in: text).isEmpty || text.hasTextSuffix("号）") || text.hasTextSuffix("号)")
            if LineClassifier.pageNote(text) != nil || isEntry {
                expectingEntryStart = isEntry
            } else if expectingEntryStart, LineClassifier.canBeTitleLine(text) {
                expectingEntryStart = false  // the first half of an entry broken over two lines
            } else {
                break
            }
            first = cursor
            cursor -= 1
        }
        return (first, heading)
    }

    /// The catalogue's entries, grouped under the issuer marks printed among them; an entry broken
    /// over lines ends with its 发文字号 in brackets.
    static func closingCatalog(_ lines: [SourceLine], heading: String) -> ClosingCatalog {
        var groups: [ClosingCatalog.Group] = []
        var pending = ""
        var pendingLine = 0
        func finish() {
            guard !pending.isEmpty else { return }
            if groups.isEmpty { groups.append(ClosingCatalog.Group(name: nil, entries: [])) }
            var title = pending
            var number: DocumentNumber?
            if let open = pending.lastIndex(where: { $0 == "（" || $0 == "(" }),
               let parsed = DocumentNumber(parsing: String(pending[open...])) {
                number = parsed
                title = String(pending[..<open])
            }
            groups[groups.count - 1].entries.append(ClosingCatalog.Entry(title: title, number: number, line: pendingLine))
            pending = ""
        }
        for line in lines {
            let text = HeaderText.normalize(line.text)
            guard text != heading, LineClassifier.pageNote(text) == nil else { continue }
            if LineClassifier.isIssuerMark(text) {
                finish()
                groups.append(ClosingCatalog.Group(name: text, entries: []))
                continue
            }
            if pending.isEmpty { pendingLine = line.number }
            pending += text
            if pending.hasTextSuffix("号）") || pending.hasTextSuffix("号)") { finish() }
        }
        finish()
        return ClosingCatalog(heading: heading, groups: groups, lines: lines)
    }

    /// `…2022年5、6月主要文件目录`: a catalogue of the period's documents, printed without a page number
    /// (the same words with a page number are its entry in the table of contents).
    static func isClosingCatalogHeading(_ text: String) -> Bool {
        guard text.utf8.count <= 240, text.count <= 80,
              text.hasTextSuffix("目录") || text.hasTextSuffix("索引") || text.hasTextSuffix("检索"),
              !text.hasTextPrefix("附件"), MastheadParser.splitPage(text) == nil,
              text.containsText("年"), text.contains(Self.catalogEnding) else { return false }
        return true
    }

    nonisolated(unsafe) private static let catalogEnding = /(文件|发文)(目录|索引|检索)$/


    private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }
}
