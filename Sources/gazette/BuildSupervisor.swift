import Foundation
import GazetteKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `gazette build` in a child process of itself, so that a source the parser crashes on (a trap, which Swift
/// cannot catch in the process) costs that source only, not the site.
///
/// The child writes `started PATH` and `finished PATH` for each source to a progress log. When it dies on a signal,
/// the sources it had started and not finished (or, if none, every source it had seen) are tried one at a time, each
/// in a child of its own; those that crash alone are reported as `FILE:1: error: the parser crashed on this source`
/// and the build runs again without them. The child that writes the site holds the output's lock; a child killed
/// in the middle leaves the previous output whole (see StagedOutput).
struct BuildSupervisor {
    /// The arguments of `gazette` as the user gave them.
    var arguments: [String]

    /// Builds in child processes until one finishes; returns its exit status.
    func run() -> Int32 {
        var crashed: [String: String] = [:]
        while true {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-progress-\(getpid())-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: log) }
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let extra = ["--progress-log", log.path] + crashed.sorted { $0.key < $1.key }.flatMap { ["--crashed", "\($0.key)\t\($0.value)"] }
            let build = Self.runChild(arguments + extra)
            guard let signal = build.signal else {
                FileHandle.standardError.write(build.errors)
                return build.status
            }
            let (started, unfinished) = Self.readProgress(log)
            let suspects = unfinished.isEmpty ? started : unfinished
            var found = false
            for suspect in suspects where crashed[suspect] == nil {
                let check = Self.runChild(checkArguments(for: suspect))
                if let signal = check.signal {
                    crashed[suspect] = Self.reason(signal: signal, errors: check.errors)
                    found = true
                }
            }
            guard found else {
                FileHandle.standardError.write(build.errors)
                printError("error: the build crashed (\(Self.reason(signal: signal, errors: build.errors))), and no source crashes it alone; "
                           + "the output folder is left unchanged")
                return 1
            }
        }
    }

    /// The arguments that check one source alone: the same folders, `--check-source PATH`.
    func checkArguments(for source: String) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if ["-c", "--content", "-t", "--templates", "--config"].contains(argument), index + 1 < arguments.count {
                kept += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if argument.hasPrefix("--content=") || argument.hasPrefix("--templates=") || argument.hasPrefix("--config=") { kept.append(argument) }
            index += 1
        }
        return ["build"] + kept + ["--check-source", source]
    }

    struct ChildResult {
        var status: Int32
        /// The signal that ended the child, if one did.
        var signal: Int32?
        /// What it wrote to standard error.
        var errors: Data
    }

    /// Runs this executable with `arguments`; standard output is shared, standard error is kept.
    static func runChild(_ arguments: [String]) -> ChildResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        if !FileManager.default.fileExists(atPath: "/proc/self/exe") { process.executableURL = Bundle.main.executableURL }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash is reported in one line, not a long backtrace
        process.environment = environment
        let errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-stderr-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorsFile) }
        FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        guard let errors = FileHandle(forWritingAtPath: errorsFile.path) else {
            return ChildResult(status: 1, signal: nil, errors: Data("error: cannot create \(errorsFile.path)\n".utf8))
        }
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return ChildResult(status: 1, signal: nil, errors: Data("error: cannot start the build: \(ReadableError.describe(error))\n".utf8))
        }
        process.waitUntilExit()
        try? errors.close()
        let written = (try? Data(contentsOf: errorsFile)) ?? Data()
        if process.terminationReason == .uncaughtSignal {
            return ChildResult(status: 128 + process.terminationStatus, signal: process.terminationStatus, errors: written)
        }
        return ChildResult(status: process.terminationStatus, signal: nil, errors: written)
    }

    /// `signal 4, Fatal error: Range requires lowerBound <= upperBound`.
    static func reason(signal: Int32, errors: Data) -> String {
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        let text = String(decoding: errors, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.contains("Fatal error") }),
              let range = line.range(of: "Fatal error")
        else { return name.lowercased() }
        return "\(name.lowercased()): \(line[range.lowerBound...])"
    }

    /// The sources a build started, in order, and those it started and did not finish.
    static func readProgress(_ log: URL) -> (started: [String], unfinished: [String]) {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        var started: [String] = []
        var open: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let path = String(parts[1]).removingPercentEncoding else { continue }
            if parts[0] == "started" {
                if open[path] == nil && !started.contains(path) { started.append(path) }
                open[path, default: 0] += 1
            } else if parts[0] == "finished" {
                open[path, default: 0] -= 1
            }
        }
        return (started, started.filter { (open[$0] ?? 0) > 0 })
    }

    /// Appends `started PATH` and `finished PATH` lines to `path`, each in one `write` (whole even when threads race).
    static func progress(loggingTo path: String) throws -> SourceProgress {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SourceError("cannot open the progress log", at: SourceLocation(file: path, line: 0)) }
        @Sendable func record(_ event: String, _ source: String) {
            let encoded = source.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? source
            let line = Array("\(event) \(encoded)\n".utf8)
            _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }
        return SourceProgress(started: { record("started", $0) }, finished: { record("finished", $0) })
    }

    /// A build child whose supervisor is gone (killed) stops too, rather than write the site on its own.
    static func exitWhenOrphaned() {
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent { usleep(100_000) }
            _exit(1)
        }
    }
}
