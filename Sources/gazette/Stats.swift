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
                long reading, parsing and rendering took.
                """)

        @Option(name: .shortAndLong, help: "The folder of sources.")
        var content = "Content"

        @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets.")
        var templates = "Templates"

        func run() throws {
            let options = SiteBuilder.Options(
                content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
                output: URL(fileURLWithPath: "Output"), contentDisplayName: content, templatesDisplayName: templates)
            let clock = ContinuousClock()
            var prepared: SiteBuilder.Prepared?
            let elapsed = try clock.measure { prepared = try SiteBuilder(options: options).prepare() }
            let statistics = SiteStatistics(prepared!, converter: try TraditionalToSimplified())
            print(statistics.report)
            print("warnings: \(prepared!.diagnostics.filter { $0.severity == .warning }.count), errors: \(prepared!.diagnostics.filter { $0.severity == .error }.count)")
            print("read, parse and render: \(elapsed)")
        }
    }
}
