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
    /// The citations resolved to a document of the archive, in reading order (the link report lists the others:
    /// they were most of the citations, held by every document until its page was made).
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

extension Citation {
    /// Coded as one list of its fields in order, the number as its parts: the build cache holds every citation of
    /// the archive (``FoundCitations``), and keyed fields and numbers parsed back from their printed form made reading
    /// it slower than finding the citations again.
    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.unkeyedContainer()
        try fields.encode(title != nil)
        if let title { try fields.encode(title) }
        try fields.encode(number != nil)
        if let number {
            try fields.encode(number.code)
            try fields.encode(number.year ?? -1)
            try fields.encode(number.serial)
        }
        try fields.encode(part)
        try fields.encode(range.lowerBound)
        try fields.encode(range.upperBound)
        try fields.encode(line)
        try fields.encode(repeals)
        try fields.encode(target != nil)
        if let target { try fields.encode(target) }
    }

    public init(from decoder: any Decoder) throws {
        var fields = try decoder.unkeyedContainer()
        title = try fields.decode(Bool.self) ? try fields.decode(String.self) : nil
        if try fields.decode(Bool.self) {
            let code = try fields.decode(String.self)
            let year = try fields.decode(Int.self)
            number = DocumentNumber(code: code, year: year < 0 ? nil : year, serial: try fields.decode(Int.self))
        } else {
            number = nil
        }
        part = try fields.decode(PartID.self)
        let lower = try fields.decode(Int.self)
        let upper = try fields.decode(Int.self)
        guard lower <= upper else {
            throw DecodingError.dataCorruptedError(in: fields, debugDescription: "not a range: \(lower)..<\(upper)")
        }
        range = lower..<upper
        line = try fields.decode(Int.self)
        repeals = try fields.decode(Bool.self)
        target = try fields.decode(Bool.self) ? try fields.decode(String.self) : nil
    }
}
