extension CalendarDate {
    /// Reads a date that is the whole of `text`: `2022年6月29日`, `2022 年 6 月 29 日`, `二〇二二年六月二十九日`.
    public init?(chinese text: String) {
        // Every date read here prints 年, 月 and 日: most lines are decided without the pattern.
        guard text.containsText("年"), text.containsText("日") else { return nil }
        // The whole date takes 13 characters of at most 3 bytes at most (a longer text is no date, whatever its white
        // space: removing white space by bytes removes at least what the filter below does).
        guard text.utf8.count <= Self.longestDateBytes || text.withoutGazetteWhitespace.utf8.count <= Self.longestDateBytes
        else { return nil }
        let compact = Self.zeroesRead(text.filter { !$0.isGazetteWhitespace })
        guard let match = compact.wholeMatch(of: Self.pattern),
              let year = Self.number(match.1), let month = Self.number(match.2), let day = Self.number(match.3)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The first `YYYY年M月D日` date inside a longer text, e.g. `出版日期：2022年7月10日`.
    public static func first(in text: String) -> CalendarDate? {
        guard text.containsText("年"), text.containsText("日") else { return nil }
        let compact = zeroesRead(text.filter { !$0.isGazetteWhitespace })
        guard let match = compact.firstMatch(of: pattern),
              let year = number(match.1), let month = number(match.2), let day = number(match.3)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// A year written in Chinese numerals is often typed with a circle or a letter for 〇:
    /// `二○○七年`, `二OO六年`. Only such runs of year digits are changed.
    static func zeroesRead(_ text: String) -> String {
        guard text.contains(where: { "○OＯoｏ".contains($0) }) else { return text }
        return text.replacing(circledYear) { match in
            String(match.0.map { "○OＯoｏ".contains($0) ? "〇" : $0 })
        }
    }

    nonisolated(unsafe) private static let circledYear = /[〇零一二三四五六七八九○OＯoｏ]{4}(?=年)/

    /// The most UTF-8 bytes a date ``pattern`` matches whole can take: 4 + 1 + 3 + 1 + 3 + 1 characters of 3 bytes.
    private static let longestDateBytes = 13 * 3
    nonisolated(unsafe) private static let pattern =
        /([0-9０-９〇零一二三四五六七八九]{4})年([0-9０-９一二三四五六七八九十]{1,3})月([0-9０-９一二三四五六七八九十]{1,3})日/

    /// Arabic, full-width or Chinese numerals: `2022`, `２０２２`, `二〇二二`, `二十九`.
    static func number(_ text: Substring) -> Int? {
        let digits: [Character: Int] = [
            "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        ]
        // Arabic or full-width digits only: 十 also has a numeric value (10), which is no digit.
        if text.allSatisfy({ ("0"..."9").contains($0) || ("０"..."９").contains($0) }) {
            return Int(String(text.map { $0.wholeNumberValue.map { Character(String($0)) } ?? $0 }))
        }
        if text.count == 4 {  // a year written digit by digit: 二〇二二
            return text.reduce(0) { result, character in result * 10 + (digits[character] ?? 0) }
        }
        return ChineseNumeral.value(of: text)
    }
}

/// Reads small Chinese numerals as used in headings and dates: 三, 十, 十二, 二十九, 三十八, 一百零二.
public enum ChineseNumeral {
    public static func value<S: StringProtocol>(of text: S) -> Int? {
        guard !text.isEmpty else { return nil }
        // Most numerals are ASCII digits and the characters below, read by scalar without a table; anything else
        // (full-width digits, a combining mark) by character.
        var total = 0
        var current = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                guard current < 100_000_000 else { return nil }
                current = current * 10 + Int(scalar.value - 0x30)
            case "十", "百":
                total += (current == 0 ? 1 : current) * (scalar == "十" ? 10 : 100)
                current = 0
            default:
                guard let digit = smallDigit(scalar) else { return valueByCharacter(of: text) }
                current = digit
            }
        }
        return total + current
    }

    /// 〇 零 一 二 两 三 … 九 as a digit.
    private static func smallDigit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "零": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    private static func valueByCharacter<S: StringProtocol>(of text: S) -> Int? {
        let digits: [Character: Int] = [
            "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        ]
        var total = 0
        var current = 0
        for character in text {
            if let digit = digits[character] {
                current = digit
            } else if character == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else if character == "百" {
                total += (current == 0 ? 1 : current) * 100
                current = 0
            } else if let digit = character.wholeNumberValue {
                // A long run of digits is no small numeral (and would overflow).
                guard current < 100_000_000 else { return nil }
                current = current * 10 + digit
            } else {
                return nil
            }
        }
        return total + current
    }
}
