/// Measures of how faithfully the sources were repaired and structured, for `gazette stats`.
public struct SiteStatistics: Sendable {
    public struct DocumentFigures: Sendable {
        public var source: String
        public var document: String
        public var chapters = 0
        public var sections = 0
        public var articles = 0
        public var boxes = 0
        public var tables = 0
        /// Tables printed one cell per line: read into columns, and left one cell a line (by first line).
        public var cellLineTables = 0
        public var unreadCellLineTables: [Int] = []
        /// Paragraphs whose last line ends in mid-sentence: a line break OCR left that was not repaired.
        public var openParagraphs: [Int] = []
        /// Traditional characters left in the rendered page.
        public var traditionalLeft: [Character] = []
        /// The chapters and sections of a printed 目录 that no heading of the document matches.
        public var contentsNotFound: [String]?
        public var contentsEntryCount = 0
        public var contentsChapters = 0
    }

    public var documents: [DocumentFigures]

    public var traditionalCharactersLeft: Int { documents.reduce(0) { $0 + $1.traditionalLeft.count } }
    public var openParagraphCount: Int { documents.reduce(0) { $0 + $1.openParagraphs.count } }

    public init(_ prepared: SiteBuilder.Prepared, converter: TraditionalToSimplified) throws {
        let pages = Dictionary(try prepared.renderPages().map { ($0.path, $0.html) },
                               uniquingKeysWith: { first, _ in first })
        // Counted on the documents' parts, read back where the build stored them away.
        let site = try prepared.site.storedParts.withParts(prepared.site)
        documents = site.documents.map { published in
            let document = published.document
            var figures = DocumentFigures(source: published.document.location.file, document: document.number?.description ?? document.title)
            let blocks = (document.body + document.annex).flatMap(\.flattened)
            figures.cellLineTables = document.cellLineTables.count
            figures.unreadCellLineTables = document.unreadCellLineTables
            var headings: [String] = []
            for block in blocks {
                switch block.kind {
                case .heading(let level):
                    if level == 1 { figures.chapters += 1 }
                    if level == 2 { figures.sections += 1 }
                    if (1...2).contains(level) { headings.append(Self.comparable(block.text)) }
                case .article: figures.articles += 1
                case .box: figures.boxes += 1
                case .table: figures.tables += 1
                case .paragraph:
                    if Self.endsInMidSentence(block.text) { figures.openParagraphs.append(block.line) }
                case .contents: break
                }
            }
            if let html = pages[published.path] {
                figures.traditionalLeft = converter.traditionalCharacters(in: Self.visibleText(of: html))
            }
            let printed = blocks.compactMap { block -> [String]? in if case .contents(let entries) = block.kind { return entries } else { return nil } }.first
            if let printed {
                let wanted = printed.compactMap { entry -> String? in
                    let title = String(entry.split(separator: "……").first ?? "")
                    guard let numbering = Numbering.parse(title), [.chapter, .section].contains(numbering.kind) else { return nil }
                    return title.trimmingGazetteWhitespace()
                }
                figures.contentsEntryCount = wanted.count
                figures.contentsChapters = wanted.filter { Numbering.parse($0)?.kind == .chapter }.count
                // A printed 目录 and the headings it lists may differ by a character or two (OCR, or the
                // publisher's own edits); such an entry still counts as found.
                figures.contentsNotFound = wanted.filter { entry in
                    let key = Self.comparable(entry)
                    return !headings.contains { $0 == key || TitleSimilarity.score($0, key) >= 0.8 }
                }
            }
            return figures
        }
    }

    /// A paragraph ends in mid-sentence when its last character is a Chinese character, a digit or a
    /// comma; a short line without punctuation is a label or title and does not count.
    static func endsInMidSentence(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        guard last.isCJKIdeograph || last.isNumber || "，、,".contains(last) else { return false }
        return text.count > 40 || text.contains(where: { "。，；、：".contains($0) })
    }

    /// Letters and digits only: how titles and headings are compared.
    public static func comparable(_ text: String) -> String { text.comparableForm }

    /// The text a reader sees: tags removed, the few entities cmark-gfm writes decoded.
    public static func visibleText(of html: String) -> String {
        html.replacing(htmlTag, with: " ")
            .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
    }

    nonisolated(unsafe) private static let htmlTag = /<[^>]*>/

    /// A fixed-width report, one document a line, then the totals.
    public var report: String {
        var lines = ["source\tdocument\tchapters\tsections\tarticles\tboxes\ttables\topen paragraphs\ttraditional left"]
        for figures in documents {
            lines.append([figures.source, figures.document, "\(figures.chapters)", "\(figures.sections)", "\(figures.articles)",
                          "\(figures.boxes)", "\(figures.tables)", "\(figures.openParagraphs.count)", "\(figures.traditionalLeft.count)"]
                .joined(separator: "\t"))
        }
        lines.append("")
        lines.append("traditional characters left in rendered document text: \(traditionalCharactersLeft)")
        lines.append("paragraphs ending in mid-sentence: \(openParagraphCount)")
        let cellLineTables = documents.reduce(0) { $0 + $1.cellLineTables }
        let unread = documents.filter { !$0.unreadCellLineTables.isEmpty }
        lines.append("tables printed one cell per line: \(cellLineTables) read into columns, \(unread.reduce(0) { $0 + $1.unreadCellLineTables.count }) left one cell a line")
        for figures in unread {
            lines.append("  \(figures.source): lines \(figures.unreadCellLineTables.map(String.init).joined(separator: ", "))")
        }
        for figures in documents where !figures.openParagraphs.isEmpty {
            lines.append("  \(figures.source): lines \(figures.openParagraphs.prefix(12).map(String.init).joined(separator: ", "))\(figures.openParagraphs.count > 12 ? ", …" : "")")
        }
        for figures in documents {
            guard let missing = figures.contentsNotFound else { continue }
            lines.append("printed 目录 of \(figures.document): \(figures.contentsChapters) chapters and \(figures.contentsEntryCount - figures.contentsChapters) sections; found as headings: \(figures.contentsEntryCount - missing.count) of \(figures.contentsEntryCount)\(missing.isEmpty ? "" : "; missing: " + missing.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
