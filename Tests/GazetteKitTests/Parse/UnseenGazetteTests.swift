import Foundation
import GazetteKit
import Testing

/// Layouts of other gazettes the parser was not developed on: provinces, cities and districts of other
/// regions, with their own forms (decrees, titles above their numbers, joint issuers, contents with other page
/// numbers, the editorial block before the contents, masthead facts over two lines, Chinese-numeral
/// dates). The texts are in the corpus, `Tests/Corpus/gazettes/NAME/`; the facts below were checked by hand
/// against them. They are synthetic probes, each written to imitate one layout, not real issues
/// (`expected.json` marks them `"synthetic": true`).
@Suite struct UnseenGazetteTests {
    struct Expected: Sendable {
        var number: String?
        var title: String
        var issuer: String
        var date: String
        var page: Int?

        init(_ number: String?, _ title: String, _ issuer: String, _ date: String, _ page: Int?) {
            self.number = number
            self.title = title
            self.issuer = issuer
            self.date = date
            self.page = page
        }
    }

    struct UnseenIssue: Sendable, CustomTestStringConvertible {
        var file: String
        var gazette: String
        var year: Int
        var number: Int
        var documents: [Expected]
        var testDescription: String { file }
    }

    static let folder = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes")

    static func parse(_ file: String) throws -> IssueParser.Result {
        let gazette = String(file.prefix { $0 != "-" })
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(gazette).appendingPathComponent(file)))
        let text = try SourceTextDecoder.decode(bytes, file: file).text
        return IssueParser(file: file).parse(SourceNormalizer(converter: Samples.converter).normalize(SourceText.lines(of: text)))
    }

    static let issues: [UnseenIssue] = [
        UnseenIssue(file: "chengdu-2023-03.txt", gazette: "成都市人民政府公报", year: 2023, number: 3, documents: [
            .init("成府发〔2023〕3号", "成都市人民政府关于印发成都市促进新经济发展若干政策措施的通知", "成都市人民政府", "2023-02-08", 1),
            .init("成府发〔2023〕6号", "成都市人民政府关于中心城区禁止燃放烟花爆竹的通告", "成都市人民政府", "2023-02-20", 5),
            .init("成办规〔2023〕2号", "成都市人民政府办公厅关于印发成都市公共数据运营服务管理办法的通知", "成都市人民政府办公厅", "2023-02-22", 7),
            .init("成办函〔2023〕15号", "成都市人民政府办公厅关于调整成都市重污染天气应急指挥部成员的通知", "成都市人民政府办公厅", "2023-03-01", 11),
        ]),
        UnseenIssue(file: "hubei-2023-06.txt", gazette: "湖北省人民政府公报", year: 2023, number: 6, documents: [
            .init("鄂政发〔2023〕3号", "省人民政府关于加快推进数字经济高质量发展的意见", "湖北省人民政府", "2023-02-28", 2),
            .init("鄂政函〔2023〕21号", "省人民政府关于同意调整武汉市部分行政区划的批复", "湖北省人民政府", "2023-03-03", 5),
            .init("鄂政办发〔2023〕9号", "省人民政府办公厅关于印发湖北省促进消费恢复提振若干措施的通知", "湖北省人民政府办公厅", "2023-03-10", 6),
            .init("鄂政办规〔2023〕2号", "省人民政府办公厅关于印发湖北省招标投标领域信用管理办法的通知", "湖北省人民政府办公厅", "2023-03-15", 9),
        ]),
        UnseenIssue(file: "nanchang-2023-01.txt", gazette: "南昌县人民政府公报", year: 2023, number: 1, documents: [
            .init("南府发〔2023〕2号", "南昌县人民政府关于印发南昌县2023年政府工作报告重点工作责任分解的通知", "南昌县人民政府", "2023-01-30", 1),
            .init("南府办发〔2023〕6号", "南昌县人民政府办公室关于进一步加强机关事务管理工作的通知", "南昌县人民政府办公室", "2023-02-10", 4),
            .init("南财发〔2023〕8号", "南昌县财政局关于做好2023年度行政事业单位国有资产年报工作的通知", "南昌县财政局", "2023-02-16", 6),
            .init("南教体字〔2023〕11号", "南昌县教育体育局 南昌县财政局关于印发南昌县学前教育资助资金管理办法的通知", "南昌县教育体育局、南昌县财政局", "2023-02-24", 8),
            .init("南府字〔2023〕15号", "南昌县人民政府关于熊伟等同志职务任免的通知", "南昌县人民政府", "2023-03-03", 10),
        ]),
        UnseenIssue(file: "pudong-2023-02.txt", gazette: "上海市浦东新区人民政府公报", year: 2023, number: 2, documents: [
            .init("浦府〔2023〕12号", "上海市浦东新区人民政府关于印发浦东新区促进集成电路产业高质量发展若干措施的通知", "上海市浦东新区人民政府", "2023-01-16", 1),
            .init("浦府办规〔2023〕3号", "上海市浦东新区人民政府办公室关于印发浦东新区城市更新工作实施办法的通知", "上海市浦东新区人民政府办公室", "2023-01-30", 4),
            .init("浦府〔2023〕20号", "上海市浦东新区人民政府关于同意设立张江镇社区卫生服务中心分中心的批复", "上海市浦东新区人民政府", "2023-02-08", 7),
        ]),
        UnseenIssue(file: "pudong-2023-03.txt", gazette: "上海市浦东新区人民政府公报", year: 2023, number: 3, documents: [
            .init("浦府〔2023〕12号", "上海市浦东新区人民政府关于印发浦东新区促进集成电路产业高质量发展若干措施的通知", "上海市浦东新区人民政府", "2023-01-16", 1),
            .init("浦府办规〔2023〕3号", "上海市浦东新区人民政府办公室关于印发浦东新区城市更新工作实施办法的通知", "上海市浦东新区人民政府办公室", "2023-01-30", 4),
            .init("浦府〔2023〕20号", "上海市浦东新区人民政府关于同意设立张江镇社区卫生服务中心分中心的批复", "上海市浦东新区人民政府", "2023-02-08", 7),
        ]),
        UnseenIssue(file: "shenzhen-2023-08.txt", gazette: "深圳市人民政府公报", year: 2023, number: 8, documents: [
            .init("深圳市人民政府令第350号", "深圳市房屋安全管理办法", "深圳市人民政府", "2023-03-08", 2),
            .init("深府规〔2023〕1号", "深圳市人民政府关于印发深圳市关于加快培育壮大市场主体的实施意见的通知", "深圳市人民政府", "2023-03-10", 6),
            .init("深府办函〔2023〕15号", "深圳市人民政府办公厅关于同意设立深圳市光明区凤凰街道的函", "深圳市人民政府办公厅", "2023-03-15", 9),
            // A 公告 printed without 发文字号, found through the title the table of contents gives it.
            .init(nil, "深圳市人民政府关于2023年第一批永久基本农田调整的公告", "深圳市人民政府", "2023-03-20", 10),
        ]),
        UnseenIssue(file: "sichuan-2023-05.txt", gazette: "四川省人民政府公报", year: 2023, number: 5, documents: [
            .init("四川省人民政府令第356号", "四川省城镇燃气安全管理办法", "四川省人民政府", "2023-02-10", 2),
            .init("川府发〔2023〕5号", "四川省人民政府关于印发《四川省加快推进新型工业化若干措施》的通知", "四川省人民政府", "2023-02-20", 6),
            .init("川府办函〔2023〕12号", "四川省人民政府办公厅关于同意建立四川省促进民营经济发展联席会议制度的函", "四川省人民政府办公厅", "2023-03-02", 9),
            .init("川办发〔2023〕7号", "四川省人民政府办公厅关于做好2023年春季森林草原防灭火工作的通知", "四川省人民政府办公厅", "2023-03-06", 11),
            .init("川府人〔2023〕3号", "四川省人民政府关于黄建华等同志职务任免的通知", "四川省人民政府", "2023-03-08", 14),
        ]),
        UnseenIssue(file: "tianhe-2023-02.txt", gazette: "广州市天河区人民政府公报", year: 2023, number: 2, documents: [
            .init("穗天府〔2023〕3号", "广州市天河区人民政府关于印发天河区2023年十件民生实事的通知", "广州市天河区人民政府", "2023-03-15", 1),
            .init("穗天府〔2023〕4号", "广州市天河区人民政府关于天河区城市更新项目征收土地的公告", "广州市天河区人民政府", "2023-03-18", 5),
            .init("穗天办发〔2023〕5号", "中共广州市天河区委办公室 广州市天河区人民政府办公室关于印发《天河区深化营商环境改革工作方案》的通知", "中共广州市天河区委办公室、广州市天河区人民政府办公室", "2023-03-20", 7),
            .init("穗天府办〔2023〕9号", "广州市天河区人民政府办公室关于印发天河区老旧小区改造工作方案的通知", "广州市天河区人民政府办公室", "2023-03-28", 12),
        ]),
    ]

    @Test(arguments: issues)
    func documentsAreFoundWithTheirNumberTitleIssuerDateAndPage(_ expected: UnseenIssue) throws {
        let result = try Self.parse(expected.file)
        let issue = try #require(result.issue, "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        #expect(issue.masthead.gazette == expected.gazette)
        #expect(issue.masthead.year == expected.year && issue.masthead.number == expected.number)
        #expect(issue.documents.map { $0.number?.description } == expected.documents.map(\.number))
        #expect(issue.documents.map(\.title) == expected.documents.map(\.title))
        #expect(issue.documents.map(\.issuer) == expected.documents.map(\.issuer))
        #expect(issue.documents.map { $0.date?.description } == expected.documents.map(\.date))
        #expect(issue.documents.map(\.tocPage) == expected.documents.map(\.page))
    }

    @Test func aDecreeIsADocumentNamedAfterTheRulesItIssues() throws {
        let issue = try #require(Self.parse("sichuan-2023-05.txt").issue)
        let decree = issue.documents[0]
        #expect(decree.id == "四川省人民政府令-356")
        #expect(decree.signatures == ["省长 黄强"])
        #expect(decree.issuer == "四川省人民政府")
        #expect(decree.annex.contains { $0.kind == .article && $0.id.fragment == "article-1" }
                || decree.body.contains { $0.id.fragment == "article-1" })
        // The 主送 of the next document wraps inside a word (`有关单` / `位：`).
        #expect(issue.documents[1].recipients == "各市（州）人民政府，省政府各部门、各直属机构，有关单位")
    }

    @Test func jointIssuersAttachmentsAndRecordLines() throws {
        let issue = try #require(Self.parse("tianhe-2023-02.txt").issue)
        let joint = try #require(issue.documents.first { $0.number?.description == "穗天办发〔2023〕5号" })
        #expect(joint.signatures == ["中共广州市天河区委办公室", "广州市天河区人民政府办公室"])
        #expect(joint.attachments.count == 3)
        // A 公告 has no 主送: its opening sentence stays in the body.
        let notice = try #require(issue.documents.first { $0.number?.description == "穗天府〔2023〕4号" })
        #expect(notice.recipients == nil)
        // 抄送 and 印发 lines stay lines of their own, never glued to the text above them.
        let blocks = (joint.body + joint.annex).flatMap(\.flattened)
        #expect(blocks.contains { $0.text.hasPrefix("抄送") })
        #expect(!blocks.contains { !$0.text.hasPrefix("抄送") && $0.text.contains("抄送：") })
    }

    @Test func pageFootersAndRunningHeadersAreNotText() throws {
        for file in ["hubei-2023-06.txt", "shenzhen-2023-08.txt", "sichuan-2023-05.txt"] {
            let issue = try #require(Self.parse(file).issue)
            let text = issue.documents.flatMap { ($0.body + $0.annex).flatMap(\.flattened) }.map(\.text)
            #expect(!text.contains { $0.contains("— 5 —") || $0.contains("·4·") || $0.hasSuffix("公报　2023年第6期") }, "\(file)")
        }
    }

    @Test func closingCatalogueOfAnotherName() throws {
        let issue = try #require(Self.parse("hubei-2023-06.txt").issue)
        #expect(issue.closingCatalog?.heading == "省人民政府2023年2月发文目录")
        #expect(issue.editorialBoard.contains { $0.label == "主编" })
        #expect(issue.masthead.published?.description == "2023-03-31")
    }
}

@Suite struct MastheadFormTests {
    @Test func mastheadWithChineseNumeralYearAndFullWidthDigits() {
        for text in ["某某市人民政府公报\n二〇二二年第三期\n（总第１２３期）\n", "某某市人民政府公报\n２０２２年第３期\n（总第123期）\n"] {
            var diagnostics: [Diagnostic] = []
            let front = MastheadParserProbe.parse(text, diagnostics: &diagnostics)
            #expect(front?.year == 2022 && front?.number == 3 && front?.totalNumber == 123, "\(text)")
        }
    }
}

/// The masthead parser through the issue parser: an issue of one document.
enum MastheadParserProbe {
    static func parse(_ masthead: String, diagnostics: inout [Diagnostic]) -> Masthead? {
        let text = masthead + "\n某某市人民政府文件\n\n某府发〔2022〕1号\n\n某某市人民政府关于某事的通知\n\n各单位：\n\n现将有关事项通知如下。\n\n某某市人民政府\n\n2022年1月1日\n"
        let result = IssueParser(file: "x").parse(text)
        diagnostics = result.diagnostics
        return result.issue?.masthead
    }
}

@Suite struct GroupLabelTests {
    @Test func groupLabelsInOtherBracketsAreNoEntries() throws {
        // The 四川 probe of the corpus (synthetic, not a real issue) with its contents' group labels in other brackets.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/gazettes/sichuan/sichuan-2023-05.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "【省政府令】", with: "〖省政府令〗").replacingOccurrences(of: "【省政府文件】", with: "［省政府文件］")
        let issue = try #require(IssueParser(file: "x").parse(text).issue)
        #expect(!issue.tableOfContents.contains { $0.title.contains("省政府令") || $0.title.contains("省政府文件") })
        #expect(issue.documents.map(\.tocPage) == [2, 6, 9, 11, 14])
    }
}
