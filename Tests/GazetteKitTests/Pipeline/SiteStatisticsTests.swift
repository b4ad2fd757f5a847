import Foundation
import GazetteKit
import Testing

/// The measures `gazette stats` prints, on the real samples.
@Suite struct SiteStatisticsTests {
    static let statistics = try! SiteStatistics(SampleSite.prepared, converter: Samples.converter)

    @Test func noTraditionalCharacterIsLeftInAnyRenderedDocument() throws {
        #expect(Self.statistics.traditionalCharactersLeft == 0)
        // The sources do carry traditional characters that OCR put there (重慶, 區, 醫療, 鞏固 …).
        let sources = try SampleSite.prepared.site.sources.map { try $0.text() }.joined()
        #expect(Samples.converter.traditionalCharacters(in: sources).count > 50)
    }

    @Test func theCityPlanShowsThe13ChaptersAndTheSectionsOfItsOwnTableOfContents() throws {
        let plan = try #require(Self.statistics.documents.first { $0.document == "渝府办发〔2021〕149号" })
        #expect(plan.chapters == 13)
        #expect(plan.contentsChapters == 13)
        #expect(plan.contentsEntryCount == 61)
        #expect(plan.contentsNotFound == [])
        #expect(plan.sections == plan.contentsEntryCount - plan.contentsChapters)
        #expect(plan.boxes >= 8)
    }

    @Test func structureFoundInTheSampleDocuments() throws {
        func figures(_ number: String) throws -> SiteStatistics.DocumentFigures {
            try #require(Self.statistics.documents.first { $0.document == number })
        }
        #expect(try figures("武隆府办发〔2022〕47号").articles == 39)
        #expect(try figures("武隆府办发〔2022〕47号").chapters == 5)
        #expect(try figures("武隆府办发〔2022〕37号").boxes == 8)
        #expect(try figures("武隆府办发〔2021〕35号").tables == 1)
        #expect(try figures("武隆府办发〔2021〕28号").articles > 0)
    }

    @Test func fewParagraphsEndInMidSentence() {
        // The rest are lines whose end OCR lost (the text is cut in the source itself).
        #expect(Self.statistics.openParagraphCount <= 10)
        #expect(Self.statistics.report.contains("paragraphs ending in mid-sentence: \(Self.statistics.openParagraphCount)"))
    }
}
