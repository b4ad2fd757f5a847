import Foundation
@testable import GazetteKit
import Synchronization
import Testing

/// What the parser tells of its progress (the supervisor of `gazette build` reports a crash at the last line told),
/// and parts printed with one number many times over.
@Suite struct ParseProgressTests {
    @Test func theIssueParserTellsTheFirstLineOfEachDocumentBeforeParsingIt() throws {
        let told = Mutex<[Int]>([])
        let parser = IssueParser(file: "2022-03.txt", documentStarted: { line in told.withLock { $0.append(line) } })
        let result = parser.parse(try Samples.lines(of: "000_eaea1d1b9c0efc8a.txt"))
        let documents = try #require(result.issue?.documents)
        #expect(told.withLock { $0 } == documents.map(\.location.line))
        #expect(told.withLock { $0 }.contains(1455))
    }

    @Test func aStandaloneDocumentTellsItsFirstLine() throws {
        let told = Mutex<[Int]>([])
        let parser = StandaloneDocumentParser(file: "plan.txt", documentStarted: { line in told.withLock { $0.append(line) } })
        var diagnostics: [Diagnostic] = []
        _ = parser.parse(try Samples.lines(of: "003_ae86d29fb66c2de9.txt"), id: "plan", metadata: SourceMetadata(),
                         diagnostics: &diagnostics)
        #expect(told.withLock { $0 } == [1])
    }

    /// A source made of one article repeated (as a 200 MB test issue is) gives every printing its own id, in linear
    /// time: each claim starts at the printing after the last one handed out.
    @Test func anArticlePrintedTwentyThousandTimesGetsTwentyThousandPrintings() {
        var ids = UniquePartIDs()
        let base = PartID(.article, 33)
        let claimed = (0..<20_000).map { _ in ids.claim(base) }
        #expect(claimed.map(\.printing) == Array(1...20_000))
        #expect(claimed.last?.description == "article-33_20000")
    }
}
