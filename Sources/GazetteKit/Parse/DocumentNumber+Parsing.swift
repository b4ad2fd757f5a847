import Foundation

extension DocumentNumber {
    /// Reads a 发文字号 that is the whole of `text`, with or without surrounding brackets:
    /// `武隆府办发〔2022〕44号`, `(武隆府办〔2021〕17号)`, `渝府办发[2021]149号`, `重庆市人民政府令第329号`.
    public init?(parsing text: String) {
        let compact = text.withoutGazetteWhitespace
        // `深圳市人民政府令（第350号）`, `某市人民代表大会常务委员会公告（第12号）`: a serial number in brackets.
        if let match = compact.wholeMatch(of: Self.bracketedDecree), let serial = Int(match.2) {
            self.init(code: String(match.1), year: nil, serial: serial)
            return
        }
        var body = Substring(compact)
        if let first = body.first, first == "(" || first == "（", let last = body.last, last == ")" || last == "）" {
            body = body.dropFirst().dropLast()
        }
        guard body.hasSuffix("号") else { return nil }
        body = body.dropLast()
        if let match = body.wholeMatch(of: Self.bracketed) {
            guard let year = Int(match.2), let serial = Int(match.3) else { return nil }
            self.init(code: String(match.1), year: year, serial: serial)
        } else if let match = body.wholeMatch(of: Self.decree) {
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
        var result: [(number: DocumentNumber, range: Range<String.Index>)] = []
        for match in text.matches(of: inline) {
            guard let year = Int(match.2), let serial = Int(match.3) else { continue }
            let (code, start) = codeStart(match.1, knownCodes: knownCodes)
            result.append((DocumentNumber(code: code, year: year, serial: serial), start..<match.range.upperBound))
        }
        for match in text.matches(of: inlineDecree) {
            guard let serial = Int(match.2) else { continue }
            let (code, start) = codeStart(match.1, knownCodes: knownCodes)
            result.append((DocumentNumber(code: code, year: nil, serial: serial), start..<match.range.upperBound))
        }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
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
    nonisolated(unsafe) private static let inline = /(\p{Han}{1,14})[〔\[［【]([0-9]{4})[〕\]］】]\s*([0-9]{1,5})\s*号/
    nonisolated(unsafe) private static let inlineDecree = /(\p{Han}{2,20}令)第([0-9]{1,5})号/
}
