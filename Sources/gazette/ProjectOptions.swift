import ArgumentParser
import Foundation
import GazetteKit

/// The folders and settings of a project, shared by `gazette build` and `gazette serve`: `gazette.toml` at the top
/// of the project (or `--config FILE`), each setting overridden by its option on the command line.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The configuration file (default: gazette.toml in the current folder, when there is one).")
    var config: String?

    @Option(name: .shortAndLong, help: "The folder of sources (default: Content, or paths.content of the configuration).")
    var content: String?

    @Option(name: .shortAndLong, help: "The folder of Mustache templates and assets (default: Templates).")
    var templates: String?

    @Option(name: .shortAndLong, help: "The folder to write the site to, replaced as a whole (default: Output).")
    var output: String?

    @Option(help: "Where the site is published, e.g. https://gazette.example.org/ (for sitemap, feeds, canonical links).")
    var baseURL: String?

    @Option(help: "The address ledger: every address the site has published (default: addresses.tsv in the content folder).")
    var ledger: String?

    @Flag(help: "Build without reading or updating the address ledger: every page gets its address anew.")
    var noLedger = false

    /// The configuration file as given or found, and how messages name it.
    var configurationFile: (url: URL, displayName: String)? {
        if let config { return (URL(fileURLWithPath: config), config) }
        let found = URL(fileURLWithPath: SiteConfiguration.fileName)
        return FileManager.default.fileExists(atPath: found.path) ? (found, SiteConfiguration.fileName) : nil
    }

    /// The configuration with the command line's overrides; paths of the file are relative to the file's folder.
    /// The configuration, or its error printed (file, line and key) and the command ended with status 1.
    func configurationOrExit() throws -> SiteConfiguration {
        do {
            return try configuration()
        } catch let error as SourceError {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    func configuration() throws -> SiteConfiguration {
        var configuration = SiteConfiguration()
        var folder = ""
        if let file = configurationFile {
            configuration = try SiteConfiguration.load(from: file.url, displayName: file.displayName)
            let parent = (file.displayName as NSString).deletingLastPathComponent
            folder = parent.isEmpty ? "" : parent + "/"
            configuration.content = folder + configuration.content
            configuration.templates = folder + configuration.templates
            configuration.output = folder + configuration.output
            configuration.ledger = configuration.ledger.map { folder + $0 }
        }
        if let content { configuration.content = content }
        if let templates { configuration.templates = templates }
        if let output { configuration.output = output }
        if let ledger { configuration.ledger = ledger }
        if let baseURL {
            guard let normalized = SiteConfiguration.baseURL(baseURL) else {
                throw ValidationError("--base-url \(baseURL) is not an absolute http or https address such as https://gazette.example.org/")
            }
            configuration.baseURL = normalized
        }
        return configuration
    }

    /// The builder's options for this configuration.
    func builderOptions(_ configuration: SiteConfiguration) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(
            content: URL(fileURLWithPath: configuration.content), templates: URL(fileURLWithPath: configuration.templates),
            output: URL(fileURLWithPath: configuration.output), contentDisplayName: configuration.content,
            templatesDisplayName: configuration.templates,
            ledger: noLedger ? nil : URL(fileURLWithPath: configuration.ledger ?? configuration.content + "/" + AddressLedger.fileName))
        options.configuration = configuration
        options.configurationDisplayName = configurationFile?.displayName
        // The command ends when the new site is in place; the old one is deleted while the reader already has it.
        options.previousSiteDeletion = .inBackground
        options.outputCache = SiteBuilder.Options.defaultCache(for: options.output)
        return options
    }
}
