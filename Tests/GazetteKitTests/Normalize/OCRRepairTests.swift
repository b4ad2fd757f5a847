@testable import GazetteKit
import Testing

/// OCR damage as the samples print it (lines quoted from Content/).
@Suite struct OCRRepairTests {
    static func repaired(_ text: String, in lines: [String] = []) -> OCRRepair.Repaired {
        let source = (lines + [text]).enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        return OCRRepair(source).repair(text)
    }

    @Test func anEnglishConjunctionBetweenChineseCharactersBecomesChineseWithAWarning() {
        // Content/gazettes/wulong/2022-03.txt:399
        let result = Self.repaired("执行统一“跨省通办”“川渝通办”“全渝通办”服务事项业务规则 and 标准，确保无差别受理、同标准办理。")
        #expect(result.text == "执行统一“跨省通办”“川渝通办”“全渝通办”服务事项业务规则和标准，确保无差别受理、同标准办理。")
        #expect(result.warnings.count == 1)
        #expect(Self.repaired("COVID and SARS").text == "COVID and SARS")
    }

    @Test func halfWidthPunctuationBesideChineseBecomesFullWidthInPairs() {
        // Content/documents/wulong-rural-revitalization-plan-copy.txt
        #expect(OCRRepair.fullWidthPunctuation("坚持党的全面领导。按照市负总责、区抓落实、部门主管的要求,构建责任清晰") == "坚持党的全面领导。按照市负总责、区抓落实、部门主管的要求，构建责任清晰")
        #expect(OCRRepair.fullWidthPunctuation("有效衔接“十四五”规划(2021—2025年)") == "有效衔接“十四五”规划（2021—2025年）")
        #expect(OCRRepair.fullWidthPunctuation("(2021—2025年)") == "（2021—2025年）")
        #expect(OCRRepair.fullWidthPunctuation("见 https://example.org/a(1),b:c") == "见 https://example.org/a(1),b:c")
    }

    @Test func aCharacterPrintedTwiceIsReadOnceOnlyWhereTheSourceSaysSo() {
        // Content/gazettes/wulong/2021-03.txt:742; the other lines give the words around it.
        let context = ["区财政局负责预算公开。", "部门预算和决算。", "政府信息公开。", "预算执行和信息化。", "公开信息。"]
        let result = Self.repaired("及时公开区县人民政府及其部门财政预算算信息（公开路径：", in: context)
        #expect(result.text == "及时公开区县人民政府及其部门财政预算信息（公开路径：")
        #expect(result.warnings.count == 1)
        // A name ending and the next beginning with the same word is kept, with a warning.
        let kept = Self.repaired("区消防救援支队支队长叶军任副组长", in: ["区消防救援支队副支队长"])
        #expect(kept.text == "区消防救援支队支队长叶军任副组长")
        #expect(kept.warnings.first?.contains("may be printed twice") == true)
        // A doubling that is a word stays, silently.
        #expect(Self.repaired("全面推进村村通工程建设", in: ["村村通"]).warnings.isEmpty)
    }
}
