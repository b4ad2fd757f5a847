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
                the command exits non-zero when any source failed. The build runs in a child process: \
                should the parser crash on a source, that source is reported and the site is built without it.
                """)

        @Option(name: .shortAndLong, help: "The folder of sources.")
        var content = "Content"

        @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets.")
        var templates = "Templates"

        @Option(name: .shortAndLong, help: "The folder to write the site to (replaced as a whole).")
        var output = "Output"

        @Flag(name: .shortAndLong, help: "Print each pipeline step.")
        var verbose = false

        @Option(help: "The address ledger: every address the site has published (default: addresses.tsv in the content folder).")
        var ledger: String?

        @Flag(help: "Build without reading or updating the address ledger: every page gets its address anew.")
        var noLedger = false

        // Used between the supervising process and its build process (see BuildSupervisor).
        @Option(help: .hidden) var progressLog: String?
        @Option(help: .hidden) var crashed: [String] = []
        @Option(help: .hidden) var checkSource: String?

        var options: SiteBuilder.Options {
            var options = SiteBuilder.Options(
                content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
                output: URL(fileURLWithPath: output), contentDisplayName: content, templatesDisplayName: templates,
                ledger: noLedger ? nil : URL(fileURLWithPath: ledger ?? content + "/" + AddressLedger.fileName))
            for entry in crashed {
                let parts = entry.split(separator: "\t", maxSplits: 1).map(String.init)
                if parts.count == 2 { options.crashedSources[parts[0]] = parts[1] }
            }
            return options
        }

        func run() async throws {
            if let checkSource {
                // One source alone, read, parsed and rendered in memory: the supervisor's test for a crash.
                var options = options
                options.onlySources = [checkSource]
                options.ledger = nil
                _ = try SiteBuilder(options: options).prepare()
                return
            }
            guard let progressLog else {
                throw ExitCode(BuildSupervisor(arguments: Array(CommandLine.arguments.dropFirst())).run())
            }
            BuildSupervisor.exitWhenOrphaned()
            var options = options
            options.progress = try BuildSupervisor.progress(loggingTo: progressLog)
            try build(options)
        }

        func build(_ options: SiteBuilder.Options) throws {
            var logger = Logger(label: "gazette")
            logger.logLevel = verbose ? .info : .warning
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
