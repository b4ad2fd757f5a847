import Foundation
@testable import GazetteKit
import Testing

/// The place a title starts with, found by hand, is the one the regular expression it replaces finds.
@Suite struct TitleKeyTests {
    nonisolated(unsafe) static let placePrefix = /^((?:\p{Han}{1,6}?(?:自治区|自治州|自治县|省|市|区|县|州|旗|盟)){1,3})/

    @Test(arguments: [
        "重庆市武隆区人民政府办公室关于印发武隆区医疗保障“十四五”规划的通知", "重庆市人民政府关于印发重庆市标准化条例的通知",
        "恩施土家族苗族自治州人民政府关于加强林业工作的意见", "广西壮族自治区人民政府办公厅关于印发方案的通知",
        "内蒙古自治区阿拉善盟额济纳旗人民政府通告", "四川省成都市锦江区人民政府公告", "国务院关于印发方案的通知",
        "市政府办公室关于调整的通知", "区", "重庆市", "中华人民共和国国家发展和改革委员会令", "武隆区", "a市b区",
        "湖北省恩施土家族苗族自治州来凤县人民政府", "北京市东城区东华门街道办事处", "自治区人民政府", "〇〇市", "𠀀𠀁县人民政府",
    ])
    func placeIsWhatTheRegularExpressionFinds(_ title: String) throws {
        let expected = title.prefixMatch(of: Self.placePrefix).map { title.unicodeScalars.distance(
            from: title.unicodeScalars.startIndex, to: $0.range.upperBound) } ?? 0
        #expect(TitleKey.placeLength(Array(title.unicodeScalars)) == expected)
    }

    @Test func hanIsTheScriptTheRegularExpressionsMatchAmongLetters() {
        var differing: [UInt32] = []
        for value in UInt32(0x2000)...UInt32(0x323AF) {
            // Letters only: the expression also matches the punctuation and symbols Han shares with other scripts
            // (、。〃, strokes, enclosed ideographs), which no place name is made of.
            let letters: [Unicode.GeneralCategory] = [.otherLetter, .modifierLetter, .letterNumber]
            guard let scalar = Unicode.Scalar(value), letters.contains(scalar.properties.generalCategory) else { continue }
            let text = String(Character(scalar))
            if scalar.isHan != (text.wholeMatch(of: /\p{Han}/) != nil) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
    }

    nonisolated(unsafe) static let documentKindEnding = /的(?:通知|决定|意见|批复|函|通告|公告|报告)$/
    nonisolated(unsafe) static let issuedTitle = /关于(?:印发|转发|公布|发布)《?(.+?)》?的(?:通知|决定)$/

    /// The sample documents' titles and titles made to reach every branch.
    static let titles: [String] = Samples.groundTruth.issues.flatMap { $0.documents.map(\.title) }
        + Samples.groundTruth.standalone.map(\.title) + [
            "关于印发《》的通知", "关于印发《的通知", "关于印发》的通知",
            "关于印发的通知", "关于印发X的通知的通知", "关于关于印发X的决定",
            "关于废止《X》的决定", "关于转发《重庆市规划》的通知", "关于发布X的意见",
            "关于公布《X的决定", "重庆市人民政府关于印发重庆市标准化条例的函",
            "关于印发X的批复", "关于X的通告", "的公告", "的通知", "关于的报告",
            "关于印发《A》《B》的通知", "关于印发X的通知（试行）",
        ]

    @Test func theSubjectEndsWhereTheRegularExpressionItReplacesSaid() {
        for title in Self.titles {
            var subject = Substring(TitleKey(title).text)
            if let about = subject.range(of: "关于") { subject = subject[about.upperBound...] }
            for verb in ["印发", "转发", "公布", "发布", "废止"] where subject.hasPrefix(verb) {
                subject = subject.dropFirst(verb.count)
            }
            if let ending = subject.firstMatch(of: Self.documentKindEnding) {
                subject = subject[..<ending.range.lowerBound]
            }
            #expect(TitleKey(title).subject == TitleKey(String(subject)).rest, "\(title)")
        }
    }

    @Test func theIssuedTitleIsWhatTheRegularExpressionItReplacesFound() {
        for title in Self.titles {
            let expected = title.firstMatch(of: Self.issuedTitle).map { String($0.1) }
            #expect(CitationResolver.issuedTitle(in: title) == expected, "\(title)")
        }
    }
}
