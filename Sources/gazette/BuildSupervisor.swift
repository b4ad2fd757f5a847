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
/// The child writes `started PATH` and `finished PATH` for each source, and `reached PATH LINE` before each document
/// it parses, to a progress log. When it dies on a signal, the sources it had started and not finished (or, if none,
/// every source it had seen) are tried one at a time, each in a child of its own with a log of its own; those that
/// crash alone are reported at the first line of the document the parser was in (`FILE:LINE: error: the parser
/// stopped unexpectedly in the document that starts here (…)`) and the build runs again without them. The child
/// that writes the site holds the output's lock; a child killed in the middle leaves the previous output whole
/// (see StagedOutput).
struct BuildSupervisor {
    /// The arguments of `gazette` as the user gave them.
    var arguments: [String]

    /// Builds in child processes until one finishes; returns its exit status.
    func run() -> Int32 {
        Self.removeFilesOfEndedRuns()
        var crashed: [String: SourceCrash] = [:]
        while true {
            let log = Self.temporaryFile("progress")
            defer { try? FileManager.default.removeItem(at: log) }
            let extra = ["--progress-log", log.path]
                + crashed.sorted { $0.key < $1.key }.flatMap { ["--crashed", Self.encode($0.key, $0.value)] }
            let build = Self.runChild(arguments + extra)
            guard let signal = build.signal else {
                FileHandle.standardError.write(build.errors)
                return build.status
            }
            let progress = Self.readProgress(log)
            let suspects = progress.unfinished.isEmpty ? progress.started : progress.unfinished
            var found = false
            for suspect in suspects where crashed[suspect] == nil {
                let checkLog = Self.temporaryFile("check")
                defer { try? FileManager.default.removeItem(at: checkLog) }
                let check = Self.runChild(checkArguments(for: suspect) + ["--progress-log", checkLog.path])
                guard let signal = check.signal else { continue }
                crashed[suspect] = SourceCrash(place: Self.place(of: suspect, in: Self.readProgress(checkLog)),
                                               reason: Self.reason(signal: signal, errors: check.errors))
                found = true
            }
            guard found else {
                FileHandle.standardError.write(build.errors)
                printError("error: the build crashed (\(Self.reason(signal: signal, errors: build.errors))), "
                           + "and no source crashes it alone; "
                           + "the output folder is left unchanged")
                return 1
            }
        }
    }

    /// Where the parser was in `source` when the child that logged `progress` crashed.
    static func place(of source: String, in progress: Progress) -> SourceCrash.Place {
        guard progress.unfinished.contains(source) else { return .afterParsing }
        return progress.reached[source].map { .document(line: $0) } ?? .beforeDocuments
    }

    /// The kinds of temporary file a supervisor makes: `gazette-KIND-PID-UUID`.
    static let temporaryKinds = ["progress", "check", "stderr"]

    /// Deletes the temporary files of supervisors that no longer run: one that was killed (SIGKILL, a closed
    /// terminal) could not delete its own. A file is left when its process runs or may run (another user's), and
    /// when it changed in the last day (a supervisor in another PID namespace sharing the folder looks dead).
    static func removeFilesOfEndedRuns() {
        let folder = FileManager.default.temporaryDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let dayAgo = Date().addingTimeInterval(-24 * 60 * 60)
        for name in names {
            guard let kind = temporaryKinds.first(where: { name.hasPrefix("gazette-\($0)-") }) else { continue }
            let rest = name.dropFirst("gazette-\(kind)-".count)
            guard let pid = Int32(rest.prefix { $0.isASCII && $0.isNumber }), pid > 0, !RunningProcess.runs(pid) else {
                continue
            }
            let file = folder.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
            guard let modified, modified < dayAgo else { continue }
            try? FileManager.default.removeItem(at: file)
        }
    }

    /// An empty file of the temporary folder, named after this process.
    static func temporaryFile(_ kind: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-\(kind)-\(getpid())-\(UUID().uuidString)")
        // Not checked here: the child opens the log with O_CREAT and says so when it cannot.
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    /// A crash as the `--crashed` option of the build child carries it: `PATH<tab>PLACE<tab>REASON`, where PLACE is
    /// the document's first line, `before` or `after`.
    static func encode(_ path: String, _ crash: SourceCrash) -> String {
        let place = switch crash.place {
        case .document(let line): String(line)
        case .beforeDocuments: "before"
        case .afterParsing: "after"
        }
        return [path, place, crash.reason].joined(separator: "\t")
    }

    /// The path and crash of a `--crashed` value, or nil when it is not one (only this program writes them).
    static func decode(_ value: String) -> (path: String, crash: SourceCrash)? {
        let parts = value.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let place: SourceCrash.Place
        switch parts[1] {
        case "before": place = .beforeDocuments
        case "after": place = .afterParsing
        default:
            guard let line = Int(parts[1]) else { return nil }
            place = .document(line: line)
        }
        return (parts[0], SourceCrash(place: place, reason: parts[2]))
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
            if ["--content=", "--templates=", "--config="].contains(where: argument.hasPrefix) { kept.append(argument) }
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
        // Checked by opening it, just below.
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        guard let errors = FileHandle(forWritingAtPath: errorsFile.path) else {
            return ChildResult(status: 1, signal: nil, errors: Data("error: cannot create \(errorsFile.path)\n".utf8))
        }
        process.standardError = errors
        do {
            try process.run()
        } catch {
            let message = "error: cannot start the build: \(ReadableError.describe(error))\n"
            return ChildResult(status: 1, signal: nil, errors: Data(message.utf8))
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

    /// What a progress log says: the sources a build started, in order; those it started and did not finish; and
    /// for each source the first line of the last document the parser started on.
    struct Progress {
        var started: [String] = []
        var unfinished: [String] = []
        var reached: [String: Int] = [:]
    }

    static func readProgress(_ log: URL) -> Progress {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        var progress = Progress()
        var open: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, let path = String(parts[1]).removingPercentEncoding else { continue }
            switch parts[0] {
            case "started":
                if open[path] == nil && !progress.started.contains(path) { progress.started.append(path) }
                open[path, default: 0] += 1
            case "finished":
                open[path, default: 0] -= 1
            case "reached":
                if parts.count == 3, let number = Int(parts[2]) { progress.reached[path] = number }
            default:
                continue
            }
        }
        progress.unfinished = progress.started.filter { (open[$0] ?? 0) > 0 }
        return progress
    }

    /// Appends `started PATH`, `finished PATH` and `reached PATH LINE` lines to `path`, each in one `write` (whole
    /// even when threads race). One short write a document: nothing next to parsing it.
    static func progress(loggingTo path: String) throws -> SourceProgress {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SourceError("cannot open the progress log", at: SourceLocation(file: path, line: 0)) }
        @Sendable func record(_ event: String, _ source: String, _ line: Int? = nil) {
            let encoded = source.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? source
            let bytes = Array("\(event) \(encoded)\(line.map { " \($0)" } ?? "")\n".utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }
        return SourceProgress(started: { record("started", $0) }, finished: { record("finished", $0) },
                              reached: { record("reached", $0, $1) })
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
