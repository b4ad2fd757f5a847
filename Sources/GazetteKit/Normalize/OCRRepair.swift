/// Repairs OCR and conversion damage a reader notices in Chinese text, line by line so that line
/// numbers stay true; the source page keeps the text as it arrived.
///
/// - An English conjunction that replaced a Chinese one between Chinese characters (`业务规则 and 标准`)
///   becomes the Chinese word, with a warning.
/// - Half-width `,` `;` `:` `(` `)` next to Chinese characters become full-width.
/// - A character printed twice (`预算算信息`) is read once where the rest of the source never prints the
///   second one with what follows it but knows the words on both sides; a word printed twice
///   (`管理管理局`) and other doubtful cases are kept and warned about.
struct OCRRepair {
    /// How often the source prints each pair of Chinese characters, for judging doublings.
    private let bigrams: PairCounts

    init(_ lines: [SourceLine]) {
        // Sized for the text at once: a source prints about one different pair per twelve bytes of text (a pair of
        // Chinese characters takes three bytes at least, and most pairs recur), and a table that fits the
        // processor's cache counts several times faster than one sized for every pair being new. Grown by
        // doubling from a small table, copying it was a third of reading the source.
        let bytes = lines.reduce(0) { $0 + $1.text.utf8.count }
        var pairs = PairCounts(capacity: min(bytes / 12, 1 << 17))
        for line in lines { Self.countPairs(in: line.text, into: &pairs) }
        bigrams = pairs
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        isHan(scalar.value)
    }

    private static func isHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3007: true
        default: false
        }
    }

    /// Counts each pair of neighbouring Chinese characters of `text`, read once on its UTF-8 (every line of every
    /// source is counted): Chinese characters take three bytes, and any other scalar only ends a run of them.
    private static func countPairs(in text: String, into pairs: inout PairCounts) {
        var text = text
        text.withUTF8 { bytes in
            var previousIsHan = false
            var previous: UInt32 = 0
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                guard lead >= 0xE0 && lead < 0xF0 else {
                    previousIsHan = false
                    index += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : 4
                    continue
                }
                let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                    | UInt32(bytes[index + 2] & 0x3F)
                index += 3
                let han = isHan(value)
                if han && previousIsHan { pairs.add(previous, value) }
                previous = value
                previousIsHan = han
            }
        }
    }

    struct Repaired {
        var text: String
        var warnings: [String] = []
    }

    func repair(_ text: String) -> Repaired {
        var repaired = Repaired(text: text)
        // Decided on UTF-8 bytes first, in one pass over the line's buffer: most lines need none of the repairs.
        var bytes = text
        let (chinese, halfWidth) = bytes.withUTF8 { bytes in
            var found = (chinese: false, halfWidth: false)
            for byte in bytes {
                if byte >= 0x80 {
                    found.chinese = true
                } else if Self.isHalfWidthPunctuation(byte) {
                    found.halfWidth = true
                }
            }
            return found
        }
        guard chinese else { return repaired }  // nothing Chinese to repair
        if text.containsText("and") || text.containsText("or") { replaceEnglishConjunctions(&repaired) }
        if halfWidth {
            repaired.text = Self.fullWidthPunctuation(repaired.text)
        }
        repairDoublings(&repaired)
        return repaired
    }

    private static func isHalfWidthPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
    }

    // MARK: - English conjunctions

    private static let conjunctions = ["and": "和", "or": "或"]
    nonisolated(unsafe) private static let conjunction = /(\p{Han})[ \t]*\b(and|or)\b[ \t]*(\p{Han})/

    private func replaceEnglishConjunctions(_ repaired: inout Repaired) {
        var words: [String] = []
        repaired.text = repaired.text.replacing(Self.conjunction) { match in
            let word = String(match.2)
            let chinese = Self.conjunctions[word] ?? word
            words.append("“\(match.1) \(word) \(match.3)” read as “\(match.1)\(chinese)\(match.3)”")
            return "\(match.1)\(chinese)\(match.3)"
        }
        repaired.warnings += words.map { "English word between Chinese characters: \($0)" }
    }

    // MARK: - Punctuation

    /// `,` `;` `:` between two Chinese characters, and a pair of `(` `)` of which either bracket stands
    /// beside one: their full-width forms.
    static func fullWidthPunctuation(_ text: String) -> String {
        // By scalar: Character comparisons go through Unicode normalisation, many times slower.
        var characters = Array(text.unicodeScalars)
        func beside(_ index: Int) -> (before: Bool, after: Bool) {
            (index > 0 && isChinese(characters[index - 1]), index + 1 < characters.count && isChinese(characters[index + 1]))
        }
        // Brackets by pairs, so that `(2021—2025年)` becomes `（2021—2025年）`, never half of it.
        var open: [Int] = []
        var pairs: [(Int, Int?)] = []
        for index in characters.indices {
            if characters[index] == "(" { open.append(index) }
            if characters[index] == ")" {
                if let start = open.popLast() { pairs.append((start, index)) } else { pairs.append((index, nil)) }
            }
        }
        pairs += open.map { ($0, nil) }
        for (first, second) in pairs {
            let near = beside(first).before || beside(first).after || second.map { beside($0).before || beside($0).after } == true
            guard near else { continue }
            characters[first] = characters[first] == "(" ? "（" : "）"
            if let second { characters[second] = "）" }
        }
        for index in characters.indices where characters[index] == "," || characters[index] == ";" || characters[index] == ":" {
            let side = beside(index)
            guard side.before, side.after else { continue }
            characters[index] = characters[index] == "," ? "，" : characters[index] == ";" ? "；" : "："
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: characters)
        return String(result)
    }

    /// A Chinese character or full-width punctuation, which Chinese punctuation may stand beside.
    private static func isChinese(_ scalar: Unicode.Scalar) -> Bool {
        isHan(scalar) || chinesePunctuation.contains(scalar)
    }

    private static let chinesePunctuation = Set("“”‘’《》（）、。，；：".unicodeScalars)

    // MARK: - Doubled characters

    /// Whether a character is followed by itself, or a Chinese one by itself after one other, before the last two
    /// characters (where a doubling is judged): read once, without making an array of the line.
    private static func hasRepeat(_ scalars: String.UnicodeScalarView) -> Bool {
        var iterator = scalars.makeIterator()
        guard var first = iterator.next(), var second = iterator.next(), var third = iterator.next() else {
            return false
        }
        while true {
            if first == second || (first == third && isHan(first)) { return true }
            guard let next = iterator.next() else { return false }
            (first, second, third) = (second, third, next)
        }
    }

    /// Doublings that are words in official texts.
    private static let doubledWords: Set<String> = [
        "常常", "人人", "天天", "个个", "渐渐", "仅仅", "往往", "纷纷", "层层", "步步", "家家", "户户", "年年", "村村",
        "处处", "时时", "事事", "大大", "久久", "好好", "紧紧", "深深", "种种", "条条", "件件", "点点", "统统", "频频",
        "屡屡", "恰恰", "偏偏", "区区", "代代", "世世", "项项", "级级", "环环", "节节", "样样", "桩桩", "人人", "面面",
        "一一", "万万", "刚刚", "稍稍", "默默", "多多", "慢慢", "轻轻", "高高", "重重", "匆匆", "悄悄", "明明", "日日", "月月", "岁岁",
    ]

    private func repairDoublings(_ repaired: inout Repaired) {
        guard Self.hasRepeat(repaired.text.unicodeScalars) else { return }
        let line = repaired.text
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 4 else { return }
        // What the rest of the source prints: the pairs of every other line (this line's own are counted when
        // first needed: most lines with a repeat have no doubling to judge).
        var own: PairCounts?
        func elsewhere(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
            if own == nil {
                var pairs = PairCounts(capacity: scalars.count)
                Self.countPairs(in: line, into: &pairs)
                own = pairs
            }
            return bigrams.count(first.value, second.value) - own!.count(first.value, second.value)
        }
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        // Positions of characters read once; the text is made again only when there are any.
        var dropped: [Int] = []
        var index = 0
        while index < scalars.count {
            // A two-character word printed twice (`城市管理管理局`): no word, but a name may end and the
            // next begin with the same word (`消防救援支队支队长`), so it is only reported.
            if index + 4 < scalars.count, scalars[index..<index + 5].allSatisfy(Self.isHan),
               scalars[index] == scalars[index + 2], scalars[index + 1] == scalars[index + 3], scalars[index] != scalars[index + 1] {
                let word = text(index..<index + 2)
                if elsewhere(scalars[index + 1], scalars[index]) == 0 {
                    repaired.warnings.append("“\(word)\(word)”: “\(word)” may be printed twice; kept")
                }
                index += 4
                continue
            }
            // One character printed twice: `预算算信息`.
            if index > 0, index + 3 < scalars.count, scalars[index] == scalars[index + 1], scalars[index - 1] != scalars[index],
               Self.isHan(scalars[index - 1]), Self.isHan(scalars[index]), Self.isHan(scalars[index + 2]),
               !Self.doubledWords.contains(text(index..<index + 2)), elsewhere(scalars[index], scalars[index]) == 0,
               elsewhere(scalars[index - 1], scalars[index]) > 2, elsewhere(scalars[index], scalars[index + 2]) == 0 {
                // The second character starts no word the source knows: read once when what follows is a
                // word of the source (`预算` + `信息`), else report it.
                let context = text(index - 1..<index + 3)
                if Self.isHan(scalars[index + 3]), elsewhere(scalars[index + 2], scalars[index + 3]) > 2 {
                    repaired.warnings.append("“\(context)”: “\(text(index..<index + 1))” printed twice; read once")
                    dropped.append(index + 1)
                    index += 2
                    continue
                }
                repaired.warnings.append("“\(context)”: “\(text(index..<index + 1))” may be printed twice; kept")
            }
            index += 1
        }
        guard !dropped.isEmpty else { return }
        var result = String.UnicodeScalarView()
        var start = 0
        for position in dropped {
            result.append(contentsOf: scalars[start..<position])
            start = position + 1
        }
        result.append(contentsOf: scalars[start...])
        repaired.text = String(result)
    }
}
