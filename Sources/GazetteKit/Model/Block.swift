/// One part of a document's body, with a stable id and the line it came from.
public struct Block: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// A heading. Levels follow the printed numbering: 0 a part without number (附件, a plan's own
        /// title), 1 第X章, 2 第X节, 3 一、, 4 （一）, 5 1., 6 （1）.
        case heading(level: Int)
        /// An article, 第X条, addressable on its own: `text` is the article without its label.
        case article
        case paragraph
        /// A table: the first row is the header; every row has the same number of cells.
        case table(rows: [[String]])
        /// A boxed aside, 专栏N, with its title in `text` and its content in `children`.
        case box
        /// A table of contents printed inside the document (目录): one entry a line.
        case contents(entries: [String])
    }

    /// Stable within its document: derived from the printed numbering (`chapter-1-section-2`,
    /// `article-5`, `box-3`); the page gives the part this id.
    public var id: PartID
    public var kind: Kind
    public var text: String
    /// The printed number, such as `第一章`, `（三）` or `专栏3`.
    public var label: String?
    /// The first source line of the part.
    public var line: Int
    /// The last source line of the part's own text (its children included).
    public var lastLine: Int
    public var children: [Block]

    public init(id: PartID, kind: Kind, text: String, label: String? = nil, line: Int, lastLine: Int? = nil,
                children: [Block] = []) {
        self.id = id
        self.kind = kind
        self.text = text
        self.label = label
        self.line = line
        self.lastLine = max(line, lastLine ?? line)
        self.children = children
    }

    /// The source lines of the part's own text, first to last.
    public var lines: ClosedRange<Int> { line...lastLine }

    /// The block and every block inside it, in reading order.
    public var flattened: [Block] { [self] + children.flatMap(\.flattened) }
}

extension Block {
    /// Coded as one list of its fields in order, not a keyed container: the parse cache holds every block of every
    /// document, and finding each field by its name (and the kind's case by its name) was most of reading it back.
    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.unkeyedContainer()
        try fields.encode(id)
        switch kind {
        case .heading(let level):
            try fields.encode(KindTag.heading.rawValue)
            try fields.encode(level)
        case .article: try fields.encode(KindTag.article.rawValue)
        case .paragraph: try fields.encode(KindTag.paragraph.rawValue)
        case .table(let rows):
            try fields.encode(KindTag.table.rawValue)
            try fields.encode(rows)
        case .box: try fields.encode(KindTag.box.rawValue)
        case .contents(let entries):
            try fields.encode(KindTag.contents.rawValue)
            try fields.encode(entries)
        }
        try fields.encode(text)
        try fields.encode(label != nil)
        if let label { try fields.encode(label) }
        try fields.encode(line)
        try fields.encode(lastLine)
        try fields.encode(children)
    }

    public init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        id = try fields.decode(PartID.self)
        let tag = try fields.decode(Int.self)
        switch KindTag(rawValue: tag) {
        case .heading: kind = .heading(level: try fields.decode(Int.self))
        case .article: kind = .article
        case .paragraph: kind = .paragraph
        case .table: kind = .table(rows: try fields.decode([[String]].self))
        case .box: kind = .box
        case .contents: kind = .contents(entries: try fields.decode([String].self))
        case nil:
            throw DecodingError.dataCorruptedError(in: fields, debugDescription: "not a kind of block: \(tag)")
        }
        text = try fields.decode(String.self)
        label = try fields.decode(Bool.self) ? try fields.decode(String.self) : nil
        line = try fields.decode(Int.self)
        lastLine = try fields.decode(Int.self)
        children = try fields.decode([Block].self)
    }

    /// The kinds of block as coded.
    private enum KindTag: Int {
        case heading, article, paragraph, table, box, contents
    }
}
