/// Writes a document's blocks as GitHub-Flavoured Markdown, every piece of source text escaped.
enum BlockMarkdown {
    /// The highest heading level present becomes `##` (the document's title is `#`).
    static func markdown(for blocks: [Block], topLevel: Int? = nil) -> String {
        let top = topLevel ?? headingLevels(blocks).min() ?? 1
        return blocks.map { markdown(for: $0, top: top) }.joined(separator: "\n\n")
    }

    static func headingLevels(_ blocks: [Block]) -> [Int] {
        blocks.compactMap { block -> Int? in if case .heading(let level) = block.kind { return level } else { return nil } }
    }

    static func markdown(for block: Block, top: Int) -> String {
        let escape = MarkdownEscaper.escape
        switch block.kind {
        case .heading(let level):
            return String(repeating: "#", count: min(6, 2 + level - top)) + " " + escape(block.text)
        case .paragraph:
            return escape(block.text)
        case .article:
            return "**\(escape(block.label ?? ""))**　" + escape(block.text)
        case .table(let rows):
            return table(rows)
        case .contents(let entries):
            return "**目录**\n\n" + entries.map { "- " + escape($0) }.joined(separator: "\n")
        case .box:
            let inner = ["**\(escape(block.text))**"] + block.children.map { markdown(for: $0, top: top) }
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
        guard let top = shown.min() else { return [] }
        return blocks.compactMap { block in
            guard case .heading(let level) = block.kind, shown.contains(level) else { return nil }
            return (block.text, block.id, level - top)
        }
    }
}
