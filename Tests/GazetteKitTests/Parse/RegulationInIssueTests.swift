import Foundation
import GazetteKit
import Testing

/// A regulation inside an issue, behind the standing committee's 公告 that promulgates it. The
/// regulation's text is real (Tests/Corpus/documents/yunfu-business-environment.txt); the 公告 around it
/// follows the form such announcements are printed in (its serial number is made up).
@Suite struct RegulationInIssueTests {
    static func issueText() throws -> String {
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/documents/yunfu-business-environment.txt")
        let regulation = try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<!--") }
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }
            .joined(separator: "\n")
        return """
            云浮市人民政府公报
            2023年第3期

            云浮市人民代表大会常务委员会公告
            （第12号）

            《云浮市优化营商环境条例》已由云浮市第七届人民代表大会常务委员会第七次会议于2022年12月6日通过，\
            广东省第十四届人民代表大会常务委员会第一次会议于2023年2月10日批准，现予公布，自2023年3月1日起施行。

            云浮市人民代表大会常务委员会
            2023年2月23日

            \(regulation)

            云浮市人民政府文件

            云府〔2023〕5号

            云浮市人民政府关于某事的通知

            各县（市、区）人民政府，市府直属各单位：

            现将有关事项通知如下。

            云浮市人民政府
            2023年3月10日

            """
    }

    @Test func theAnnouncementStartsTheDocumentAndStaysPartOfIt() throws {
        let result = IssueParser(file: "x").parse(try Self.issueText())
        let issue = try #require(result.issue, "\(result.diagnostics)")
        #expect(issue.documents.count == 2)
        let regulation = try #require(issue.documents.first)
        #expect(regulation.title == "云浮市优化营商环境条例")
        #expect(regulation.number?.description == "云浮市人民代表大会常务委员会公告第12号")
        #expect(regulation.issuer == "云浮市人民代表大会常务委员会")
        #expect(regulation.date?.description == "2023-02-23")
        // The announcement's sentence is the body; the regulation, with its record and articles, follows.
        #expect(regulation.body.first?.text.hasPrefix("《云浮市优化营商环境条例》已由") == true)
        let annex = regulation.annex.flatMap(\.flattened)
        #expect(annex.filter { $0.kind == .article }.count == 31)
        #expect(annex.contains { $0.text == "2022年12月6日 云浮市第七届人民代表大会常务委员会第七次会议通过" })
        #expect(issue.documents[1].number?.description == "云府〔2023〕5号")
    }

    @Test func aRegulationListedInTheContentsTakesIssuerAndDateFromItsRecord() throws {
        // The same issue without the announcement: the regulation follows the contents, which list it.
        let text = try Self.issueText()
        let start = try #require(text.range(of: "云浮市人民代表大会常务委员会公告"))
        let regulation = try #require(text.range(of: "\n云浮市优化营商环境条例\n"))
        let issueText = text[..<start.lowerBound].replacingOccurrences(of: "2023年第3期\n", with: "2023年第3期\n\n目录\n\n云浮市优化营商环境条例……1\n\n云浮市人民政府关于某事的通知……9\n")
            + text[regulation.lowerBound...]
        let issue = try #require(IssueParser(file: "x").parse(issueText).issue)
        let parsed = try #require(issue.documents.first)
        #expect(parsed.title == "云浮市优化营商环境条例")
        #expect(parsed.issuer == "云浮市人民代表大会常务委员会")
        #expect(parsed.date?.description == "2022-12-06")
        #expect(parsed.tocPage == 1)
    }
}
