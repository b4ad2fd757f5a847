import ArgumentParser
import Foundation
import GazetteKit

extension GazetteCommand {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds a corpus of sources in memory and prints how many hand-checked facts and structure counts came out right.",
            discussion: """
                The corpus is a content folder (documents/, gazettes/NAME/) with expected.json beside them: for \
                each source, its documents' number, title, issuer and date, and where checked, their chapters, \
                sections, articles, tables and boxes. Also counts pieces of source text that appear on no page. \
                Sources marked "synthetic": true (probes written to imitate a layout) are counted apart from \
                real ones. Exits with status 1 when anything is wrong.
                """)

        @Option(name: .shortAndLong, help: "The corpus folder.")
        var corpus = "Tests/Corpus"

        @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets.")
        var templates = "Templates"

        func run() throws {
            let folder = URL(fileURLWithPath: corpus)
            let expected = try CorpusScore.load(from: folder.appendingPathComponent("expected.json"))
            let options = SiteBuilder.Options(
                content: folder, templates: URL(fileURLWithPath: templates), output: URL(fileURLWithPath: "Output"),
                contentDisplayName: corpus, templatesDisplayName: templates)
            let prepared = try SiteBuilder(options: options).prepare()
            let score = try CorpusScore(prepared, expected: expected, converter: try TraditionalToSimplified())
            print(score.report)
            if !score.isPerfect { throw ExitCode.failure }
        }
    }
}
