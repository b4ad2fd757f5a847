/// A 发文字号 such as `武隆府办发〔2022〕44号` or `重庆市人民政府令第329号`.
///
/// The printed form is kept as the canonical text (with the brackets normalised to 〔〕);
/// its parts give the document a permanent address.
public struct DocumentNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The issuer's code, e.g. `武隆府办发`, `渝府办发`, `重庆市人民政府令`.
    public var code: String
    /// The year in the brackets; nil for numbers without one (令第N号).
    public var year: Int?
    /// The serial number within the year (or within the code for 令).
    public var serial: Int

    public init(code: String, year: Int?, serial: Int) {
        self.code = code
        self.year = year
        self.serial = serial
    }

    public var description: String {
        if let year { return "\(code)〔\(year)〕\(serial)号" }
        return "\(code)第\(serial)号"
    }

    /// A path segment safe for a URL and a file name, stable for the life of the document: `武隆府办发-2022-44`.
    public var slug: String {
        if let year { return "\(code)-\(year)-\(serial)" }
        return "\(code)-\(serial)"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = DocumentNumber(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a document number: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
