import ArgumentParser
import Foundation
import GazetteKit

@main
struct GazetteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Builds a searchable, linkable web archive from raw government gazettes.",
        subcommands: [Build.self, Serve.self, Inspect.self, Stats.self, Check.self, Score.self, Fuzz.self],
        defaultSubcommand: Build.self
    )
}

extension GazetteCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parses one issue source and prints what was found (for checking a new source).")

        @Argument(help: "The issue text file to parse.")
        var file: String

        func run() throws {
            let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let text = try SourceTextDecoder.decode(data, file: file).text
            let lines = SourceNormalizer(converter: try TraditionalToSimplified()).normalize(SourceText.lines(of: text))
            let sidecar = URL(fileURLWithPath: file).deletingPathExtension().appendingPathExtension("json")
            let metadata = FileManager.default.fileExists(atPath: sidecar.path)
                ? try SourceMetadata.load(from: sidecar, displayPath: sidecar.path) : SourceMetadata()
            let result = IssueParser(file: file).parse(lines, metadata: metadata)
            if let issue = result.issue {
                print(IssueSummary(issue).text)
            }
            for diagnostic in result.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
            if result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }
}
