import Foundation
@testable import GazetteKit
import Testing

/// Citations and relations between documents, on the samples and on real sentences.
@Suite struct DocumentRelationsTests {
    /// The sample document a title names: its own title, or the title of the plan it issues.
    static func document(titled title: String) -> Document? {
        let key = TitleKey(title).text
        let matches = SampleSite.prepared.site.documents.map(\.document).filter { document in
            document.links.copyOf == nil && CitationResolver.titles(of: document).contains { $0.text == key }
        }
        return matches.count == 1 ? matches[0] : nil
    }

    @Test func theSamplePlansAreRelatedAsTheGroundTruthSaysAndToNothingElse() throws {
        let relations = Samples.groundTruth.relations
        #expect(relations.count == 3)
        var plans: Set<String> = []
        for relation in relations {
            let from = try #require(Self.document(titled: relation.from), "\(relation.from)")
            let to = try #require(Self.document(titled: relation.to), "\(relation.to)")
            #expect(from.links.related.contains(to.id), "\(from.id) → \(to.id)")
            #expect(to.links.related.contains(from.id), "\(to.id) → \(from.id)")
            plans.formUnion([from.id, to.id])
        }
        for id in plans {
            let plan = try #require(SampleSite.document(id))
            #expect(Set(plan.document.links.related).isSubset(of: plans.subtracting([id])), "\(id): \(plan.document.links.related)")
        }
        #expect(SampleSite.prepared.site.linkReport.relationPairs == 3)
    }

    @Test func bothDistrictPlansCiteTheCityPlanOneUnderAVariantTitle() throws {
        let city = try #require(SampleSite.document("yu-fu-ban-fa-2021-149"))
        #expect(Set(city.document.links.citedBy) == ["fuling-rural-revitalization-plan", "wu-long-fu-ban-fa-2022-44"])
        let wulong = try #require(SampleSite.document("wu-long-fu-ban-fa-2022-44"))
        let variant = try #require(wulong.document.links.citations.first { $0.target == "yu-fu-ban-fa-2021-149" })
        #expect(variant.title == "重庆市“十四五”期间实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接规划")
        // The link is in the text, on the words the citation prints.
        let html = try #require(SampleSite.page(wulong.path))
        #expect(html.contains("<a href=\"../../documents/yu-fu-ban-fa-2021-149/index.html\">《重庆市“十四五”期间"))
        let report = SampleSite.prepared.site.linkReport
        #expect(report.citationsResolved == 2)
        #expect(report.citationsFound == report.citationsResolved + report.unresolved.count + report.selfCitations)
        #expect(report.unresolved.contains { $0.citation == "武隆府办发〔2018〕79号" || $0.citation.contains("武隆府办发〔2018〕79号") })
    }

    @Test func theDamagedCopyIsAnotherTextOf44AndNotListedAsAPlan() throws {
        let copy = try #require(SampleSite.document("wulong-rural-revitalization-plan-copy"))
        #expect(copy.document.links.copyOf == "wu-long-fu-ban-fa-2022-44")
        let home = try #require(SampleSite.page("index.html"))
        #expect(!home.contains("wulong-rural-revitalization-plan-copy"))
        let original = try #require(SampleSite.page("documents/wu-long-fu-ban-fa-2022-44/index.html"))
        #expect(original.contains("../../documents/wulong-rural-revitalization-plan-copy/index.html"))
        let page = try #require(SampleSite.page(copy.path))
        #expect(page.contains("class=\"status copy\"") && page.contains("../../documents/wu-long-fu-ban-fa-2022-44/index.html"))
    }

    // MARK: - Finding citations in real sentences

    static func block(_ text: String) -> Block { Block(id: PartID(.article, 9), kind: .article, text: text, line: 460) }

    @Test func aTitleWithItsNumberIsOneCitationAndSaysItIsRepealed() {
        // 武隆府办发〔2021〕28号, 第九条.
        let text = "本办法自印发之日起施行。《重庆市武隆区人民政府办公室关于印发武隆区品牌培育和质量提升奖励扶持办法的通知》（武隆府办发〔2018〕79号）同时废止。"
        let found = CitationFinder(knownCodes: []).citations(in: Self.block(text), repealsAll: false)
        #expect(found.count == 1)
        #expect(found[0].number == DocumentNumber(code: "武隆府办发", year: 2018, serial: 79))
        #expect(found[0].title == "重庆市武隆区人民政府办公室关于印发武隆区品牌培育和质量提升奖励扶持办法的通知")
        #expect(found[0].repeals)
        let characters = Array(text)
        #expect(String(characters[found[0].range]).hasPrefix("《重庆市") && String(characters[found[0].range]).hasSuffix("79号）"))
    }

    @Test func aNumberInRunningTextStartsWhereItsCodeDoes() {
        let text = "根据武隆府发〔2016〕56号和渝府办发[2021]149号文件精神，依据重庆市人民政府令第329号，制定本办法。"
        let found = CitationFinder(knownCodes: ["渝府办发"]).citations(in: Self.block(text), repealsAll: false)
        #expect(found.map { $0.number?.description } == ["武隆府发〔2016〕56号", "渝府办发〔2021〕149号", "重庆市人民政府令第329号"])
        #expect(found.allSatisfy { !$0.repeals })
    }

    // MARK: - Resolving, with bad input

    static func document(_ id: String, number: DocumentNumber? = nil, title: String, date: CalendarDate?,
                         text: String = "", annex: [Block] = []) -> Document {
        var document = Document(id: id, number: number, title: title, body: text.isEmpty ? [] : [block(text)], annex: annex,
                                date: date, location: SourceLocation(file: "x.txt", line: 1))
        document.id = id
        return document
    }

    static let a = DocumentNumber(code: "甲府发", year: 2021, serial: 1)
    static let b = DocumentNumber(code: "甲府发", year: 2021, serial: 2)

    @Test func circularAndSelfCitationsAreLinkedOnceAndDeterministically() throws {
        let documents = [
            Self.document("a", number: Self.a, title: "甲市人民政府关于甲事项的通知", date: .init(year: 2021, month: 5, day: 1),
                          text: "按照甲府发〔2021〕2号和本通知（甲府发〔2021〕1号）执行。"),
            Self.document("b", number: Self.b, title: "甲市人民政府关于乙事项的通知", date: .init(year: 2021, month: 5, day: 1),
                          text: "参照《甲市人民政府关于甲事项的通知》执行。"),
        ]
        let first = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"])
        let second = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"])
        #expect(first.documents == second.documents)
        #expect(first.documents[0].links.citations.compactMap(\.target) == ["b"])
        #expect(first.documents[0].links.citedBy == ["b"])
        #expect(first.documents[1].links.citedBy == ["a"])
        #expect(first.report.selfCitations == 1)
    }

    /// The citations found in a document's text are taken again from the last build when the text (its key) and
    /// the archive's codes are the same, and found again when the codes changed.
    @Test func citationsFoundInAnUnchangedTextAreTakenFromTheLastBuild() throws {
        let date = CalendarDate(year: 2021, month: 5, day: 1)
        let documents = [
            Self.document("a", number: Self.a, title: "甲市人民政府关于甲事项的通知", date: date,
                          text: "按照甲府发〔2021〕2号执行。"),
            Self.document("b", number: Self.b, title: "甲市人民政府关于乙事项的通知", date: date,
                          text: "参照《甲市人民政府关于甲事项的通知》执行。"),
        ]
        let keys: [String?] = ["text-a", nil]
        let first = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"], textKeys: keys)
        #expect(first.found.knownCodes == ["甲府发"])
        #expect(first.found.byDocument.keys.sorted() == ["text-a"])
        #expect(first.found.byDocument["text-a"]?.compactMap(\.number) == [Self.b])
        let again = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"], textKeys: keys,
                                               previous: first.found)
        #expect(again.documents == first.documents && again.found == first.found)

        // What the record holds is what the document is taken to cite: it names b's title, not its number.
        var record = first.found
        let part = documents[0].body[0].id
        let byTitle = Citation(title: "甲市人民政府关于乙事项的通知", number: nil, part: part, range: 0..<2, line: 1)
        record.byDocument["text-a"] = [byTitle]
        let reused = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"], textKeys: keys, previous: record)
        #expect(reused.documents[0].links.citations.map(\.title) == ["甲市人民政府关于乙事项的通知"])
        #expect(reused.documents[0].links.citations.first?.target == "b")
        // With other codes, the record is not used.
        record.knownCodes = ["乙府发"]
        let found = try DocumentRelations.link(documents, sources: ["x.txt", "x.txt"], textKeys: keys, previous: record)
        #expect(found.documents == first.documents)
    }

    @Test func aCitationIsNeverResolvedToALaterDocumentAndAReprintIsACopy() throws {
        let documents = [
            Self.document("early", number: Self.a, title: "甲市人民政府关于甲事项的通知", date: .init(year: 2021, month: 1, day: 1),
                          text: "按照甲府发〔2021〕2号执行。"),
            Self.document("later", number: Self.b, title: "甲市人民政府关于乙事项的通知", date: .init(year: 2021, month: 9, day: 1)),
            Self.document("reprint", number: Self.b, title: "甲市人民政府关于乙事项的通知", date: .init(year: 2021, month: 9, day: 1)),
            Self.document("cites-b", title: "甲市某局关于落实乙事项的通知", date: .init(year: 2021, month: 10, day: 1),
                          text: "按照甲府发〔2021〕2号执行。"),
        ]
        let result = try DocumentRelations.link(documents, sources: ["1.txt", "2.txt", "3.txt", "4.txt"])
        let linked = result.documents
        // Unresolved, the citation is in the report, not among the document's links.
        #expect(linked[0].links.citations.isEmpty)
        #expect(result.report.unresolved.map(\.document) == ["early"])
        #expect(linked[2].links.copyOf == "later")
        #expect(linked[3].links.citations.first?.target == "later")
    }

    @Test func aDocumentListedInARepealDecisionIsMarkedRepealed() throws {
        let listed = Block(id: PartID(.paragraph, 1), kind: .paragraph,
                           text: "1.甲市人民政府关于甲事项的通知（甲府发〔2021〕1号）", line: 40)
        let documents = [
            Self.document("old", number: Self.a, title: "甲市人民政府关于甲事项的通知", date: .init(year: 2021, month: 1, day: 1)),
            Self.document("decision", number: Self.b, title: "甲市人民政府关于废止部分市政府文件的决定",
                          date: .init(year: 2021, month: 6, day: 1), text: "决定对部分文件予以废止。", annex: [listed]),
        ]
        let linked = try DocumentRelations.link(documents, sources: ["1.txt", "2.txt"])
        #expect(linked.documents[0].links.repealedBy == "decision")
        #expect(linked.report.repealed == 1)
    }
}

/// A web page's leftovers after a document's end are no part of it.
@Suite struct WebLeftoversTests {
    @Test func theLinkListAfterTheDamagedCopyStaysOnlyOnTheOriginalTextWithoutLinks() throws {
        let copy = try #require(SampleSite.document("wulong-rural-revitalization-plan-copy"))
        let page = try #require(SampleSite.page(copy.path))
        #expect(!page.contains("THE END") && !page.contains("163.com") && !page.contains("婚恋"))
        #expect(copy.document.sourceLines.allSatisfy { $0 < 299 })
        let original = try #require(SampleSite.page("sources/documents/wulong-rural-revitalization-plan-copy.txt.html"))
        #expect(original.contains("THE END") && original.contains("https://www.163.com/dy/article/JIAESP1C0556ACI6.html"))
        #expect(!original.contains("<a href=\"http"))
        #expect(SampleSite.prepared.diagnostics.contains {
            $0.location.file.hasSuffix("wulong-rural-revitalization-plan-copy.txt") && $0.location.line == 299
                && $0.message.contains("web page leftovers")
        })
    }

    /// Found by `gazette fuzz` (mixed-seed1-case4351-lost-document.txt): a source whose text starts with leftovers
    /// was cut to nothing and vanished from the site with only a warning.
    @Test(arguments: ["THE END\n", "\n\n相关阅读\n第一条 施行。\n",
                      "a http://x.cn/1\nb https://y.cn/2\nc http://z.cn/3\n正文。\n"])
    func aDocumentThatIsAllLeftoversIsAnErrorAtTheirLine(_ text: String) throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try temporary.write(Data(text.utf8), to: "Content/documents/leftovers.txt")
        let prepared = try temporary.prepareSite()
        #expect(prepared.site.documents.isEmpty)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { !$0.isEmpty }! + 1
        #expect(prepared.diagnostics.contains {
            $0.severity == .error && $0.location.file == "Content/documents/leftovers.txt" && $0.location.line == line
                && $0.message.contains("web page leftovers")
        }, "\(prepared.diagnostics)")
    }

    @Test func threeLinesOfLinksOrAnEndMarkEndADocument() {
        func lines(_ texts: [String]) -> [SourceLine] {
            texts.enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        }
        #expect(WebLeftovers.start(in: lines(["第一条 本办法自印发之日起施行。", "", "—END—", "1.广告"])) == 2)
        #expect(WebLeftovers.start(in: lines(["网址：http://www.cq.gov.cn", "第二条 施行。"])) == nil)
        #expect(WebLeftovers.start(in: lines(["正文。", "a http://x.cn/1", "b https://y.cn/2", "c http://z.cn/3"])) == 1)
    }
}

@Test func theNearestMembersOfAFamilyComeFirst() {
    #expect(DocumentRelations.nearest(to: 5, in: [1, 4, 5, 6, 9, 20], count: 3) == [4, 6, 1])
    #expect(DocumentRelations.nearest(to: 0, in: [0, 3], count: 8) == [3])
    #expect(DocumentRelations.nearest(to: 7, in: [], count: 8) == [])
}

/// Citations in one very long paragraph: found one by one, at their character offsets, in linear time.
@Suite struct LongParagraphCitationTests {
    @Test func everyCitationOfAParagraphRepeatedTwentyThousandTimesIsFoundAtItsOffset() {
        let sentence = "根据《重庆市政务信息化项目管理办法》（武隆府办发〔2018〕79号）"
            + "和武隆府发〔2022〕15号，制定本办法。"
        let block = Block(id: PartID(.paragraph, 1), kind: .paragraph, text: String(repeating: sentence, count: 20_000), line: 1)
        let citations = CitationFinder(knownCodes: ["武隆府办发", "武隆府发"]).citations(in: block, repealsAll: false)
        #expect(citations.count == 40_000)
        #expect(citations.prefix(2).map(\.range) == [2..<34, 35..<48])
        #expect(citations.last?.range.lowerBound == 19_999 * sentence.count + 35)
        #expect(citations.last?.number?.description == "武隆府发〔2022〕15号")
    }
}

/// The found citations' cache record reads back exactly what was written, and a damaged one is no record.
@Test func theFoundCitationsRecordReadsBackTheSamplesCitations() throws {
    var found = FoundCitations(knownCodes: ["武隆府办发", "渝府发"])
    for published in SampleSite.prepared.site.documents {
        found.byDocument[published.document.id + "#0"] = published.document.links.citations
    }
    let part = PartID([.init(.chapter, 3), .init(.article, 12)], printing: 2)
    found.byDocument["edge#1"] = [
        Citation(title: nil, number: DocumentNumber(code: "重庆市人民政府令", year: nil, serial: 329), part: part,
                 range: 0..<0, line: 0, repeals: true),
        Citation(title: "关于印发《某规划》的通知", number: nil, part: PartID(.title), range: 70_000..<70_012,
                 line: 1_048_576, target: "wu-long-fu-ban-fa-2022-44"),
    ]
    found.byDocument["empty#2"] = []
    #expect(found.byDocument.values.contains { !$0.isEmpty && $0.contains { $0.target != nil } },
            "the samples resolve citations")
    let bytes = found.recordBytes
    #expect(FoundCitations(recordBytes: bytes) == found)
    #expect(FoundCitations(recordBytes: found.recordBytes) == FoundCitations(recordBytes: bytes), "deterministic")
    var damaged = bytes
    damaged[bytes.count / 2] ^= 0x20
    #expect(FoundCitations(recordBytes: damaged) == nil)
    #expect(FoundCitations(recordBytes: Array(bytes.dropLast(1))) == nil)
    #expect(FoundCitations(recordBytes: []) == nil)
}
