/// Where a document's header sits in its source lines (indices into the line array) and what it says.
struct DocumentHeader: Sendable, Hashable {
    /// Index of the first line of the document: its issuer mark, or its title, or its number.
    var start: Int
    /// Index of the last line of the header (number or title, whichever comes later).
    var end: Int
    var issuerMark: String?
    var number: DocumentNumber?
    var title: String
    var titleLines: [String]
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
            guard let (number, parenthesized) = LineClassifier.documentNumber(lines[index].text) else { continue }
            if let header = header(at: index, number: number, parenthesized: parenthesized, in: lines, range: range),
               header.start > (headers.last?.end ?? -1) {
                headers.append(header)
            }
        }
        return headers
    }

    /// The header around the number printed at `index`, if the lines around it make one.
    static func header(
        at index: Int, number: DocumentNumber, parenthesized: Bool, in lines: [SourceLine], range: Range<Int>
    ) -> DocumentHeader? {
        var titleIndices: [Int] = []
        if !parenthesized { titleIndices = titleBelow(index, in: lines, range: range) }
        if titleIndices.isEmpty { titleIndices = titleAbove(index, in: lines, range: range) }
        let titleLines = titleIndices.map { lines[$0].text }
        let title = HeaderText.join(titleLines)
        let top = min(index, titleIndices.first ?? index)
        let markIndex = previousNonBlank(before: top, in: lines, range: range, maximumGap: 3)
            .flatMap { LineClassifier.isIssuerMark(lines[$0].text) ? $0 : nil }
        // A number alone is too weak a sign (lists and citations print numbers too): the header needs
        // an issuer mark above it, or a title that ends the way document titles do.
        guard !title.isEmpty, markIndex != nil || LineClassifier.endsLikeTitle(title) else { return nil }
        return DocumentHeader(
            start: markIndex ?? top,
            end: max(index, titleIndices.last ?? index),
            issuerMark: markIndex.map { LineClassifier.compact(HeaderText.stripMarkup(lines[$0].text)) },
            number: number,
            title: title,
            titleLines: titleLines
        )
    }

    /// Title lines printed after the number: up to the 主送 line or the first sentence.
    private static func titleBelow(_ index: Int, in lines: [SourceLine], range: Range<Int>) -> [Int] {
        var taken: [Int] = []
        var cursor = index + 1
        while taken.count < 5, let next = nextNonBlank(from: cursor, in: lines, range: range, maximumGap: 2) {
            let text = lines[next].text
            guard LineClassifier.canBeTitleLine(text), LineClassifier.recipients(text) == nil else { break }
            let stripped = HeaderText.stripMarkup(text)
            if !taken.isEmpty {
                let soFar = HeaderText.join(taken.map { lines[$0].text })
                let continues = stripped.hasPrefix("的") || stripped.hasPrefix("（") || stripped.hasPrefix("(")
                if LineClassifier.endsLikeTitle(soFar) && !continues { break }
            }
            taken.append(next)
            cursor = next + 1
        }
        return taken
    }

    /// Title lines printed above the number, up to an issuer mark or the end of the previous text.
    private static func titleAbove(_ index: Int, in lines: [SourceLine], range: Range<Int>) -> [Int] {
        var taken: [Int] = []
        var cursor = index - 1
        while taken.count < 5, let previous = previousNonBlank(before: cursor + 1, in: lines, range: range, maximumGap: 2) {
            let text = lines[previous].text
            guard LineClassifier.canBeTitleLine(text) else { break }
            taken.insert(previous, at: 0)
            cursor = previous - 1
        }
        return taken
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
