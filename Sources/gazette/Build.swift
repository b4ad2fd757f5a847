import ArgumentParser
import Foundation
import GazetteKit
import Logging

extension GazetteCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds the site from the content folder into the output folder.",
            discussion: """
                Reads gazette issues from CONTENT/gazettes/NAME/*.txt and single documents from \
                CONTENT/documents/*.txt, renders them through the templates and replaces OUTPUT only \
                once the whole site is written. Problems are printed as FILE:LINE: error|warning: reason; \
                the command exits non-zero when any source failed.
                """)

        @Option(name: .shortAndLong, help: "The folder of sources.")
        var content = "Content"

        @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets.")
        var templates = "Templates"

        @Option(name: .shortAndLong, help: "The folder to write the site to (replaced as a whole).")
        var output = "Output"

        @Flag(name: .shortAndLong, help: "Print each pipeline step.")
        var verbose = false

        func run() async throws {
            var logger = Logger(label: "gazette")
            logger.logLevel = verbose ? .info : .warning
            let options = SiteBuilder.Options(
                content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
                output: URL(fileURLWithPath: output), contentDisplayName: content, templatesDisplayName: templates)
            let report: SiteBuilder.Report
            do {
                report = try SiteBuilder(options: options, logger: logger).build()
            } catch let error as SourceError {
                printError(error.description)
                printError("error: build failed, \(output) left unchanged")
                throw ExitCode.failure
            } catch {
                printError("error: build failed, \(output) left unchanged: \(ReadableError.describe(error))")
                throw ExitCode.failure
            }
            for diagnostic in report.diagnostics { printError(diagnostic.description) }
            let summary = "built \(report.documentCount) documents from \(report.issueCount) issues and \(report.sourceCount) sources into \(output) (\(report.pageCount) pages)"
            if report.errors.isEmpty {
                print(summary + (report.diagnostics.isEmpty ? "" : ", \(report.diagnostics.count) warnings"))
            } else {
                printError(summary)
                printError("error: \(report.errors.count) errors in \(report.failedSources.count) sources: \(report.failedSources.sorted().joined(separator: ", "))")
                throw ExitCode.failure
            }
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
