/// Finds the citations a document prints: titles in 《》 (with the 发文字号 printed after them, if any)
/// and 发文字号 on their own, in every part of its text.
struct CitationFinder {
    /// The codes of the archive's documents (武隆府办发), to tell where a code starts in running text.
    var knownCodes: Set<String>

    func citations(in document: Document) -> [Citation] {
        let repealsAll = document.title.containsText("废止")
        var result: [Citation] = []
        for (blocks, inAnnex) in [(document.body, false), (document.annex, true)] {
            for block in blocks.flatMap(\.flattened) {
                switch block.kind {
                case .paragraph, .article, .heading, .box: break
                case .table, .contents: continue
                }
                result += citations(in: block, repealsAll: repealsAll && inAnnex)
            }
        }
        return result
    }

    /// The citations of one block. Linear in its length: numbers are looked up by where they start, titles and
    /// numbers are walked in order, and character offsets are counted on from the previous citation (a 50 MB line
    /// of citations took hours when each of these scanned from the start or through all the others).
    func citations(in block: Block, repealsAll: Bool) -> [Citation] {
        let text = block.text
        guard text.containsText("《") || text.containsText("号") else { return [] }
        var found: [(title: String?, number: DocumentNumber?, range: Range<String.Index>)] = []
        let numbers = DocumentNumber.occurrences(in: text, knownCodes: knownCodes).sorted { $0.range.lowerBound < $1.range.lowerBound }
        let numberAt = Dictionary(numbers.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        var usedNumbers: Set<String.Index> = []
        for match in Self.quotedTitles(in: text) {
            var range = match.range
            var number: DocumentNumber?
            // `《…》（武隆府办发〔2018〕79号）`: the number printed right after the title names the same document.
            let after = text[match.range.upperBound...]
            if let bracket = after.first, bracket == "（" || bracket == "(",
               let printed = numberAt[after.index(after: after.startIndex)],
               printed.range.upperBound < text.endIndex, text[printed.range.upperBound] == "）" || text[printed.range.upperBound] == ")" {
                number = printed.number
                usedNumbers.insert(printed.range.lowerBound)
                range = match.range.lowerBound..<text.index(after: printed.range.upperBound)
            }
            found.append((match.title, number, range))
        }
        // Titles come in order and do not overlap: one walk along them finds the title a number may lie in.
        let titles = found.map(\.range)
        var title = 0
        for printed in numbers where !usedNumbers.contains(printed.range.lowerBound) {
            while title < titles.count, titles[title].upperBound <= printed.range.lowerBound { title += 1 }
            // A number inside a cited title (《…〔2021〕…》) belongs to that citation.
            guard title == titles.count || !titles[title].overlaps(printed.range) else { continue }
            found.append((nil, printed.number, printed.range))
        }
        var offset = (index: text.startIndex, characters: 0)
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { citation in
            offset.characters += text.distance(from: offset.index, to: citation.range.lowerBound)
            offset.index = citation.range.lowerBound
            let lower = offset.characters
            let upper = lower + text.distance(from: citation.range.lowerBound, to: citation.range.upperBound)
            let following = text[citation.range.upperBound...].prefix(8)
            return Citation(title: citation.title, number: citation.number, part: block.id, range: lower..<upper,
                            line: block.line, repeals: repealsAll || following.containsText("废止"))
        }
    }

    /// Titles in 《》 (2 to 120 characters, on one line, no 《 inside), with the range of their 《》.
    static func quotedTitles(in text: String) -> [(title: String, range: Range<String.Index>)] {
        var result: [(title: String, range: Range<String.Index>)] = []
        var index = text.startIndex
        for open in text.indices(of: ["《"]) where open >= index {
            var cursor = text.index(after: open)
            var length = 0
            while cursor < text.endIndex, text[cursor] != "》", text[cursor] != "《", text[cursor] != "\n", length <= 120 {
                cursor = text.index(after: cursor)
                length += 1
            }
            guard cursor < text.endIndex, text[cursor] == "》", (2...120).contains(length) else {
                index = text.index(after: open)
                continue
            }
            result.append((String(text[text.index(after: open)..<cursor]), open..<text.index(after: cursor)))
            index = text.index(after: cursor)
        }
        return result
    }
}
