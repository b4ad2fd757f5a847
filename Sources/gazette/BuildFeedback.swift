import Foundation
import GazetteKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `gazette build` tells its user: on a terminal, each step as it starts (sources found, documents linked, pages
/// made) on one line that is rewritten; the problems found, as FILE:LINE: severity: reason; then a one-line
/// summary with counts, warnings and time. `--quiet` prints errors only; `--json` prints the summary as one JSON
/// object on standard output instead, for scripts.
struct BuildFeedback: Sendable {
    var quiet: Bool
    var json: Bool

    /// Progress is shown only to a person: standard output is a terminal, and neither --quiet nor --json is given.
    var showsProgress: Bool { !quiet && !json && isatty(STDOUT_FILENO) == 1 }

    var stepStarted: (@Sendable (BuildStep, String) -> Void)? {
        guard showsProgress else { return nil }
        return { step, detail in
            let line = "[\(step.number)/\(BuildStep.allCases.count)] \(step.rawValue)" + (detail.isEmpty ? "" : " (\(detail))")
            FileHandle.standardOutput.write(Data("\r\u{1B}[K\(line)".utf8))
        }
    }

    private func clearProgress() {
        if showsProgress { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
    }

    struct Summary: Encodable {
        var ok: Bool
        var output: String
        var sources: Int
        var issues: Int
        var documents: Int
        var pages: Int
        var warnings: Int
        var errors: Int
        var failedSources: [String]
        /// The step an error stopped the build in.
        var failedStep: String?
        var seconds: Double
    }

    func finished(_ report: SiteBuilder.Report, output: String, seconds: Double) {
        clearProgress()
        for diagnostic in report.diagnostics where !quiet || diagnostic.severity == .error { printError(diagnostic.description) }
        let warnings = report.diagnostics.count - report.errors.count
        if json {
            emit(Summary(ok: report.errors.isEmpty, output: output, sources: report.sourceCount, issues: report.issueCount,
                         documents: report.documentCount, pages: report.pageCount, warnings: warnings, errors: report.errors.count,
                         failedSources: report.failedSources.sorted(), seconds: seconds))
            return
        }
        let summary = "built \(report.documentCount) documents from \(report.issueCount) issues and \(report.sourceCount) sources into \(output) "
            + "(\(report.pageCount) pages)" + (warnings == 0 ? "" : ", \(warnings) warnings") + " in \(String(format: "%.2f", seconds)) s"
        if report.errors.isEmpty {
            if !quiet { print(summary) }
        } else {
            printError(summary)
            printError("error: \(report.errors.count) errors in \(report.failedSources.count) sources: \(report.failedSources.sorted().joined(separator: ", "))")
        }
    }

    func failed(_ error: any Error, output: String, seconds: Double) {
        clearProgress()
        let step = (error as? BuildFailure)?.step
        switch error {
        case let failure as BuildFailure: printError(failure.description)
        case let error as SourceError: printError(error.description)
        default: printError("error: \(ReadableError.describe(error))")
        }
        printError("error: build failed" + (step.map { " in the \($0.rawValue) step" } ?? "") + ", \(output) left unchanged")
        if json {
            emit(Summary(ok: false, output: output, sources: 0, issues: 0, documents: 0, pages: 0, warnings: 0, errors: 1,
                         failedSources: [], failedStep: step?.rawValue, seconds: seconds))
        }
    }

    private func emit(_ summary: Summary) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(summary) { print(String(decoding: data, as: UTF8.self)) }
    }
}
