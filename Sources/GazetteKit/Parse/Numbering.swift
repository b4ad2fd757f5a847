/// The printed numbering that starts a heading or item in Chinese official documents.
///
/// The hierarchy is fixed by convention (GB/T 9704): 第X章 > 第X节 > 一、 > （一） > 1. > （1）;
/// 第X条 numbers the articles of rules and measures; 专栏N numbers boxed asides.
struct Numbering: Sendable, Hashable {
    enum Kind: Int, Sendable, Hashable, Comparable {
        case chapter = 1, section, article, item, subitem, arabic, parenthesizedArabic, box

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

        /// How a part numbered this way is named in its id.
        var partKind: PartID.Kind {
            switch self {
            case .chapter: .chapter
            case .section: .section
            case .article: .article
            case .item: .part
            case .subitem: .item
            case .arabic: .point
            case .parenthesizedArabic: .subpoint
            case .box: .box
            }
        }
    }

    var kind: Kind
    /// The number as a value: 第十二章 → 12, （三） → 3.
    var value: Int
    /// The numbering as printed, without spaces: `第十二章`, `一、`, `（三）`, `专栏1`.
    var label: String
    /// The text after the numbering.
    var rest: String

    /// Reads the numbering at the start of a line, if any. A number of six digits or more numbers no heading.
    static func parse(_ text: String) -> Numbering? {
        guard let numbering = read(text), (0...99_999).contains(numbering.value) else { return nil }
        return numbering
    }

    private static func read(_ text: String) -> Numbering? {
        let line = text.trimmingGazetteWhitespace()
        guard let first = line.first else { return nil }
        if first == "第" {
            return ordinal(line)
        }
        if first == "专" {
            guard let match = line.prefixMatch(of: box), let value = Int(match.1) ?? ChineseNumeral.value(of: match.1) else { return nil }
            return Numbering(kind: .box, value: value, label: "专栏\(match.1)", rest: rest(of: line, after: match.range.upperBound))
        }
        if first == "（" || first == "(" {
            guard let match = line.prefixMatch(of: parenthesized) else { return nil }
            if let value = Int(match.1) {
                return Numbering(kind: .parenthesizedArabic, value: value, label: "（\(value)）", rest: rest(of: line, after: match.range.upperBound))
            }
            guard let value = ChineseNumeral.value(of: match.1) else { return nil }
            return Numbering(kind: .subitem, value: value, label: "（\(match.1)）", rest: rest(of: line, after: match.range.upperBound))
        }
        if first.isNumber, first.isASCII {
            guard let match = line.prefixMatch(of: arabic), let value = Int(match.1) else { return nil }
            return Numbering(kind: .arabic, value: value, label: "\(value).", rest: rest(of: line, after: match.range.upperBound))
        }
        // Most lines start with no numeral: decided before the pattern runs.
        guard "一二三四五六七八九十百".unicodeScalars.contains(first.unicodeScalars.first!),
              let match = line.prefixMatch(of: item), let value = ChineseNumeral.value(of: match.1) else { return nil }
        return Numbering(kind: .item, value: value, label: "\(match.1)、", rest: rest(of: line, after: match.range.upperBound))
    }

    private static func ordinal(_ line: String) -> Numbering? {
        guard let match = line.prefixMatch(of: chapterLike) else { return nil }
        let kind: Kind
        switch match.2 {
        case "章": kind = .chapter
        case "节": kind = .section
        default: kind = .article
        }
        guard let value = Int(match.1) ?? ChineseNumeral.value(of: match.1) else { return nil }
        return Numbering(kind: kind, value: value, label: "第\(match.1)\(match.2)", rest: rest(of: line, after: match.range.upperBound))
    }

    private static func rest(of line: String, after index: String.Index) -> String {
        String(line[index...]).trimmingGazetteWhitespace()
    }

    nonisolated(unsafe) private static let chapterLike = /第\s*([一二三四五六七八九十百零〇0-9]{1,5})\s*([章节条])/
    nonisolated(unsafe) private static let box = /专栏\s*([0-9一二三四五六七八九十]{1,3})/
    nonisolated(unsafe) private static let parenthesized = /[（(]\s*([一二三四五六七八九十百]{1,4}|[0-9]{1,2})\s*[）)]/
    nonisolated(unsafe) private static let arabic = /([0-9]{1,2})\s*[.．、](?![0-9])/
    nonisolated(unsafe) private static let item = /([一二三四五六七八九十百]{1,4})\s*[、，,．.]/
}
