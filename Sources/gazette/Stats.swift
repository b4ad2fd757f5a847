import ArgumentParser
import Foundation
import GazetteKit

extension GazetteCommand {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints how faithfully each document was repaired and structured, without writing the site.",
            discussion: """
                For each document: chapters, sections, articles, boxes and tables found, paragraphs that still \
                end in mid-sentence, and traditional characters left in the rendered page; for documents that \
                print their own 目录, whether every chapter and section it lists was found. Also prints how \
                long reading, parsing and rendering took. Reads gazette.toml and takes the options of `gazette build`.
                """)

        @OptionGroup var project: ProjectOptions

        func run() throws {
            // The same sources, templates, ledger and settings as `gazette build`, so the figures are those of the site.
            let options = project.builderOptions(try project.configurationOrExit())
            let clock = ContinuousClock()
            var prepared: SiteBuilder.Prepared?
            let elapsed = try clock.measure { prepared = try SiteBuilder(options: options).prepare() }
            let statistics = try SiteStatistics(prepared!, converter: try TraditionalToSimplified())
            print(statistics.report)
            let diagnostics = prepared!.diagnostics
            print("warnings: \(diagnostics.filter { $0.severity == .warning }.count), "
                  + "errors: \(diagnostics.filter { $0.severity == .error }.count)")
            print("read, parse and render: \(elapsed)")
        }
    }
}
