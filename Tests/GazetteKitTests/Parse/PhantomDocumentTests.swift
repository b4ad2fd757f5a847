import Foundation
import GazetteKit
import Testing

/// Lines that look like a header but start no document.
@Suite struct PhantomDocumentTests {
    @Test func anAttachmentItemWhoseNumberWrapsOntoItsOwnLineStartsNoDocument() throws {
        // The 天河 issue of the corpus, its first 附件 item changed into a cited document whose 发文字号
        // wraps onto a line of its own, as lists of documents print them.
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
}
