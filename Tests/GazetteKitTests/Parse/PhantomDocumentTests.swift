import Foundation
import GazetteKit
import Testing

/// Lines that look like a header but start no document.
@Suite struct PhantomDocumentTests {
    @Test func anAttachmentItemWhoseNumberWrapsOntoItsOwnLineStartsNoDocument() throws {
        // The 天河 probe of the corpus (synthetic, not a real issue), its first 附件 item changed into a cited document
        // whose 发文字号 wraps onto a line of its own, as lists of documents print them.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes/tianhe/tianhe-2023-02.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let item = "附件：1. 天河区深化营商环境改革工作方案"
        #expect(original.contains(item))
        let text = original.replacingOccurrences(
            of: item, with: "附件：1. 广州市天河区人民政府关于印发天河区优化营商环境若干措施的通知\n\n（穗天府〔2022〕18号）")
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        #expect(issue.documents.map { $0.number?.description } == ["穗天府〔2023〕3号", "穗天府〔2023〕4号", "穗天办发〔2023〕5号", "穗天府办〔2023〕9号"])
        let joint = issue.documents[2]
        #expect(joint.date?.description == "2023-03-20")
        #expect(joint.attachments.first == "1. 广州市天河区人民政府关于印发天河区优化营商环境若干措施的通知（穗天府〔2022〕18号）")
    }

    @Test func aCitedTitleWithItsNumberUnderItInTheTextStartsNoDocument() throws {
        // The same issue with a document the joint notice cites printed on lines of its own in its text,
        // before the notice has reached its signature and date.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes/tianhe/tianhe-2023-02.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let sentence = "《天河区深化营商环境改革工作方案》已经区委、区政府同意，现印发给你们，请认真贯彻落实。"
        #expect(original.contains(sentence))
        let text = original.replacingOccurrences(
            of: sentence, with: sentence + "\n\n广州市天河区人民政府关于印发天河区优化营商环境若干措施的通知\n\n（穗天府〔2022〕18号）\n")
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        #expect(issue.documents.map { $0.number?.description } == ["穗天府〔2023〕3号", "穗天府〔2023〕4号", "穗天办发〔2023〕5号", "穗天府办〔2023〕9号"])
        #expect(issue.documents[2].date?.description == "2023-03-20")
    }
}

/// Facts printed in other places or forms than the samples print them.
@Suite struct FactsPlacedDifferentlyTests {
    @Test func aDateBrokenAfterItsYear() throws {
        // The 太湖县 notice of the corpus, its date broken over two lines as narrow columns print it.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/documents/taihu-work-rules-notice.txt")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "2019年1月17日", with: "2019\n年1月17日")
        var diagnostics: [Diagnostic] = []
        let document = try #require(StandaloneDocumentParser(file: "x")
            .parse(SourceText.lines(of: text), id: "x", metadata: SourceMetadata(), diagnostics: &diagnostics))
        #expect(document.date?.description == "2019-01-17")
        #expect(document.signatures == ["太湖县人民政府"])
        #expect(!document.body.flatMap(\.flattened).contains { $0.text.contains("2019") && $0.text.count < 8 })
    }

    @Test func aPublicationDatePrintedOnTheCover() throws {
        let text = "某某市人民政府公报\n2014年第9期\n二〇一四年九月三十日出版\n\n某某市人民政府文件\n\n某府发〔2014〕1号\n\n某某市人民政府关于某事的通知\n\n各单位：\n\n现将有关事项通知如下。\n\n某某市人民政府\n\n2014年8月12日\n"
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        #expect(issue.masthead.published?.description == "2014-09-30")
    }
}

@Suite struct ColophonAfterTheLastDocumentTests {
    @Test func aColophonOnTheBackCoverBelongsToTheIssueNotToTheLastDocument() throws {
        // The 浦东 probe of the corpus (synthetic, not a real issue) with its editorial block printed on the back cover instead.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes/pudong/pudong-2023-02.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let block = "主编：周　华\n\n编辑：上海市浦东新区人民政府办公室\n\n地址：上海市浦东新区世纪大道2001号\n\n出版日期：二〇二三年二月二十八日\n\n"
        #expect(original.contains(block))
        let text = original.replacingOccurrences(of: block, with: "") + "\n" + block
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        #expect(issue.documents.count == 3)
        #expect(issue.masthead.published?.description == "2023-02-28")
        #expect(issue.editorialBoard.map(\.label) == ["主编", "编辑", "地址", "出版日期"])
        let last = try #require(issue.documents.last)
        #expect(last.date?.description == "2023-02-08")
        #expect(!(last.body + last.annex).flatMap(\.flattened).contains { $0.text.contains("主编") || $0.text.contains("出版日期") })
    }
}

@Suite struct RepeatedTitleTests {
    @Test func aTitlePrintedAgainAboveTheTextIsNeitherTextNorGluedToTheRecipients() throws {
        // The 天河 probe of the corpus (synthetic, not a real issue) with the joint notice's title printed again under its header, as
        // copies taken from a web page print it.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes/tianhe/tianhe-2023-02.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let titleLine = "关于印发《天河区深化营商环境改革工作方案》的通知\n"
        #expect(original.contains(titleLine))
        let repeated = "中共广州市天河区委办公室　广州市天河区人民政府办公室关于印发《天河区深化营商环境改革工作方案》的通知\n"
        let text = original.replacingOccurrences(of: titleLine, with: titleLine + "\n" + repeated)
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        let joint = try #require(issue.documents.first { $0.number?.description == "穗天办发〔2023〕5号" })
        #expect(joint.recipients?.hasPrefix("各街道党工委、办事处") == true)
        #expect(!joint.body.flatMap(\.flattened).contains { $0.text.contains("关于印发《天河区深化营商环境改革工作方案》的通知") })
    }
}
