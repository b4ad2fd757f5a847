/// Collects the rows of one table as OCR left it (Markdown pipes or tabs), merging the parts a page
/// break cut apart and keeping empty cells in place.
struct TableBuilder {
    private(set) var rows: [[String]] = []
    private(set) var firstLine: Int
    private var header: [String]?
    private var lines: [Int] = []

    /// Lines of rows with more cells than the header: their columns cannot all be placed under it.
    var irregularLines: [Int] {
        let width = header?.count ?? 0
        return zip(rows, lines).filter { $0.0.count > width }.map(\.1)
    }

    /// The last source line that gave the table a row.
    var lastLine: Int { lines.last ?? firstLine }

    init(firstLine: Int) {
        self.firstLine = firstLine
    }

    /// Cells of a table row written as Markdown pipes (`| a | b |`) or as tab-separated values;
    /// nil for a line that is not a row.
    static func cells(of line: String) -> [String]? {
        guard line.containsASCII(UInt8(ascii: "|")) || line.containsASCII(UInt8(ascii: "\t")) else { return nil }
        let text = line.trimmingGazetteWhitespace()
        var cells: [String]
        if text.hasTextPrefix("|") {
            var inner = Substring(text.dropFirst())
            if inner.hasTextSuffix("|") { inner = inner.dropLast() }
            cells = inner.splitText(separator: UInt8(ascii: "|"))
        } else if text.containsText("\t") {
            cells = line.splitText(separator: UInt8(ascii: "\t"))
            guard cells.count >= 2 else { return nil }
        } else {
            return nil
        }
        // Hundreds of cells is no row of a printed table but a line of bars or tabs: every row of its table would
        // be padded to that width (time and size growing with rows × cells). It stays text.
        guard cells.count <= maximumColumns else { return nil }
        return cells.map { LineMarkup($0).text }
    }

    /// The most cells a table row may have; printed tables have a few dozen columns at most.
    static let maximumColumns = 100

    /// `|---|:--:|`: the line under a Markdown table's header.
    static func isSeparator(_ cells: [String]) -> Bool {
        cells.allSatisfy { $0.allSatisfy { "-:—– ".contains($0) } } && cells.contains { $0.containsText("-") || $0.containsText("—") }
    }

    /// Trailing empty cells carry nothing: `| a | b | |` has two columns.
    static func trimmed(_ cells: [String]) -> [String] {
        var cells = cells
        while cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }
        return cells
    }

    /// Adds a row; a repeat of the header (printed again at the top of each page) is dropped, and
    /// when the repeat has more cells (a merged heading cell printed as an empty one) it replaces it.
    /// `isHeader` marks a row that a Markdown separator line follows.
    mutating func add(_ cells: [String], line: Int, isHeader: Bool) {
        let row = Self.trimmed(cells)
        if let header {
            // Only an exact repeat is dropped: a variant (贯彻落实举措 for 贯彻举措) is text of its own.
            if row.filter({ !$0.isEmpty }) == header.filter({ !$0.isEmpty }) {
                if row.count > header.count {
                    self.header = row
                    rows[0] = row
                }
                return
            }
        } else if isHeader || rows.isEmpty {
            header = row
        }
        rows.append(row)
        lines.append(line)
    }

    /// Whether a new table with this header continues this one across a page break.
    func continues(withHeader cells: [String]) -> Bool {
        header.map { Self.sameHeader(Self.trimmed(cells), $0) } ?? false
    }

    /// Two header rows are the same when their non-empty cells agree, allowing for OCR variants
    /// (`贯彻举措` printed as `贯彻落实举措` on the next page).
    static func sameHeader(_ row: [String], _ header: [String]) -> Bool {
        sameHeader(row, HeaderCells(header))
    }

    /// A header's non-empty cells, with the bigrams of their text made once for all the rows compared with it.
    struct HeaderCells {
        let cells: [String]
        let bigrams: TitleSimilarity.Bigrams

        init(_ header: [String]) {
            cells = header.filter { !$0.isEmpty }
            bigrams = TitleSimilarity.Bigrams(cells.joined())
        }
    }

    private static func sameHeader(_ row: [String], _ header: HeaderCells) -> Bool {
        let left = row.filter { !$0.isEmpty }
        guard left.count == header.cells.count, !left.isEmpty else { return false }
        return left == header.cells || TitleSimilarity.score(TitleSimilarity.Bigrams(left.joined()), header.bigrams) >= 0.8
    }

    /// Lines of rows that print the header again with a variant (`贯彻落实举措` for `贯彻举措`), as a page
    /// break inside the table leaves it: kept as rows, since their words differ.
    var repeatedHeaderLines: [Int] {
        guard let header else { return [] }
        let cells = HeaderCells(header)
        return zip(rows.dropFirst(), lines.dropFirst()).filter { Self.sameHeader($0.0, cells) }.map(\.1)
    }

    /// Lines of rows one cell short of a header with an empty cell (a heading over two columns):
    /// an empty cell is put under the header's empty one, so the cells after it stay under their headings.
    var shiftedLines: [Int] {
        guard let gap = headerGap else { return [] }
        return zip(rows.dropFirst(), lines.dropFirst()).filter { $0.0.count == gap.width - 1 }.map(\.1)
    }

    /// The header's width and its one empty cell (not the first), when it has exactly one.
    private var headerGap: (width: Int, index: Int)? {
        guard let header, header.count >= 3 else { return nil }
        let empty = header.indices.filter { header[$0].isEmpty }
        guard empty.count == 1, let index = empty.first, index > 0 else { return nil }
        return (header.count, index)
    }

    /// Every row padded to the widest, so no column shifts; a row one cell short of a header with an
    /// empty cell gets its empty cell there.
    func finish() -> [[String]] {
        var rows = self.rows
        if let gap = headerGap {
            for index in rows.indices.dropFirst() where rows[index].count == gap.width - 1 {
                rows[index].insert("", at: gap.index)
            }
        }
        let width = rows.map(\.count).max() ?? 0
        return rows.map { $0 + Array(repeating: "", count: width - $0.count) }
    }
}
