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
        // Most numbers read are ones this type wrote (the parse cache, the API's files): read back at once.
        guard let number = DocumentNumber(description: text) ?? DocumentNumber(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a document number: \(text)"))
        }
        self = number
    }

    /// The number whose ``description`` is `text` exactly, if there is one: `code〔year〕serial号` or
    /// `code第serial号`, read from the end.
    init?(description text: String) {
        let scalars = text.unicodeScalars
        guard scalars.last == "号" else { return nil }
        var cursor = scalars.index(before: scalars.endIndex)
        func number(maximumDigits: Int) -> Int? {
            var digits = 0
            var value = 0
            var place = 1
            while cursor > scalars.startIndex, digits < maximumDigits {
                let previous = scalars.index(before: cursor)
                let scalar = scalars[previous]
                guard ("0"..."9").contains(scalar) else { break }
                value += Int(scalar.value - 0x30) * place
                place *= 10
                digits += 1
                cursor = previous
            }
            return digits > 0 ? value : nil
        }
        guard let serial = number(maximumDigits: 9), cursor > scalars.startIndex else { return nil }
        cursor = scalars.index(before: cursor)
        var year: Int?
        switch scalars[cursor] {
        case "第":
            year = nil
        case "〕":
            // Four digits, as the parser reads a year.
            let yearEnd = cursor
            guard let printedYear = number(maximumDigits: 4), scalars.distance(from: cursor, to: yearEnd) == 4,
                  cursor > scalars.startIndex else { return nil }
            cursor = scalars.index(before: cursor)
            guard scalars[cursor] == "〔" else { return nil }
            year = printedYear
        default:
            return nil
        }
        guard cursor > scalars.startIndex else { return nil }
        self.init(code: String(scalars[..<cursor]), year: year, serial: serial)
        guard description == text else { return nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
