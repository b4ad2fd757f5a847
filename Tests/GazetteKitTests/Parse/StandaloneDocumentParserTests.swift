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
