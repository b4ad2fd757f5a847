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

    func citations(in block: Block, repealsAll: Bool) -> [Citation] {
        let text = block.text
        guard text.containsText("《") || text.containsText("号") else { return [] }
        var found: [(title: String?, number: DocumentNumber?, range: Range<String.Index>)] = []
        let numbers = DocumentNumber.occurrences(in: text, knownCodes: knownCodes)
        var usedNumbers: Set<String.Index> = []
        for match in Self.quotedTitles(in: text) {
            var range = match.range
            var number: DocumentNumber?
            // `《…》（武隆府办发〔2018〕79号）`: the number printed right after the title names the same document.
            let after = text[match.range.upperBound...]
            if let bracket = after.first, bracket == "（" || bracket == "(",
               let printed = numbers.first(where: { $0.range.lowerBound == after.index(after: after.startIndex) }),
               printed.range.upperBound < text.endIndex, text[printed.range.upperBound] == "）" || text[printed.range.upperBound] == ")" {
                number = printed.number
                usedNumbers.insert(printed.range.lowerBound)
                range = match.range.lowerBound..<text.index(after: printed.range.upperBound)
            }
            found.append((match.title, number, range))
        }
        for printed in numbers where !usedNumbers.contains(printed.range.lowerBound) {
            // A number inside a cited title (《…〔2021〕…》) belongs to that citation.
            guard !found.contains(where: { $0.range.overlaps(printed.range) }) else { continue }
            found.append((nil, printed.number, printed.range))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { citation in
            let lower = text.distance(from: text.startIndex, to: citation.range.lowerBound)
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
        while let open = text[index...].firstIndex(of: "《") {
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
