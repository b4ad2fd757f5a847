@testable import GazetteKit
import Testing

/// The record printed under a regulation's title, in the forms real texts print it (lines taken from
/// the corpus in `Tests/Corpus`).
@Suite struct EnactmentRecordTests {
    @Test func aCityRegulationIsEnactedByItsStandingCommitteeAndApprovedByTheProvince() throws {
        let adopted = try #require(EnactmentRecord.parse("2022年12月6日 云浮市第七届人民代表大会常务委员会第七次会议通过"))
        #expect(adopted.act == .adopted && adopted.body == "云浮市人民代表大会常务委员会" && adopted.date.description == "2022-12-06")
        let approved = try #require(EnactmentRecord.parse("2023年2月10日 广东省第十四届人民代表大会常务委员会第一次会议批准）"))
        #expect(approved.act == .approved && approved.body == "广东省人民代表大会常务委员会")
        let facts = EnactmentRecord.facts(of: [approved, adopted])
        #expect(facts?.issuer == "云浮市人民代表大会常务委员会" && facts?.date?.description == "2022-12-06")
    }

    @Test func aDecreeGivesItsNumberAndIssuer() throws {
        let record = try #require(EnactmentRecord.parse("2022年4月14日 国家市场监督管理总局令第56号公布"))
        #expect(record.act == .promulgated && record.body == "国家市场监督管理总局")
        #expect(record.number?.description == "国家市场监督管理总局令第56号")
        #expect(EnactmentRecord.parse("2022年7月1日 施行")?.act == .effective)
        #expect(EnactmentRecord.parse("1987年4月1日 国务院发布\u{3000}")?.body == "国务院")
        #expect(EnactmentRecord.parse("2008年7月17日 经人力资源和社会保障部第6次部务会议通过")?.body == "人力资源和社会保障部")
        #expect(EnactmentRecord.parse("1983年12月25日 山东省人民代表大会常务委员会公告公布施行")?.body == "山东省人民代表大会常务委员会")
    }

    @Test func amendmentsNameNoBodyAndSentencesAreNoRecords() {
        let amended = EnactmentRecord.parse("2021年5月27日 重庆市第五届人民代表大会常务委员会第二十六次会议《关于修改〈重庆市土地房屋权属登记条例〉等四部地方性法规的决定》第二次修正）")
        #expect(amended?.act == .amended && amended?.body == nil)
        #expect(EnactmentRecord.parse("第一条 为了优化营商环境，根据《优化营商环境条例》等法律法规，结合本市实际，制定本条例。") == nil)
        #expect(EnactmentRecord.parse("本条例自2023年3月1日起施行。") == nil)
    }

    @Test func twoRecordsOnOneBracketedLineAfterALabel() {
        let records = EnactmentRecord.all(in: "【题注】 (2001年4月29日包头市第十一届人民代表大会第四次会议通过 2001年6月3日内蒙古自治区第九届人民代表大会常务委员会第二十三次会议批准)")
        #expect(records.map(\.act) == [.adopted, .approved])
        #expect(records.first?.body == "包头市人民代表大会")
    }

    @Test func aYearTypedWithCirclesOrLettersForZero() {
        #expect(CalendarDate(chinese: "二OO六年二月二十日")?.description == "2006-02-20")
        #expect(CalendarDate(chinese: "二○○七年二月十二日")?.description == "2007-02-12")
        #expect(CalendarDate(chinese: "Ooo") == nil)
    }
}

@Suite struct PageFurnitureTests {
    @Test func runningHeadersInEitherOrderAndAnyNumerals() {
        for line in ["湖北省人民政府公报　2023年第6期", "二〇二二年第三期", "2023年第6期　湖北省人民政府公报", "某某市人民政府公报２０２２年第３期（总第123期）", "湖北省人民政府公报　2023年第6期　总第900期"] {
            #expect(PageFurniture().isFurniture(line), "\(line)")
        }
        for line in ["— 5 —", "·4·", "-12-", "第 3 页"] { #expect(PageFurniture().isFurniture(line), "\(line)") }
        #expect(!PageFurniture().isFurniture("2023年第6期的工作要点如下："))
        #expect(PageFurniture(runningHeaders: ["重庆市武隆区人民政府公报"]).isFurniture("重庆市武隆区人民政府公报"))
    }

    @Test func aPageNoteInMidSentenceIsRemoved() {
        // Content/gazettes/wulong/2021-03.txt, line 917.
        let line = "代表、政协委员，参加劳动模范、先进工作者评选。支持农民工在（下转第37页）"
        #expect(PageFurniture.removingPageNotes(line) == "代表、政协委员，参加劳动模范、先进工作者评选。支持农民工在")
        #expect(PageFurniture.removingPageNotes("页面没有注记。") == nil)
    }
}
