/// A document named in another's text: by its title in 《》, by its 发文字号, or both
/// (`《…办法》（武隆府办发〔2018〕79号）`).
public struct Citation: Sendable, Hashable, Codable {
    /// The cited title without its 《》, if printed.
    public var title: String?
    /// The cited 发文字号, if printed.
    public var number: DocumentNumber?
    /// The part of the citing document that prints it, and where in that part's text (in characters).
    public var part: PartID
    public var range: Range<Int>
    /// The source line of the part.
    public var line: Int
    /// Whether the text says the cited document is repealed (予以废止, 同时废止, a list of repealed documents).
    public var repeals: Bool
    /// The id of the archive's document it names, once resolved.
    public var target: String?

    public init(title: String?, number: DocumentNumber?, part: PartID, range: Range<Int>, line: Int, repeals: Bool = false,
                target: String? = nil) {
        self.title = title
        self.number = number
        self.part = part
        self.range = range
        self.line = line
        self.repeals = repeals
        self.target = target
    }

    /// As printed: `《标题》（某府发〔2021〕1号）`.
    public var printed: String {
        [title.map { "《\($0)》" }, number?.description].compactMap { $0 }.joined(separator: "")
    }
}

/// How a document stands among the others, decided by the link stage.
public struct DocumentLinks: Sendable, Hashable, Codable {
    /// What the document cites, in reading order (resolved or not).
    public var citations: [Citation] = []
    /// Ids of the documents that cite this one.
    public var citedBy: [String] = []
    /// Ids of related documents, most related first (plans of one family, citations either way).
    public var related: [String] = []
    /// The id of the complete document this one is another (damaged or reprinted) copy of.
    public var copyOf: String?
    /// Ids of other copies of this document.
    public var copies: [String] = []
    /// The id of the decision that repealed it.
    public var repealedBy: String?
    /// For each 目录 the document prints (by its id), the heading each entry names.
    public var contents: [PartID: [PartID?]] = [:]

    public init() {}
}
