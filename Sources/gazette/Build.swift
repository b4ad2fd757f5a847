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
                should the parser crash on a source, that source is reported at the first line of the document the \
                parser was in, and the site is built without it.
                """)

        @OptionGroup var project: ProjectOptions

        @Flag(name: .shortAndLong, help: "Print each pipeline step.")
        var verbose = false

        @Flag(name: .shortAndLong, help: "Print errors only: no progress, warnings or summary.")
        var quiet = false

        @Flag(help: "Print the summary as one JSON object on standard output (for scripts).")
        var json = false

        // Used between the supervising process and its build process (see BuildSupervisor).
        @Option(help: .hidden) var progressLog: String?
        @Option(help: .hidden) var crashed: [String] = []
        @Option(help: .hidden) var checkSource: String?

        func options(_ configuration: SiteConfiguration) -> SiteBuilder.Options {
            var options = project.builderOptions(configuration)
            for entry in crashed {
                if let (path, crash) = BuildSupervisor.decode(entry) { options.crashedSources[path] = crash }
            }
            return options
        }

        func run() async throws {
            let configuration = try project.configurationOrExit()
            if let checkSource {
                // One source alone, read, parsed and rendered in memory: the supervisor's test for a crash.
                var options = options(configuration)
                options.onlySources = [checkSource]
                options.ledger = nil
                if let progressLog { options.progress = try BuildSupervisor.progress(loggingTo: progressLog) }
                _ = try SiteBuilder(options: options).prepare()
                return
            }
            guard let progressLog else {
                throw ExitCode(BuildSupervisor(arguments: Array(CommandLine.arguments.dropFirst())).run())
            }
            BuildSupervisor.exitWhenOrphaned()
            var options = options(configuration)
            options.progress = try BuildSupervisor.progress(loggingTo: progressLog)
            try build(options)
        }

        func build(_ options: SiteBuilder.Options) throws {
            var logger = Logger(label: "gazette")
            logger.logLevel = verbose ? .info : .warning
            let feedback = BuildFeedback(quiet: quiet, json: json)
            var options = options
            options.stepStarted = feedback.stepStarted
            let clock = ContinuousClock()
            let started = clock.now
            let report: SiteBuilder.Report
            do {
                report = try SiteBuilder(options: options, logger: logger).build()
            } catch {
                feedback.failed(error, output: options.output.relativePath, seconds: Self.seconds(clock.now - started))
                throw ExitCode.failure
            }
            feedback.finished(report, output: options.output.relativePath, seconds: Self.seconds(clock.now - started))
            if !report.errors.isEmpty { throw ExitCode.failure }
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
