import Foundation
@testable import GazetteKit
import Testing

/// `LineMarkup.replacingTags` finds the tags the regular expression it replaced found.
@Suite struct TagScannerTests {
    nonisolated(unsafe) static let tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/

    static let lines: [String] = [
        "<b>第一条</b> 为了", "<p>一、总体要求</p>", "<br/>", "<br />", "<BR>", "<span style=\"x\">文本</span>", "a<b",
        "a < b > c", "<1>", "</>", "<>", "<b x", "<b x/<b>", "<b/x>", "<b\u{301}>", "<\u{301}b>", "<b >", "<b\t>",
        "<b\u{3000}class=a>", "<div><p>表</p></div>", "<<b>>", "<b<i>>", "</ b>", "<b1>", "<1b>", "<h2 id=\"x\">标题</h2>",
        "文本<!-- 注释 -->文本", "<a href=\"x>y\">链接</a>", "x<b/>y", "<b/ >", "<img src=a.png/>", "", "<", "<b",
        "全角＜b＞", "<ｂ>", "<b>\r\n</b>", "<é>", "<é>", "<b x=\"<\">",
    ]

    @Test func tagsAreFoundAsThePatternFoundThem() throws {
        var sampleLines: [String] = []
        for sample in Samples.contentPaths.keys.sorted() {
            sampleLines += try Samples.lines(of: sample).map(\.text).filter { $0.contains("<") }
        }
        for line in Self.lines + sampleLines {
            var byPattern: [String] = []
            let expected = line.replacing(Self.tag) { match in
                byPattern.append("\(match.1)|\(match.2)|\(match.0)")
                return "[\(match.2)]"
            }
            var byHand: [String] = []
            let found = LineMarkup.replacingTags(in: line) { tag in
                byHand.append("\(tag.isClosing ? "/" : "")|\(tag.name)|\(tag.whole)")
                return "[\(tag.name)]"
            }
            #expect(found == expected && byHand == byPattern, "\(line.debugDescription): \(found) \(expected)")
        }
    }
}
