import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import GazetteKit

extension GazetteCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds the site, serves it on a loopback port and rebuilds it whenever a source changes.",
            discussion: """
                Builds the site as `gazette build` does, then serves the output folder on http://127.0.0.1:PORT/ and \
                watches the content folder, the templates folder and the configuration file. On each change it builds \
                again; open pages reload by themselves (a script of the server, /_gazette/live-reload.js, asks for \
                /_gazette/status.json). When a build fails, its errors are shown in the page and the last good build \
                keeps being served. The folders ([paths] of gazette.toml or the options) and the port are read once, \
                when serve starts: a change to them takes a restart; every other setting applies to the next build. \
                Stop it with Ctrl-C.
                """)

        @OptionGroup var project: ProjectOptions

        @Option(name: .shortAndLong, help: "The loopback port to listen on (default: 8000, or serve.port of the configuration).")
        var port: Int?

        func run() async throws {
            let configuration = try project.configurationOrExit()
            let port = self.port ?? configuration.port
            guard (1...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number from 1 to 65535") }
            let preview = PreviewBuilds(arguments: buildArguments(configuration), watched: watched(configuration),
                                        ignored: [ledgerPath(configuration)])
            let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(port)), logger: .disabled,
                                    handler: PreviewHandler(output: URL(fileURLWithPath: configuration.output), builds: preview))
            guard !Self.portInUse(port) else {
                printError("error: cannot listen on 127.0.0.1:\(port): the port is already in use; choose another with --port")
                throw ExitCode.failure
            }
            let running = Task { try await server.run() }
            do {
                try await server.waitUntilListening(timeout: 5)
            } catch {
                running.cancel()
                printError("error: cannot listen on 127.0.0.1:\(port): \(error); choose another port with --port")
                throw ExitCode.failure
            }
            say("serving \(configuration.output) at http://127.0.0.1:\(port)/ (Ctrl-C stops)")
            preview.start()
            try await running.value
        }

        /// Whether something already listens on the loopback port: binding it fails.
        static func portInUse(_ port: Int) -> Bool {
            guard let address = try? sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(port)),
                  let socket = try? Socket(domain: AF_INET, type: .stream) else { return false }
            defer { try? socket.close() }
            return (try? socket.bind(to: address)) == nil
        }

        /// The arguments of each build: this command's folders and settings, errors only on the terminal.
        func buildArguments(_ configuration: SiteConfiguration) -> [String] {
            var arguments = ["build", "--quiet", "--content", configuration.content, "--templates", configuration.templates,
                             "--output", configuration.output]
            if let config = project.config { arguments += ["--config", config] }
            if let baseURL = project.baseURL { arguments += ["--base-url", baseURL] }
            if let ledger = project.ledger { arguments += ["--ledger", ledger] }
            if project.noLedger { arguments.append("--no-ledger") }
            return arguments
        }

        func watched(_ configuration: SiteConfiguration) -> [URL] {
            var folders = [URL(fileURLWithPath: configuration.content), URL(fileURLWithPath: configuration.templates)]
            if let file = project.configurationFile { folders.append(file.url) }
            return folders
        }

        /// The build rewrites the address ledger itself: a change to it is no edit of the publisher's.
        func ledgerPath(_ configuration: SiteConfiguration) -> String {
            URL(fileURLWithPath: configuration.ledger ?? configuration.content + "/" + AddressLedger.fileName).standardizedFileURL.path
        }
    }
}

/// The builds of `gazette serve`: the first one, then one after each change to a watched file, each in a child
/// process (`gazette build`), so a failed build leaves the last good output in place. Pages learn of new builds
/// through ``status``.
final class PreviewBuilds: @unchecked Sendable {
    let arguments: [String]
    let watched: [URL]
    let ignored: Set<String>
    private let lock = NSLock()
    private var build = 0
    private var error: String?

    init(arguments: [String], watched: [URL], ignored: Set<String>) {
        self.arguments = arguments
        self.watched = watched
        self.ignored = ignored
    }

    /// `{"build": 3, "error": null}`: the number of builds finished, and what the last one printed if it failed.
    var status: Data {
        lock.lock()
        defer { lock.unlock() }
        let object: [String: Any] = ["build": build, "error": error ?? NSNull()]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Builds now, then watches on a thread of its own (builds wait for their child process).
    func start() {
        Thread.detachNewThread { [self] in
            var seen = fingerprint()
            runBuild()
            while true {
                usleep(300_000)
                let now = fingerprint()
                guard now != seen else { continue }
                // Let an editor finish writing (several files, or a file in several writes) before building.
                usleep(200_000)
                seen = fingerprint()
                runBuild()
            }
        }
    }

    private func runBuild() {
        let started = Date()
        let result = BuildSupervisor.runChild(arguments)
        let output = String(decoding: result.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        lock.lock()
        build += 1
        error = result.status == 0 ? nil : (output.isEmpty ? "the build failed (exit status \(result.status))" : output)
        lock.unlock()
        let time = String(format: "%.2f", Date().timeIntervalSince(started))
        if result.status == 0 {
            say("rebuilt in \(time) s")
        } else {
            printError(output)
            printError("error: the build failed; the last good build is still served")
        }
    }

    /// Every watched file with its size and modification time.
    private func fingerprint() -> [String: [Double]] {
        var files: [String: [Double]] = [:]
        let manager = FileManager.default
        for root in watched {
            var paths = [root.standardizedFileURL.path]
            if let enumerator = manager.enumerator(atPath: root.path) {
                for case let path as String in enumerator { paths.append(root.appendingPathComponent(path).standardizedFileURL.path) }
            }
            for path in paths where !ignored.contains(path) {
                // Files only: a folder's time changes when the build replaces the ledger inside it.
                guard let attributes = try? manager.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType != .typeDirectory else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                files[path] = [modified, Double((attributes[.size] as? Int) ?? 0)]
            }
        }
        return files
    }
}

/// Serves the output folder as a web server would (a folder's `index.html`, `404.html` for a missing page), adds the
/// live-reload script to each HTML page, and answers `/_gazette/status.json` and `/_gazette/live-reload.js`.
struct PreviewHandler: HTTPHandler {
    let output: URL
    let builds: PreviewBuilds

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "txt": "text/plain; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "woff2": "font/woff2",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch request.path {
        case "/_gazette/status.json":
            return respond(.ok, type: "application/json", body: builds.status)
        case "/_gazette/live-reload.js":
            return respond(.ok, type: Self.types["js"]!, body: Data(LiveReloadScript.text.utf8))
        default:
            break
        }
        let path = request.path.removingPercentEncoding ?? request.path
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return try notFound() }
        var file = output.appendingPathComponent(parts.joined(separator: "/"))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            file = file.appendingPathComponent("index.html")
        }
        guard let data = try? Data(contentsOf: file) else { return try notFound() }
        return page(data, status: .ok, extension: file.pathExtension)
    }

    func notFound() throws -> HTTPResponse {
        if let data = try? Data(contentsOf: output.appendingPathComponent("404.html")) {
            return page(data, status: .notFound, extension: "html")
        }
        // No site yet (the first build failed): a page that shows the error and reloads once a build succeeds.
        let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>gazette serve</title></head><body>"
            + "<p>No site has been built yet.</p><script src=\"/_gazette/live-reload.js\"></script></body></html>"
        return respond(.notFound, type: Self.types["html"]!, body: Data(html.utf8))
    }

    func page(_ data: Data, status: HTTPStatusCode, extension type: String) -> HTTPResponse {
        var body = data
        if type == "html" {
            let html = String(decoding: data, as: UTF8.self)
            body = Data(html.replacingOccurrences(of: "</body>", with: "<script src=\"/_gazette/live-reload.js\"></script>\n</body>").utf8)
        }
        return respond(status, type: Self.types[type] ?? "application/octet-stream", body: body)
    }

    func respond(_ status: HTTPStatusCode, type: String, body: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: body)
    }
}

/// Prints a line at once, also when standard output is a file or a pipe (print's output waits in a buffer there).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
