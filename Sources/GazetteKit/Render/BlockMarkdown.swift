/// Writes a document's blocks as GitHub-Flavoured Markdown, every piece of source text escaped.
enum BlockMarkdown {
    /// Heading levels in Markdown: the highest level present in the document becomes `##` (the title is `#`).
    static func markdown(for blocks: [Block]) -> String {
        let top = blocks.compactMap { block -> Int? in if case .heading(let level) = block.kind { return level } else { return nil } }.min() ?? 1
        var parts: [String] = []
        for block in blocks {
            switch block.kind {
            case .heading(let level):
                let depth = min(6, 2 + level - top)
                parts.append(String(repeating: "#", count: depth) + " " + MarkdownEscaper.escape(block.text))
            case .paragraph, .attachment:
                parts.append(MarkdownEscaper.escape(block.text))
            case .table(let rows):
                parts.append(table(rows))
            }
        }
        return parts.joined(separator: "\n\n")
    }

    /// A GFM table; the first row is the header. Empty cells stay empty so columns never shift.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        func row(_ cells: [String]) -> String {
            "| " + cells.map { MarkdownEscaper.escape(HeaderText.stripMarkup($0)) }.joined(separator: " | ") + " |"
        }
        var lines = [row(header), "|" + String(repeating: " --- |", count: header.count)]
        lines += rows.dropFirst().map(row)
        return lines.joined(separator: "\n")
    }

    /// The headings of a document, for its own table of contents: text, anchor and depth.
    static func outline(of blocks: [Block]) -> [(text: String, anchor: String, depth: Int)] {
        let levels = blocks.compactMap { block -> Int? in if case .heading(let level) = block.kind { return level } else { return nil } }
        guard let top = levels.min() else { return [] }
        return blocks.compactMap { block in
            guard case .heading(let level) = block.kind, level <= top + 1 else { return nil }
            return (block.text, block.id, level - top)
        }
    }
}
