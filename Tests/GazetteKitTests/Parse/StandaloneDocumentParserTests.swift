import Foundation
import GazetteKit
import Testing

@Suite struct StandaloneDocumentParserTests {
    @Test(arguments: Samples.groundTruth.standalone)
    func planTitleIssuerNumberAndDateAreDetectedFromTheText(_ expected: GroundTruth.Standalone) throws {
        var diagnostics: [Diagnostic] = []
        let document = try #require(StandaloneDocumentParser(file: expected.source)
            .parse(try Samples.lines(of: expected.source), id: "x", metadata: SourceMetadata(), diagnostics: &diagnostics))
        #expect(document.title == expected.title)
        #expect(document.issuer == expected.issuer ?? document.issuer)
        #expect(document.date?.description == expected.date ?? document.date?.description)
        #expect(document.number?.description == expected.docNumber)
        if let issuer = expected.issuer { #expect(document.issuer == issuer) }
        #expect(!diagnostics.contains { $0.severity == .error })
    }

    @Test func sidecarFactsOverrideWhatTheTextLacks() throws {
        var metadata = SourceMetadata()
        metadata.issuer = "重庆市武隆区人民政府办公室"
        metadata.slug = "wulong-plan"
        var diagnostics: [Diagnostic] = []
        let document = try #require(StandaloneDocumentParser(file: "001")
            .parse(try Samples.lines(of: "001_0248936b79625ef7.txt"), id: "fallback", metadata: metadata, diagnostics: &diagnostics))
        #expect(document.issuer == "重庆市武隆区人民政府办公室")
        #expect(document.id == "wulong-plan")
    }

    @Test func aDocumentWithoutAnyTitleIsAnErrorNamingTheFile() {
        var diagnostics: [Diagnostic] = []
        let lines = SourceText.lines(of: "这是一段没有标题的文字，只有正文。\n\n第二段也是正文。\n")
        let document = StandaloneDocumentParser(file: "Content/documents/x.txt").parse(lines, id: "x", metadata: SourceMetadata(), diagnostics: &diagnostics)
        #expect(document == nil)
        #expect(diagnostics.first?.description.hasPrefix("Content/documents/x.txt:1: error: no title found") == true)
    }
}

extension GroundTruth.Standalone: CustomTestStringConvertible {
    var testDescription: String { source }
}

/// Standalone documents without 发文字号 as collections and web pages print them (texts of the corpus).
@Suite struct StandaloneTitleFirstTests {
    static func parse(_ name: String) throws -> (Document?, [Diagnostic]) {
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/documents/\(name).txt")
        let text = try SourceTextDecoder.decode([UInt8](Data(contentsOf: url)), file: name).text
        var diagnostics: [Diagnostic] = []
        let document = StandaloneDocumentParser(file: name)
            .parse(SourceText.lines(of: text), id: name, metadata: SourceMetadata(), diagnostics: &diagnostics)
        return (document, diagnostics)
    }

    @Test func aMarkdownTitleLineWithTheRecordUnderIt() throws {
        let (document, diagnostics) = try Self.parse("yunfu-business-environment")
        let parsed = try #require(document)
        #expect(parsed.title == "云浮市优化营商环境条例")
        #expect(parsed.issuer == "云浮市人民代表大会常务委员会" && parsed.date?.description == "2022-12-06")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // The record stays text, one line each; the converter's comment leaves none.
        let texts = parsed.body.flatMap(\.flattened).map(\.text)
        #expect(texts.prefix(2) == ["2022年12月6日 云浮市第七届人民代表大会常务委员会第七次会议通过", "2023年2月10日 广东省第十四届人民代表大会常务委员会第一次会议批准）"])
        #expect(!texts.contains { $0.contains("INFO END") })
    }

    @Test func aPlainTitleThenRecipientsAndASignature() throws {
        let parsed = try #require(try Self.parse("taihu-work-rules-notice").0)
        #expect(parsed.title == "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知")
        #expect(parsed.recipients == "各乡、镇人民政府,县政府各部门、各直属机构")
        #expect(parsed.issuer == "太湖县人民政府" && parsed.date?.description == "2019-01-17")
    }

    @Test func aWebPageTitleIssuerTitleAndASignatureThatIsOnlyADate() throws {
        let parsed = try #require(try Self.parse("lincang-road-safety-notice").0)
        #expect(parsed.noticeTitle == "临沧市人民政府关于印发临沧市道路交通安全管理特别规定（试行）的通知")
        #expect(parsed.title == "临沧市道路交通安全管理特别规定（试行）")
        #expect(parsed.issuer == "临沧市人民政府")
        #expect(parsed.issuerMark == "云南省临沧市人民政府")
        #expect(parsed.date?.description == "2006-02-20")
        #expect(parsed.recipients == "各县、区人民政府,市直各委、办、局")
    }
}
