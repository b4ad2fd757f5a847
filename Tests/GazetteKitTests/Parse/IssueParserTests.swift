import Foundation
import GazetteKit
import Testing

@Suite struct IssueParserTests {
    static let issues = Samples.groundTruth.issues

    @Test(arguments: issues)
    func everyDocumentHasTheHandCheckedNumberTitleIssuerAndDate(_ expected: GroundTruth.Issue) throws {
        let result = try Samples.issue(expected.source)
        let issue = try #require(result.issue)
        #expect(!result.diagnostics.contains { $0.severity == .error })
        #expect(issue.documents.map { $0.number?.description } == expected.documents.map(\.docNumber))
        #expect(issue.documents.map(\.title) == expected.documents.map(\.title))
        #expect(issue.documents.map(\.issuer) == expected.documents.map(\.issuer))
        #expect(issue.documents.map { $0.date?.description } == expected.documents.map(\.date))
        #expect(issue.documents.map(\.tocPage) == expected.documents.map(\.tocPage))
    }

    @Test(arguments: issues)
    func mastheadFactsAreDetected(_ expected: GroundTruth.Issue) throws {
        let issue = try #require(Samples.issue(expected.source).issue)
        #expect(issue.masthead.gazette == expected.gazette)
        #expect(issue.masthead.year == expected.year)
        #expect(issue.masthead.number == expected.issue)
        #expect(issue.masthead.totalNumber == expected.totalIssue)
        #expect(issue.masthead.published?.description == expected.published)
        #expect(issue.editorialBoard.contains { $0.label == "主编" })
    }

    @Test(arguments: issues)
    func printedTableOfContentsMatchesTheGroundTruth(_ expected: GroundTruth.Issue) throws {
        let issue = try #require(Samples.issue(expected.source).issue)
        let documentEntries = issue.tableOfContents.filter { $0.documentID != nil }
        #expect(documentEntries.map(\.page) == expected.documents.map(\.tocPage))
        #expect(documentEntries.map(\.documentID) == issue.documents.map(\.id))
        let catalogEntry = try #require(issue.tableOfContents.last)
        #expect(catalogEntry.page == expected.catalog.tocPage)
        #expect(catalogEntry.title.hasSuffix("主要文件目录"))
    }

    @Test(arguments: issues)
    func closingCatalogueIsPartOfTheIssueNotOfTheLastDocument(_ expected: GroundTruth.Issue) throws {
        let issue = try #require(Samples.issue(expected.source).issue)
        let catalog = try #require(issue.closingCatalog)
        #expect(catalog.heading.hasSuffix("主要文件目录"))
        let last = try #require(issue.documents.last)
        let lastText = (last.body + last.annex).map(\.text).joined()
        #expect(!lastText.contains("主要文件目录"))
        // The catalogue lists the issue's own documents by number, grouped under their issuer marks.
        let listed = Set(catalog.groups.flatMap(\.entries).compactMap { $0.number?.description })
        #expect(expected.documents.filter { listed.contains($0.docNumber) }.count >= expected.documents.count - 2)
        #expect(catalog.groups.compactMap(\.name).contains("重庆市武隆区人民政府办公室文件"))
    }

    @Test func textContinuedFromAnEarlierPageJoinsItsOwnDocument() throws {
        let issue = try #require(Samples.issue("002_0e5fc1904268e7be.txt").issue)
        func text(_ number: String) -> String {
            let document = issue.documents.first { $0.number?.description == number }!
            return (document.body + document.annex).map(\.text).joined()
        }
        // （上接第40页）查整治措施… is printed inside 武隆府办〔2021〕17号 but continues 〔2021〕39号 (pages 38–40).
        #expect(text("武隆府办发〔2021〕39号").contains("查整治措施，实现闭环管理"))
        #expect(!text("武隆府办〔2021〕17号").contains("查整治措施"))
        #expect(text("武隆府办发〔2021〕36号").contains("职工代表大会和居民委员会"))
        #expect(!text("武隆府办发〔2021〕37号").contains("职工代表大会和居民委员会"))
    }

    @Test func headerPartsAreSeparatedFromTheBody() throws {
        let issue = try #require(Samples.issue("000_eaea1d1b9c0efc8a.txt").issue)
        let first = issue.documents[0]
        #expect(first.issuerMark == "重庆市武隆区人民政府文件")
        #expect(first.recipients == "各街道办事处，各乡镇人民政府，区政府各部门，有关单位")
        #expect(first.disclosure == "此件公开发布")
        #expect(first.attachments.count == 4)
        #expect(first.attachments[0].hasPrefix("1. 武隆区城镇国有建设用地使用权土地级别册"))
        #expect(first.signatures == ["重庆市武隆区人民政府"])
        #expect(first.body.first?.text.hasPrefix("为进一步加强土地资产管理") == true)
        #expect(!first.body.contains { $0.text.contains("附件") || $0.text.contains("2022年6月29日") })
    }

    static func fixture(_ name: String) throws -> IssueParser.Result {
        let url = Bundle.module.url(forResource: "Fixtures/sources/\(name)", withExtension: "txt")!
        let text = try SourceTextDecoder.decode([UInt8](Data(contentsOf: url)), file: name).text
        return IssueParser(file: name).parse(SourceNormalizer(converter: Samples.converter).normalize(SourceText.lines(of: text)))
    }

    @Test func aHeadingLikeTheClosingCatalogueInMidIssueDoesNotSwallowTheDocumentsAfterIt() throws {
        // `武隆区2021年度行政规范性文件目录` titles an attachment; a real document follows it.
        let result = try Self.fixture("catalogue-like-heading-in-mid-issue")
        let issue = try #require(result.issue)
        #expect(issue.documents.map { $0.number?.description } == ["武隆府办发〔2022〕40号", "武隆府办发〔2022〕43号"])
        #expect(issue.documents.allSatisfy { $0.date != nil })
    }

    @Test func wordsLikeAnIssuerMarkInsideASentenceAreText() throws {
        // `请各单位认真学习贯彻市政府办公厅文件` / `精神，抓好落实。`
        let result = try Self.fixture("mark-words-inside-a-sentence")
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        let first = try #require(result.issue?.documents.first)
        #expect(first.date?.description == "2022-06-07")
        #expect(first.body.contains { $0.text.contains("请各单位认真学习贯彻市政府办公厅文件精神，抓好落实。") })
    }

    @Test func aDocumentWithoutNumberIsFoundByItsContentsEntryDespiteAnOCRVariant() throws {
        // The contents say …的公告 and list it last; the text prints …的通告 first.
        let issue = try #require(Self.fixture("unnumbered-document-listed-in-contents").issue)
        #expect(issue.documents.count == 3)
        #expect(issue.documents[0].number == nil)
        #expect(issue.documents[0].title == "重庆市武隆区人民政府关于开展农村人居环境整治工作的通告")
        #expect(issue.documents.map(\.tocPage) == [1, 13, 14])
    }
}

extension GroundTruth.Issue: CustomTestStringConvertible {
    var testDescription: String { source }
}
