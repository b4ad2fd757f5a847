/// Writes a document's blocks as GitHub-Flavoured Markdown, every piece of source text escaped.
enum BlockMarkdown {
    /// Heading levels present, highest first, become `##`, `###` … (the document's title is `#`), so a
    /// document without chapters does not skip heading levels.
    /// `headings` are all headings of the document, for linking the entries of a printed 目录.
    static func markdown(for blocks: [Block], headings: [Block] = []) -> String {
        let ranks = Dictionary(uniqueKeysWithValues: Set(headingLevels(blocks.flatMap(\.flattened))).sorted().enumerated().map { ($1, $0) })
        let context = Context(ranks: ranks, headings: headings)
        return blocks.map { markdown(for: $0, context: context) }.joined(separator: "\n\n")
    }

    struct Context {
        var ranks: [Int: Int]
        var headings: [Block]

        /// The heading a printed 目录 entry names: same text, or nearly (OCR), with the same number.
        func anchor(forEntry entry: String) -> String? {
            let title = String(entry.components(separatedBy: " …… ").first ?? entry)
            let key = SiteStatistics.comparable(title)
            if let exact = headings.first(where: { SiteStatistics.comparable($0.text) == key }) { return exact.id }
            let label = Numbering.parse(title)?.label
            return headings.filter { $0.label == label }
                .map { ($0.id, TitleSimilarity.score(SiteStatistics.comparable($0.text), key)) }
                .filter { $0.1 >= 0.8 }.max { $0.1 < $1.1 }?.0
        }
    }

    static func headingLevels(_ blocks: [Block]) -> [Int] {
        blocks.compactMap { block -> Int? in if case .heading(let level) = block.kind { return level } else { return nil } }
    }

    static func markdown(for block: Block, context: Context) -> String {
        let escape = MarkdownEscaper.escape
        switch block.kind {
        case .heading(let level):
            return String(repeating: "#", count: min(6, 2 + (context.ranks[level] ?? 0))) + " " + escape(block.text)
        case .paragraph:
            return escape(block.text)
        case .article:
            return "**\(escape(block.label ?? ""))**　" + escape(block.text)
        case .table(let rows):
            return table(rows)
        case .contents(let entries):
            return "**目录**\n\n" + entries.map { entry in
                context.anchor(forEntry: entry).map { "- [\(MarkdownEscaper.escapeInline(entry))](#\(MarkdownEscaper.linkDestination($0)))" } ?? "- " + escape(entry)
            }.joined(separator: "\n")
        case .box:
            let inner = ["**\(escape(block.text))**"] + block.children.map { markdown(for: $0, context: context) }
            // A box is an aside: a block quote holds its title, tables and items together.
            return inner.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        }
    }

    /// A GFM table; the first row is the header. Empty cells stay empty so columns never shift.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        func row(_ cells: [String]) -> String {
            "| " + cells.map { MarkdownEscaper.escapeInline($0) }.joined(separator: " | ") + " |"
        }
        var lines = [row(header), "|" + String(repeating: " --- |", count: header.count)]
        lines += rows.dropFirst().map(row)
        return lines.joined(separator: "\n")
    }

    /// The chapters and sections of a document (or its two highest heading levels when it has no
    /// chapters), for the document's own table of contents.
    static func outline(of blocks: [Block]) -> [(text: String, anchor: String, depth: Int)] {
        let levels = Set(headingLevels(blocks))
        let shown = levels.contains(1) ? levels.filter { (1...2).contains($0) } : Set(levels.sorted().prefix(2))
        // Depth is the level's rank among those shown, so levels that are not adjacent (a plan's title,
        // then 一、) still nest one step at a time.
        let depth = Dictionary(uniqueKeysWithValues: shown.sorted().enumerated().map { ($1, $0) })
        return blocks.compactMap { block in
            guard case .heading(let level) = block.kind, let rank = depth[level] else { return nil }
            return (block.text, block.id, rank)
        }
    }
}
