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
        var scanner = Scanner(line)
        guard let first = scanner.next else { return nil }
        switch first {
        case "第":
            // 第 十二 章 / 第3节 / 第一百零二条
            scanner.advance()
            scanner.skipSpaces()
            guard let numeral = scanner.run(1...5, of: { isHanNumeral($0) || $0 == "零" || $0 == "〇" || isDigit($0) }),
                  let value = Int(numeral) ?? ChineseNumeral.value(of: numeral) else { return nil }
            scanner.skipSpaces()
            let kind: Kind
            switch scanner.next {
            case "章": kind = .chapter
            case "节": kind = .section
            case "条": kind = .article
            default: return nil
            }
            let label = "第\(numeral)\(scanner.next!)"
            scanner.advance()
            return scanner.numbering(kind, value, label)
        case "专":
            // 专栏1, 专栏 三
            scanner.advance()
            guard scanner.next == "栏" else { return nil }
            scanner.advance()
            scanner.skipSpaces()
            let isBoxNumeral = { (scalar: Unicode.Scalar) in isDigit(scalar) || scalar != "百" && isHanNumeral(scalar) }
            guard let numeral = scanner.run(1...3, of: isBoxNumeral),
                  let value = Int(numeral) ?? ChineseNumeral.value(of: numeral) else { return nil }
            return scanner.numbering(.box, value, "专栏\(numeral)")
        case "（", "(":
            // （一） (三) （12）
            scanner.advance()
            scanner.skipSpaces()
            let isArabic = scanner.next.map(isDigit) ?? false
            guard let numeral = isArabic ? scanner.run(1...2, of: isDigit) : scanner.run(1...4, of: isHanNumeral) else {
                return nil
            }
            scanner.skipSpaces()
            guard scanner.next == "）" || scanner.next == ")" else { return nil }
            scanner.advance()
            if let value = Int(numeral) {
                return scanner.numbering(.parenthesizedArabic, value, "（\(value)）")
            }
            guard let value = ChineseNumeral.value(of: numeral) else { return nil }
            return scanner.numbering(.subitem, value, "（\(numeral)）")
        case "0"..."9":
            // 1. 2、 but not 1.5
            guard let numeral = scanner.run(1...2, of: isDigit), let value = Int(numeral) else { return nil }
            scanner.skipSpaces()
            guard let mark = scanner.next, mark == "." || mark == "．" || mark == "、" else { return nil }
            scanner.advance()
            if let after = scanner.next, isDigit(after) { return nil }
            return scanner.numbering(.arabic, value, "\(value).")
        default:
            // 一、 十二， — most lines start with no numeral, decided by their first character.
            guard isHanNumeral(first), let numeral = scanner.run(1...4, of: isHanNumeral),
                  let value = ChineseNumeral.value(of: numeral) else { return nil }
            scanner.skipSpaces()
            guard let mark = scanner.next, "、，,．.".unicodeScalars.contains(mark) else { return nil }
            scanner.advance()
            return scanner.numbering(.item, value, "\(numeral)、")
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// 一 … 十 and 百: the characters item numerals are written with.
    private static func isHanNumeral(_ scalar: Unicode.Scalar) -> Bool {
        "一二三四五六七八九十百".unicodeScalars.contains(scalar)
    }

    /// Reads a numbering by scalar from the start of a line: a regular expression per line cost more than all
    /// the rest of parsing a paragraph.
    private struct Scanner {
        let line: String
        let scalars: String.UnicodeScalarView
        var index: String.Index

        init(_ line: String) {
            self.line = line
            scalars = line.unicodeScalars
            index = scalars.startIndex
        }

        var next: Unicode.Scalar? { index < scalars.endIndex ? scalars[index] : nil }

        mutating func advance() { index = scalars.index(after: index) }

        /// Skips white space (what `\s` matches).
        mutating func skipSpaces() {
            while let scalar = next, scalar.isWhiteSpace { advance() }
        }

        /// The longest run of scalars that `belongs` from here, if its length is in `lengths`.
        mutating func run(_ lengths: ClosedRange<Int>, of belongs: (Unicode.Scalar) -> Bool) -> Substring? {
            let start = index
            var count = 0
            while let scalar = next, belongs(scalar) {
                count += 1
                guard count <= lengths.upperBound else { return nil }
                advance()
            }
            return count >= lengths.lowerBound ? line[start..<index] : nil
        }

        /// The numbering read so far, with the rest of the line after it; nil when the numbering ends inside a
        /// character (a combining mark after its last scalar), which is then no numbering.
        func numbering(_ kind: Kind, _ value: Int, _ label: String) -> Numbering? {
            guard String.Index(index, within: line) != nil else { return nil }
            return Numbering(kind: kind, value: value, label: label,
                             rest: String(line[index...]).trimmingGazetteWhitespace())
        }
    }
}
