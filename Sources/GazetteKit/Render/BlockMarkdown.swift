/// Writes a document's blocks as GitHub-Flavoured Markdown, every piece of source text escaped, and each
/// addressable part with the id the model gives it (as inline HTML: cmark-gfm writes no ids itself).
enum BlockMarkdown {
    /// Heading levels present, highest first, become `##`, `###` … (the document's title is `#`), so a
    /// document without chapters does not skip heading levels.
    static func markdown(for blocks: [Block], context: Context) -> String {
        let ranks = Dictionary(uniqueKeysWithValues: Set(headingLevels(blocks.flatMap(\.flattened))).sorted().enumerated().map { ($1, $0) })
        var context = context
        context.ranks = ranks
        return blocks.map { markdown(for: $0, context: context) }.joined(separator: "\n\n")
    }

    struct Context {
        var anchor: AnchorMarkup
        var ranks: [Int: Int] = [:]
        /// Citations to link in the text of each part: where in its text, and the page they lead to.
        var citations: [PartID: [(range: Range<Int>, url: String)]] = [:]
        /// For each printed 目录, the heading each entry names (from the link stage).
        var contents: [PartID: [PartID?]] = [:]

        init(anchor: AnchorMarkup, citations: [PartID: [(range: Range<Int>, url: String)]] = [:],
             contents: [PartID: [PartID?]] = [:]) {
            self.anchor = anchor
            self.citations = citations
            self.contents = contents
        }

        /// A part's text, escaped, with the documents it cites linked.
        func text(of block: Block) -> String {
            guard let links = citations[block.id], !links.isEmpty else { return MarkdownEscaper.escape(block.text) }
            let characters = Array(block.text)
            var result = ""
            var position = 0
            for link in links.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                guard link.range.lowerBound >= position, link.range.upperBound <= characters.count else { continue }
                result += MarkdownEscaper.escapeInline(String(characters[position..<link.range.lowerBound]))
                result += "[" + MarkdownEscaper.escapeInline(String(characters[link.range])) + "]("
                    + MarkdownEscaper.linkDestination(link.url) + ")"
                position = link.range.upperBound
            }
            result += MarkdownEscaper.escapeInline(String(characters[position...]))
            return MarkdownEscaper.escapeBlockStart(result)
        }

    }

    static func headingLevels(_ blocks: [Block]) -> [Int] {
        blocks.compactMap { block -> Int? in if case .heading(let level) = block.kind { return level } else { return nil } }
    }

    static func markdown(for block: Block, context: Context) -> String {
        let escape = MarkdownEscaper.escape
        switch block.kind {
        case .heading(let level):
            let marks = String(repeating: "#", count: min(6, 2 + (context.ranks[level] ?? 0)))
            return marks + " " + context.anchor.html(id: block.id, label: block.label ?? block.text) + context.text(of: block)
        case .paragraph:
            return "<span class=\"target\" id=\"\(block.id.fragment)\"></span>" + context.text(of: block)
        case .article:
            let label = block.label ?? ""
            return context.anchor.html(id: block.id, label: label) + "**\(escape(label))**　" + context.text(of: block)
        case .table(let rows):
            // The wrapper carries the id and lets a wide table scroll on a phone.
            return "<div class=\"table\" id=\"\(block.id.fragment)\">\n\n" + table(rows) + "\n\n</div>"
        case .contents(let entries):
            let targets = context.contents[block.id] ?? []
            let list = entries.enumerated().map { index, entry in
                guard index < targets.count, let target = targets[index] else { return "- " + escape(entry) }
                return "- [\(MarkdownEscaper.escapeInline(entry))](#\(target.fragment))"
            }
            return "<nav class=\"contents\" id=\"\(block.id.fragment)\">\n\n**目录**\n\n" + list.joined(separator: "\n")
                + "\n\n</nav>"
        case .box:
            // A box is an aside, framed as printed; its title carries the id.
            let title = context.anchor.html(id: block.id, label: block.label ?? block.text) + "**\(context.text(of: block))**"
            let inner = [title] + block.children.map { markdown(for: $0, context: context) }
            return "<aside class=\"box\">\n\n" + inner.joined(separator: "\n\n") + "\n\n</aside>"
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
    static func outline(of blocks: [Block]) -> [(text: String, anchor: PartID, depth: Int)] {
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
