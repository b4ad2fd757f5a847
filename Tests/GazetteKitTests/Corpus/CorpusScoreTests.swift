import Foundation
import GazetteKit
import Testing

/// The corpus in `Tests/Corpus`: real documents of many governments and probes written to imitate other
/// gazettes' layouts (marked `"synthetic": true`), with hand-checked facts and structure counts in
/// `expected.json`. The build must get every one right and lose no text.
@Suite struct CorpusScoreTests {
    static let folder = Samples.packageRoot.appendingPathComponent("Tests/Corpus")

    static let prepared: SiteBuilder.Prepared = {
        let options = SiteBuilder.Options(
            content: folder, templates: Samples.templates,
            output: FileManager.default.temporaryDirectory.appendingPathComponent("unused"), contentDisplayName: "Tests/Corpus")
        return try! SiteBuilder(options: options).prepare()
    }()

    @Test func everyCheckedFactAndStructureCountIsRightAndNoTextIsLost() throws {
        let expected = try CorpusScore.load(from: Self.folder.appendingPathComponent("expected.json"))
        let score = try CorpusScore(Self.prepared, expected: expected, converter: Samples.converter)
        #expect(score.isPerfect, "\(score.report)")
        // The corpus is what the issue asks for, and the score checks all of it.
        #expect(score.documentCount >= 30)
        #expect(score.factsChecked >= 4 * score.documentCount)
        #expect(!Self.prepared.diagnostics.contains { $0.severity == .error }, "\(Self.prepared.diagnostics.filter { $0.severity == .error })")
    }

    @Test func everySourceSaysWhereItComesFromAndProbesAreCountedApart() throws {
        let expected = try CorpusScore.load(from: Self.folder.appendingPathComponent("expected.json"))
        for source in expected.sources {
            let origin = source.origin ?? ""
            #expect(!origin.isEmpty, "\(source.source) names no origin")
            // A real source names the public page or collection it was taken from; a probe says it is one.
            #expect(source.isSynthetic == origin.hasPrefix("SYNTHETIC"), "\(source.source): \(origin)")
        }
        let score = try CorpusScore(Self.prepared, expected: expected, converter: Samples.converter)
        let probes = expected.sources.filter(\.isSynthetic)
        #expect(score.syntheticSourceCount == probes.count)
        #expect(score.syntheticIssueCount + score.realIssueCount == expected.sources.filter(\.isIssue).count)
        #expect(score.realFactsChecked < score.factsChecked || probes.isEmpty)
        #expect(score.report.contains("\(score.syntheticSourceCount) synthetic probes"))
    }

    @Test func aWrongExpectationIsCounted() throws {
        var expected = try CorpusScore.load(from: Self.folder.appendingPathComponent("expected.json"))
        expected.sources[0].documents[0].title += "（错）"
        expected.sources[0].documents[0].articles = (expected.sources[0].documents[0].articles ?? 0) + 1
        let score = try CorpusScore(Self.prepared, expected: expected, converter: Samples.converter)
        #expect(score.factsRight == score.factsChecked - 1)
        #expect(score.structureRight == score.structureChecked - 1)
        #expect(!score.isPerfect)
    }

    @Test func aDocumentWithoutIssuerOrDateBuildsWithAWarningNamingTheFile() {
        let warnings = Self.prepared.diagnostics.filter { $0.location.file.hasSuffix("state-council-fair-competition.txt") }
        #expect(warnings.contains { $0.severity == .warning && $0.description.contains("no issuer (发文机关) and date (成文日期) found") })
        // A sidecar supplies what the text lacks.
        let sidecarred = Self.prepared.site.standalone.first { $0.sourceRelativePath == "documents/mps-vehicle-registration.txt" }
        #expect(sidecarred?.document.issuer == "公安部")
    }
}
