import Foundation

extension DocumentNumber {
    /// Reads a 发文字号 that is the whole of `text`, with or without surrounding brackets:
    /// `武隆府办发〔2022〕44号`, `(武隆府办〔2021〕17号)`, `渝府办发[2021]149号`, `重庆市人民政府令第329号`.
    public init?(parsing text: String) {
        let compact = text.withoutGazetteWhitespace
        // Every form prints its serial (and year) in ASCII digits: a text without one is decided before the patterns.
        guard compact.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        // `深圳市人民政府令（第350号）`, `某市人民代表大会常务委员会公告（第12号）`: a serial number in brackets.
        // Decrees print 第 (looked for first: the patterns run on the few texts that have it).
        let printsDi = compact.containsText("第")
        if printsDi, let match = compact.wholeMatch(of: Self.bracketedDecree), let serial = Int(match.2) {
            self.init(code: String(match.1), year: nil, serial: serial)
            return
        }
        var body = Substring(compact)
        if let first = body.first, first == "(" || first == "（", let last = body.last, last == ")" || last == "）" {
            body = body.dropFirst().dropLast()
        }
        guard body.hasTextSuffix("号") else { return nil }
        body = body.dropLast()
        if let match = body.wholeMatch(of: Self.bracketed) {
            guard let year = Int(match.2), let serial = Int(match.3) else { return nil }
            self.init(code: String(match.1), year: year, serial: serial)
        } else if printsDi, let match = body.wholeMatch(of: Self.decree) {
            guard let serial = Int(match.2) else { return nil }
            self.init(code: String(match.1), year: nil, serial: serial)
        } else {
            return nil
        }
    }

    /// Every 发文字号 printed inside a longer text, e.g. in a citation `（武隆府发〔2016〕56号）`.
    public static func all(in text: String) -> [DocumentNumber] {
        occurrences(in: text).map(\.number)
    }

    /// Every 发文字号 printed inside a longer text, with where it is printed. The code is read back
    /// from the year's bracket over the Chinese characters before it; a sentence running into the code
    /// (`根据武隆府发〔2016〕56号`) is cut where a code may start: after a word that introduces a
    /// citation, else at the longest of `knownCodes` the characters end with.
    public static func occurrences(in text: String, knownCodes: Set<String> = [])
        -> [(number: DocumentNumber, range: Range<String.Index>)] {
        // Scanned by hand rather than with a pattern, from the places a number is read around (found on UTF-8):
        // this runs over every paragraph of the archive.
        var result: [(number: DocumentNumber, range: Range<String.Index>)] = []
        var resume = text.startIndex
        for index in text.indices(of: numberMarks) where index >= resume {
            let character = text[index]
            if yearOpeners.contains(character), let found = bracketedNumber(in: text, openingAt: index, knownCodes: knownCodes) {
                result.append(found)
                resume = found.range.upperBound
            } else if character == "令", let found = decreeNumber(in: text, at: index, knownCodes: knownCodes) {
                result.append(found)
                resume = found.range.upperBound
            }
        }
        return result
    }

    /// The characters a number is read around: a year's opening bracket, 令.
    private static let numberMarks: [Character] = ["〔", "[", "［", "【", "令"]
    private static let yearOpeners: Set<Character> = ["〔", "[", "［", "【"]
    private static let yearClosers: Set<Character> = ["〕", "]", "］", "】"]

    /// `武隆府办发〔2022〕44号` around the `〔` at `open`: a code of 1 to 14 Chinese characters before it, four
    /// digits, a closing bracket, 1 to 5 digits and 号 (spaces allowed around the serial).
    private static func bracketedNumber(in text: String, openingAt open: String.Index, knownCodes: Set<String>)
        -> (number: DocumentNumber, range: Range<String.Index>)? {
        var cursor = text.index(after: open)
        guard let (year, afterYear) = digits(in: text, from: cursor, count: 4...4), afterYear < text.endIndex,
              yearClosers.contains(text[afterYear]) else { return nil }
        cursor = skipSpaces(in: text, from: text.index(after: afterYear))
        guard let (serial, afterSerial) = digits(in: text, from: cursor, count: 1...5) else { return nil }
        cursor = skipSpaces(in: text, from: afterSerial)
        guard cursor < text.endIndex, text[cursor] == "号" else { return nil }
        guard let run = hanRun(in: text, before: open, maximum: 14, minimum: 1) else { return nil }
        let (code, start) = codeStart(run, knownCodes: knownCodes)
        return (DocumentNumber(code: code, year: year, serial: serial), start..<text.index(after: cursor))
    }

    /// `重庆市人民政府令第329号` around its 令: at least two Chinese characters before 令, 第, 1 to 5 digits, 号.
    private static func decreeNumber(in text: String, at ling: String.Index, knownCodes: Set<String>)
        -> (number: DocumentNumber, range: Range<String.Index>)? {
        let di = text.index(after: ling)
        guard di < text.endIndex, text[di] == "第",
              let (serial, afterSerial) = digits(in: text, from: text.index(after: di), count: 1...5),
              afterSerial < text.endIndex, text[afterSerial] == "号",
              let run = hanRun(in: text, before: text.index(after: ling), maximum: 21, minimum: 3) else { return nil }
        let (code, start) = codeStart(run, knownCodes: knownCodes)
        return (DocumentNumber(code: code, year: nil, serial: serial), start..<text.index(after: afterSerial))
    }

    private static func digits(in text: String, from start: String.Index, count: ClosedRange<Int>) -> (Int, String.Index)? {
        var cursor = start
        var value = 0
        var length = 0
        while cursor < text.endIndex, length < count.upperBound, let digit = text[cursor].wholeNumberValue, text[cursor].isASCII {
            value = value * 10 + digit
            length += 1
            cursor = text.index(after: cursor)
        }
        guard count.contains(length), cursor == text.endIndex || !(text[cursor].isASCII && text[cursor].isNumber) else { return nil }
        return (value, cursor)
    }

    private static func skipSpaces(in text: String, from start: String.Index) -> String.Index {
        var cursor = start
        while cursor < text.endIndex, text[cursor].isGazetteWhitespace { cursor = text.index(after: cursor) }
        return cursor
    }

    /// The Chinese characters right before `end`, at most `maximum` of them; nil when fewer than `minimum`.
    private static func hanRun(in text: String, before end: String.Index, maximum: Int, minimum: Int) -> Substring? {
        var start = end
        var count = 0
        while start > text.startIndex, count < maximum {
            let previous = text.index(before: start)
            guard text[previous].isCJKIdeograph else { break }
            start = previous
            count += 1
        }
        return count >= minimum ? text[start..<end] : nil
    }

    private static func codeStart(_ run: Substring, knownCodes: Set<String>) -> (String, String.Index) {
        if let known = run.indices.first(where: { knownCodes.contains(String(run[$0...])) }) {
            return (String(run[known...]), known)
        }
        var start = run.startIndex
        for word in citationLeads {
            if let found = run.range(of: word, options: .backwards), found.upperBound < run.endIndex,
               found.upperBound > start {
                start = found.upperBound
            }
        }
        return (String(run[start...]), start)
    }

    /// Words after which a 发文字号 starts: 根据武隆府发〔2016〕56号.
    private static let citationLeads = ["根据", "按照", "依据", "参照", "对照", "执行", "落实", "贯彻", "印发", "转发",
                                        "见", "及", "和", "与", "即", "经", "的", "号", "《", "》", "、", "，"]

    // The code is a short run of Chinese characters (武隆府办发, 渝府办发, 国办发, 渝规资办); OCR prints the
    // year brackets as 〔〕, [], ［］, 【】 or even ().
    nonisolated(unsafe) private static let bracketed = /(\p{Han}{1,14})[〔\[［【(（]([0-9]{4})[〕\]］】)）]([0-9]{1,5})/
    // A decree (`…令第356号`) or a standing committee's announcement (`…常务委员会公告（第12号）`).
    nonisolated(unsafe) private static let bracketedDecree = /(\p{Han}{2,30}(?:令|公告))[（(]第([0-9]{1,5})号[）)]/
    nonisolated(unsafe) private static let decree = /(\p{Han}{2,30}(?:令|公告))第([0-9]{1,5})/
}
