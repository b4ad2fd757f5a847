@testable import GazetteKit
import Testing

/// The byte-wise text helpers the parser uses for speed give the same answers as the standard library's reading by
/// character (and the numbering scanner the same as the patterns it replaced), on real lines and on the cases where
/// bytes and characters part: a combining mark after the compared text, CR LF, a compatibility ideograph, the
/// Kelvin sign, a decomposed letter.
@Suite struct TextComparisonTests {
    static let texts: [String] = [
        "抄送：区委各部门", "抄报：市政府办公厅", "重庆市武隆区人民政府办公室文件",
        "2023年12月5日印发", "【章名】 第一章 总则",
        "- 2. 加强组织领导", "| 序号 | 项目 | 金额 |", "a\r\nb", "a\r", "抄\u{301}送", "抄送\u{301}",
        "\u{F9FC}件", "识\u{301}",
        "K", "\u{212A}", "e\u{301}", "\u{E9}", "", "文件", "件", "文\u{301}件", "〈通知〉",
        "\u{2329}通知\u{232A}", "ｱﾞ", "|",
        "第一章\u{308}", "  ", "\u{3000}印发", "がか", "か\u{3099}",
    ]
    static let affixes: [String] = [
        "抄送", "抄报", "文件", "印发", "【", "- ", "|", "a\r", "\r", "\n", "抄", "送", "件", "识", "K", "\u{212A}", "e",
        "\u{E9}", "", "〈", "\u{2329}", "〉", "ｱ", "章", "か", "が",
    ]

    @Test func prefixesAndSuffixesByBytesAgreeWithTheStandardLibrary() {
        for text in Self.texts {
            for affix in Self.affixes {
                let pair = "\(text.debugDescription) \(affix.debugDescription)"
                #expect(text.hasTextPrefix(affix) == text.hasPrefix(affix), "\(pair)")
                #expect(text.hasTextSuffix(affix) == text.hasSuffix(affix), "\(pair)")
                let substring = Substring(text)
                #expect(substring.hasTextPrefix(affix) == substring.hasPrefix(affix))
                #expect(substring.hasTextSuffix(affix) == substring.hasSuffix(affix))
            }
        }
    }

    @Test func splitByBytesAgreesWithSplitByCharacter() {
        let rows = Self.texts + ["| a | b |", "a||b", "|x\u{301}|y", "a|\u{301}b|c", "甲\t乙\t", "\t", "a\t\u{308}b"]
        for row in rows {
            for separator in ["|", "\t"] {
                let byCharacter = row.split(separator: Character(separator), omittingEmptySubsequences: false)
                    .map(String.init)
                #expect(row.splitText(separator: separator.utf8.first!) == byCharacter, "\(row.debugDescription)")
            }
        }
    }

    @Test func boundedCountAgreesWithCount() {
        for text in Self.texts + [String(repeating: "字", count: 41), String(repeating: "e\u{301}", count: 40), "a\r\n"] {
            for limit in [0, 1, 2, 3, 12, 30, 40, 41] {
                #expect(text.hasAtMost(characters: limit) == (text.count <= limit), "\(text.debugDescription) \(limit)")
            }
        }
    }

    @Test func whitespaceRemovedByBytesIsTheGazetteWhitespace() {
        let spaces: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", "\u{A0}", "\u{3000}", "\u{FEFF}"]
        for text in Self.texts + ["张 凯\u{3000}一\u{A0}二\u{FEFF}", " 前后 ", "\u{3000}", "无空白"] {
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter { !spaces.contains($0) }))
            #expect(text.withoutGazetteWhitespace == expected, "\(text.debugDescription)")
        }
    }

    /// The patterns the numbering was read with before the scanner, as the reference.
    static func numberingByPatterns(_ text: String) -> (kind: Numbering.Kind, value: Int, label: String, rest: String)? {
        let line = text.trimmingGazetteWhitespace()
        func rest(_ index: String.Index) -> String { String(line[index...]).trimmingGazetteWhitespace() }
        guard let first = line.first else { return nil }
        if first == "第" {
            guard let match = line.prefixMatch(of: /第\s*([一二三四五六七八九十百零〇0-9]{1,5})\s*([章节条])/),
                  let value = Int(match.1) ?? ChineseNumeral.value(of: match.1) else { return nil }
            let kind: Numbering.Kind = match.2 == "章" ? .chapter : match.2 == "节" ? .section : .article
            return (kind, value, "第\(match.1)\(match.2)", rest(match.range.upperBound))
        }
        if first == "专" {
            guard let match = line.prefixMatch(of: /专栏\s*([0-9一二三四五六七八九十]{1,3})/),
                  let value = Int(match.1) ?? ChineseNumeral.value(of: match.1) else { return nil }
            return (.box, value, "专栏\(match.1)", rest(match.range.upperBound))
        }
        if first == "（" || first == "(" {
            let pattern = /[（(]\s*([一二三四五六七八九十百]{1,4}|[0-9]{1,2})\s*[）)]/
            guard let match = line.prefixMatch(of: pattern) else { return nil }
            if let value = Int(match.1) { return (.parenthesizedArabic, value, "（\(value)）", rest(match.range.upperBound)) }
            guard let value = ChineseNumeral.value(of: match.1) else { return nil }
            return (.subitem, value, "（\(match.1)）", rest(match.range.upperBound))
        }
        if first.isNumber, first.isASCII {
            guard let match = line.prefixMatch(of: /([0-9]{1,2})\s*[.．、](?![0-9])/), let value = Int(match.1) else { return nil }
            return (.arabic, value, "\(value).", rest(match.range.upperBound))
        }
        guard "一二三四五六七八九十百".unicodeScalars.contains(first.unicodeScalars.first!),
              let match = line.prefixMatch(of: /([一二三四五六七八九十百]{1,4})\s*[、，,．.]/),
              let value = ChineseNumeral.value(of: match.1) else { return nil }
        return (.item, value, "\(match.1)、", rest(match.range.upperBound))
    }

    @Test func numberingScannerReadsWhatThePatternsRead() {
        let lines = [
            "第一章 总则", "第 十二 章　附则", "第3节 监督",
            "第一百零二条 本办法自发布之日起施行。", "第123456条", "第一十章",
            "专栏1 重点项目", "专栏 三", "专栏十一", "专栏一百", "（一）指导思想",
            "(三) 工作目标", "（12）其他", "（ 二 ）", "（一二三四五）",
            "（123）", "（一）", "（一", "1. 加强领导", "2、明确责任", "12．落实", "123. 不是",
            "1.5亿元", "3 . 空格", "一、总体要求",
            "十二，其他", "一百、", "一二三四五、", "二十 、间隔", "三是加强",
            "第一章\u{308} 总则", "一\u{301}、", "1.\u{301}", "第",
            "（", "1", "一", "  第二条  内容  ", "\u{3000}（四）保障措施", "专", "专栏", "(1)",
            "（1)", "五．", "六.", "七,",
        ]
        for line in lines {
            let scanned = Numbering.parse(line)
            let expected = Self.numberingByPatterns(line).flatMap { (0...99_999).contains($0.value) ? $0 : nil }
            #expect(scanned?.kind == expected?.kind, "\(line)")
            #expect(scanned?.value == expected?.value, "\(line)")
            #expect(scanned?.label == expected?.label, "\(line)")
            #expect(scanned?.rest == expected?.rest, "\(line)")
        }
    }

    @Test func charactersFoundByBytesAreThoseAWalkByCharacterMeets() {
        let marks: [Character] = ["〔", "[", "令", "《"]
        let texts = Self.texts + [
            "根据武隆府发〔2016〕56号和渝府办发[2021]149号", "重庆市人民政府令第329号《重庆市…办法》",
            "〔\u{301}2022〕", "\u{600}〔2022〕", "令\u{308}第1号", "a[b]c[", "《《》》", "〔", "[", "x令",
        ]
        for text in texts {
            let walked = text.indices.filter { marks.contains(text[$0]) }
            #expect(text.indices(of: marks) == walked, "\(text.debugDescription)")
        }
    }
}
