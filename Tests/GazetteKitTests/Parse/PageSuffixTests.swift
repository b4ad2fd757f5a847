import Foundation
@testable import GazetteKit
import Testing

/// `MastheadParser.splitPage` reads a contents line's page by hand; it gives what the regular expressions it
/// replaced matched, on every line of the samples and on lines made to part them.
@Suite struct PageSuffixTests {
    /// The pattern as it was, in three parts: the title and leaders, then a page in brackets or as 第N页, or bare.
    nonisolated(unsafe) static let pageSuffix = try! Regex(
        #"(.*?)[\s.．。…·—-]*"#
            + #"(?:[（(]\s*([0-9]{1,3})\s*[)）]|第\s*([0-9]{1,3})\s*页|"#
            + #"([0-9]{1,3})(?:\s*[-—–~～]\s*[0-9]{1,3})?)"#,
        as: (Substring, Substring, Substring?, Substring?, Substring?).self)
    nonisolated(unsafe) static let chinesePageSuffix = /(.*?)[.．。…·]{2,}\s*([一二三四五六七八九十百]{1,4})/

    /// The rule as the regular expressions said it.
    static func byPatterns(_ text: String) -> (String, Int)? {
        guard let last = text.last,
              last.isNumber || last == "）" || last == ")" || last == "页" || ChineseNumeral.value(of: String(last)) != nil
        else { return nil }
        if let match = text.wholeMatch(of: pageSuffix), let page = (match.2 ?? match.3 ?? match.4).flatMap({ Int($0) }) {
            let title = String(match.1).trimmingGazetteWhitespace()
            if match.4 != nil, let end = title.last, end.isNumber { return nil }
            return (title, page)
        }
        if let match = text.wholeMatch(of: chinesePageSuffix), let page = ChineseNumeral.value(of: match.2) {
            return (String(match.1).trimmingGazetteWhitespace(), page)
        }
        return nil
    }

    static let lines: [String] = [
        "关于印发某规划的通知.....16", "关于印发某规划的通知（7）",
        "关于印发某规划的通知 ( 7 )", "某通知第9页", "某通知 第 9 页",
        "某通知……12-14", "某通知 12 — 14", "某通知 12~ 14", "某通知……五",
        "某通知 .. 十二", "某通知..  ..五", "某通知.五", "某通知……五六七八九",
        "某通知……一二三四", "关于2021", "关于 2021", "关于2021年的通知 3", "（7）",
        "7", "第9页", "12-14", "..五", "五", "", " ", "某通知 7 ", "某通知（1234）",
        "某通知 1234", "某通知 12-1234", "某通知 (7）", "某通知（7)", "某通知（ 7",
        "某通知 7）", "某通知 第9", "某通知 9页", "某通知\u{3000}\u{3000}8", "某通知—8",
        "某通知-8", "某通知·8", "某通知。8", "某通知．8", "某通知7\u{301}",
        "某通知（7\u{301}）", "某通知 ７", "某通知 12 - 14 - 16", "某通知 1-2",
        "某通知(12)(13)", "某通知（12）第3页", "第1页第2页", "某（通知）",
        "2022年第3期（总第99期）", "目录 3", "某通知 ......... 1 1", "a\u{301}..五",
        "某通知 …… 二十", "某通知……百",
    ]

    @Test func pagesAreReadAsThePatternsReadThem() throws {
        var sampleLines: [String] = []
        for sample in Samples.contentPaths.keys.sorted() {
            sampleLines += try Samples.lines(of: sample).map(\.text)
        }
        #expect(sampleLines.count > 1000)
        var pages = 0
        for line in Self.lines + sampleLines {
            let expected = Self.byPatterns(line)
            let found = MastheadParser.splitPage(line)
            let described = "\(String(describing: found)) \(String(describing: expected))"
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "\(line.debugDescription): \(described)")
            if expected != nil { pages += 1 }
        }
        #expect(pages > 20, "the samples' contents lines have pages")
    }
}
