/// The text of one document as search sees it, read from the model: one segment for each paragraph,
/// heading, table cell or line the reader sees as one piece on the page, in page order.
///
/// A match never spans two segments. Each segment knows the id of the heading, article or box that holds
/// it (`Block.id`), so a result can link to the section of its first match.
public struct SearchableText: Sendable {
    public struct Segment: Sendable, Equatable {
        /// How many normalised characters (``SearchNormalizer``) the segment has. The characters themselves are
        /// made again from ``source`` when the index codes them: held for every document, they were 4 bytes a
        /// character, more than the text as shown.
        public var count: Int
        /// The id of the heading, article or box this segment is in; nil before the first one.
        public var anchor: String?
        /// Where the segment starts in the document's positions (segments leave a gap of one between them).
        public var start: Int
        /// The text as the page shows it, for snippets.
        public var source: String

        /// ``source`` cut where the document's positions cross a multiple of `chunkSize`: for each piece, its
        /// chunk, the position of its first normalised character, and its text with the white space between
        /// its characters (white space at a cut belongs to neither side). One pass over the text, however many
        /// chunks a long segment spans.
        public func sourcePieces(chunkSize: Int, normalizer: SearchNormalizer) -> [(chunk: Int, start: Int, text: String)] {
            // A piece runs from its first normalised character to its last: found by index and copied once.
            var pieces: [(chunk: Int, start: Int, text: String)] = []
            let scalars = source.unicodeScalars
            var currentChunk = -1
            var pieceStart = scalars.startIndex
            var pieceEnd = scalars.startIndex
            var index = 0
            func finish() {
                guard currentChunk >= 0 else { return }
                let text = String(scalars[pieceStart..<pieceEnd])
                pieces.append((currentChunk, max(start, currentChunk * chunkSize), text))
            }
            var at = scalars.startIndex
            while at < scalars.endIndex {
                let next = scalars.index(after: at)
                if normalizer.fold(scalars[at]) != nil {
                    let chunk = (start + index) / chunkSize
                    if chunk != currentChunk {
                        finish()
                        currentChunk = chunk
                        pieceStart = at
                    }
                    pieceEnd = next
                    index += 1
                }
                at = next
            }
            finish()
            return pieces
        }
    }

    /// Positions below this are the title and 发文字号, which weigh more in ranking; the body starts here.
    public static let bodyStart = 256

    public var segments: [Segment] = []
    /// One past the last position used.
    public var length: Int { segments.last.map { $0.start + $0.count } ?? 0 }

    /// `note`: the publisher's note shown under the title (``PublishedDocument/note``).
    public init(document: Document, note: String? = nil, normalizer: SearchNormalizer) {
        var builder = Builder(normalizer: normalizer)
        builder.add(document.title)
        if let number = document.number { builder.add(number.description) }
        builder.startBody()
        if let note { builder.add(note) }
        if let mark = document.issuerMark { builder.add(mark) }
        if let issuer = document.issuer { builder.add(issuer) }
        if let notice = document.noticeTitle { builder.add(notice) }
        if let recipients = document.recipients { builder.add(recipients + "：") }
        builder.add(document.body)
        if !document.attachments.isEmpty { builder.add("附件：" + document.attachments.joined()) }
        // The signature lines and the date are printed as one paragraph.
        let closing = document.signatures + [document.date?.chinese].compactMap { $0 }
        if !closing.isEmpty { builder.add(closing.joined()) }
        if let disclosure = document.disclosure { builder.add("（\(disclosure)）") }
        builder.add(document.annex)
        segments = builder.segments
    }

    private struct Builder {
        var normalizer: SearchNormalizer
        var segments: [Segment] = []
        var next = 0
        var anchor: String?

        init(normalizer: SearchNormalizer) {
            self.normalizer = normalizer
        }

        mutating func startBody() {
            next = max(next, SearchableText.bodyStart)
        }

        mutating func add(_ text: String) {
            let count = normalizer.normalizedCount(text)
            guard count > 0 else { return }
            segments.append(Segment(count: count, anchor: anchor, start: next, source: text))
            next += count + 1
        }

        mutating func add(_ blocks: [Block]) {
            for block in blocks { add(block) }
        }

        mutating func add(_ block: Block) {
            switch block.kind {
            case .heading:
                anchor = block.id.fragment
                add(block.text)
            case .article:
                anchor = block.id.fragment
                add((block.label ?? "") + block.text)
            case .paragraph:
                add(block.text)
            case .table(let rows):
                for cell in rows.joined() { add(cell) }
            case .contents(let entries):
                add("目录")
                for entry in entries { add(entry) }
            case .box:
                let outer = anchor
                anchor = block.id.fragment
                add(block.text)
                add(block.children)
                anchor = outer
            }
        }
    }
}
