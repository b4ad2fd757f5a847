import Foundation
import GazetteKit
import Testing

/// Sources made to break the parser: each must parse without a crash, keep every document, and name what it
/// could not read as an error at its line.
@Suite struct HostileSourceTests {
    static let smallIssue = String(decoding: try! BadInputTests.fixture("small-issue.txt"), as: UTF8.self)

    func parse(_ text: String) -> IssueParser.Result {
        IssueParser(file: "x.txt", gazetteSlug: "wulong").parse(SourceNormalizer(converter: Samples.converter).normalize(SourceText.lines(of: text)))
    }

    @Test func aHeaderlessDocumentRightBeforeTheClosingCatalogueIsKept() throws {
        let text = Self.smallIssue + """

            重庆市武隆区人民政府办公室关于做好2022年
            防汛抗旱工作的通知
            （武隆府办发〔2022〕45号）
            重庆市武隆区人民政府办公室2022年5、6月主要文件目录
            重庆市武隆区人民政府办公室关于区政府有关领导同志分工调整的通知（武隆府办发〔2022〕40号）

            """
        let result = parse(text)
        let issue = try #require(result.issue)
        #expect(issue.documents.map { $0.number?.description } == ["武隆府办发〔2022〕40号", "武隆府办发〔2022〕43号", "武隆府办发〔2022〕45号"])
        #expect(issue.documents.last?.title == "重庆市武隆区人民政府办公室关于做好2022年防汛抗旱工作的通知")
        let catalog = try #require(issue.closingCatalog)
        #expect(catalog.groups.flatMap(\.entries).map { $0.number?.description } == ["武隆府办发〔2022〕40号"])
    }

    static let longTitle = "重庆市武隆区人民政府办公室关于成立武隆区迎峰度夏电力保障工作领导小组并做好全区电力电煤保供和有序用电"
        + "以及节约用电宣传和重点企业用电保障及应急处置和信访矛盾纠纷化解和督促检查考核等各项具体工作任务分工安排的通知"

    @Test func aTitleOfMoreThanAHundredCharactersOnOneLineKeepsItsDocument() throws {
        var text = Self.smallIssue.replacingOccurrences(of: "重庆市武隆区人民政府办公室 关于成立武隆区迎峰度夏电力保障 工作领导小组的通知", with: Self.longTitle)
        // Without its issuer mark, too: the number and the title alone make the header.
        let number = try #require(text.range(of: "武隆府办发〔2022〕43号"))
        let mark = try #require(text.range(of: "重庆市武隆区人民政府办公室文件", options: .backwards, range: text.startIndex..<number.lowerBound))
        text.removeSubrange(mark)
        #expect(Self.longTitle.count > 100)
        let result = parse(text)
        let issue = try #require(result.issue)
        #expect(issue.documents.map(\.title).last == Self.longTitle)
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    }

    @Test func aDocumentNumberThatStartsNoDocumentIsAnErrorAtItsLine() throws {
        var text = Self.smallIssue.replacingOccurrences(of: "重庆市武隆区人民政府办公室 关于成立武隆区迎峰度夏电力保障 工作领导小组的通知",
                                                         with: "为做好迎峰度夏电力保障工作，现成立领导小组。")
        let number = try #require(text.range(of: "武隆府办发〔2022〕43号"))
        let mark = try #require(text.range(of: "重庆市武隆区人民政府办公室文件", options: .backwards, range: text.startIndex..<number.lowerBound))
        text.removeSubrange(mark)
        let result = parse(text)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "武隆府办发〔2022〕43号" }!
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "x.txt:\(line + 1): error: 发文字号 武隆府办发〔2022〕43号 is printed here but starts no document (no title was found beside it); its text stays in the document before it",
        ])
    }

    @Test func longRunsOfDigitsInNumberingAreText() throws {
        let numbers = ["第99999999999999999999条 甲", "第9223372036854775807章 乙", "（9223372036854775807）丙", "9223372036854775807. 丁",
                       "第１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０条 戊", "（一二三四五六七八九一二三四五六七八九一二三四五六七八九）己",
                       "专栏99999999999999999999 庚", "第9223372036854775807条 辛", "第9223372036854775807条 壬"]
        let text = Self.smallIssue.replacingOccurrences(of: "区政府其他领导同志分工不变。", with: numbers.joined(separator: "\n\n"))
        let issue = try #require(parse(text).issue)
        let body = issue.documents[0].body.flatMap(\.flattened).map(\.text).joined()
        for number in numbers { #expect(body.contains(number.split(separator: " ").last!), "\(number)") }
    }

    @Test func aListedDocumentWhoseHeaderCannotBeReadIsAnError() throws {
        // The contents list a document printed without 发文字号 whose one-line title is too long to be read as one.
        var text = Self.smallIssue.replacingOccurrences(of: "重庆市武隆区人民政府办公室关于成立武\n隆区迎峰度夏电力保障工作领导小组\n的通知14",
                                                        with: Self.longTitle + "14")
        text = text.replacingOccurrences(of: "武隆府办发〔2022〕43号\n", with: "")
            .replacingOccurrences(of: "重庆市武隆区人民政府办公室 关于成立武隆区迎峰度夏电力保障 工作领导小组的通知", with: Self.longTitle)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let printed = try #require(lines.lastIndex { $0 == Self.longTitle })
        let result = parse(text)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains("x.txt:\(printed + 1): error: the table of contents lists \(Self.longTitle), which is printed here but starts no "
                                + "document (its header could not be read); its text stays in the document before it"), "\(result.diagnostics)")
    }

    @Test func aLineOfThousandsOfBarsInATableStaysTextAndDoesNotWidenTheTable() throws {
        let bars = "| " + (1...5_000).map(String.init).joined(separator: " | ") + " |"
        let rows = ["| 序号 | 项目 |", "|---|---|"] + (1...200).map { "| \($0) | 项目\($0) |" }
        let text = Self.smallIssue.replacingOccurrences(of: "区政府其他领导同志分工不变。",
                                                        with: "区政府其他领导同志分工不变。\n\n" + (rows + [bars] + rows.suffix(2)).joined(separator: "\n"))
        let issue = try #require(parse(text).issue)
        let blocks = issue.documents[0].body.flatMap(\.flattened)
        let widths = blocks.compactMap { block -> Int? in if case .table(let rows) = block.kind { rows.map(\.count).max() } else { nil } }
        #expect(!widths.isEmpty && widths.allSatisfy { $0 == 2 }, "\(widths)")
        #expect(blocks.contains { $0.text.contains("4999 | 5000") })
    }
}
