/// The address of one part of a document inside its page, derived from the printed numbering:
/// 第三章第二节 → `chapter-3-section-2`, 第十三条 → `article-13`, 专栏3 → `box-3`, 附件2 → `annex-2`.
///
/// Ids are ASCII so that a link to one article stays short and readable when pasted anywhere. A part
/// printed with a number that an earlier part of the same document already used gets a second
/// printing mark: `article-5_2`.
public struct PartID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// What a step of the path names.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// 附件N (a 附件 without a number has no number).
        case annex
        /// 第X章, 第X节.
        case chapter, section
        /// 一、 (a part of the text), （一） (an item), 1. (a point), （1） (a sub-point).
        case part, item, point, subpoint
        /// 第X条.
        case article
        /// 专栏N.
        case box
        /// The N-th table, the N-th heading without printed number, the printed 目录.
        case table, heading, contents
        /// The title a plan or rules print above their own text, after the notice that issues them.
        case title
        /// The N-th paragraph under the part before it.
        case paragraph = "p"
    }

    public struct Step: Sendable, Hashable, Codable {
        public var kind: Kind
        public var number: Int?

        public init(_ kind: Kind, _ number: Int? = nil) {
            self.kind = kind
            self.number = number
        }

        var fragment: String { number.map { "\(kind.rawValue)-\($0)" } ?? kind.rawValue }
    }

    public var steps: [Step]
    /// 2 for the second part printed with the same numbering, and so on.
    public var printing: Int

    public init(_ steps: [Step], printing: Int = 1) {
        self.steps = steps
        self.printing = printing
    }

    public init(_ kind: Kind, _ number: Int? = nil) {
        self.init([Step(kind, number)])
    }

    /// The id as it appears in the page's HTML and after `#` in links.
    public var fragment: String {
        let path = steps.map(\.fragment).joined(separator: "-")
        return printing > 1 ? "\(path)_\(printing)" : path
    }

    public var description: String { fragment }

    /// This id with one more step: `chapter-3` + section 2.
    public func appending(_ step: Step) -> PartID {
        PartID(steps + [step])
    }

    /// The same path inside a 附件: `annex-2-article-3`.
    public func inside(_ annex: Step?) -> PartID {
        guard let annex else { return self }
        return PartID([annex] + steps, printing: printing)
    }

    public static func < (lhs: PartID, rhs: PartID) -> Bool { lhs.fragment < rhs.fragment }

    /// Coded as its fragment, one string: the parse cache holds an id for every part of every document, and
    /// reading each back as a list of keyed steps took a third of the time the cache took to read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fragment)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let fragment = try container.decode(String.self)
        guard let id = PartID(fragment: fragment) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a part id: \(fragment)")
        }
        self = id
    }

    /// Reads a fragment back (`chapter-3-section-2_2`); nil for anything this type never writes.
    public init?(fragment: String) {
        // On UTF-8: ids are ASCII, and the parse cache reads one back for every part of every document.
        var text = Substring(fragment)
        var printing = 1
        if let underscore = text.utf8.lastIndex(of: UInt8(ascii: "_")) {
            guard let value = Int(text[text.utf8.index(after: underscore)...]), value > 1 else { return nil }
            printing = value
            text = text[..<underscore]
        }
        var words = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)[...]
        var steps: [Step] = []
        while let word = words.popFirst() {
            guard let kind = Kind(rawValue: String(Substring(word))) else { return nil }
            // A number as the fragment writes it: digits, no leading zero.
            if let next = words.first, next.allSatisfy({ (0x30...0x39).contains($0) }),
               next.first != UInt8(ascii: "0") || next.count == 1, let number = Int(Substring(next)) {
                steps.append(Step(kind, number))
                words.removeFirst()
            } else {
                steps.append(Step(kind))
            }
        }
        guard !steps.isEmpty else { return nil }
        self.init(steps, printing: printing)
        guard self.fragment == fragment else { return nil }
    }
}

/// Hands out part ids that are unique within one document: an id taken already gets its next printing.
struct UniquePartIDs: Sendable {
    private var used: Set<PartID> = []
    /// For each base, the printing to try first: every one below it is taken (and stays taken), so an article
    /// number printed 100,000 times (a huge source made of one text repeated) does not try every printing
    /// again each time: that was quadratic, hours for a 200 MB issue.
    private var nextPrinting: [PartID: Int] = [:]

    mutating func claim(_ base: PartID) -> PartID {
        var id = base
        if let next = nextPrinting[base] { id.printing = next }
        while !used.insert(id).inserted {
            id.printing += 1
        }
        if id != base { nextPrinting[base] = id.printing + 1 }
        return id
    }
}
