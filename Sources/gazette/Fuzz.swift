import ArgumentParser
import Dispatch
import Foundation
import GazetteKit
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GazetteCommand {
    struct Fuzz: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds thousands of damaged, hostile and huge variants of the sample sources and counts what happens.",
            discussion: """
                Each case is a sample source cut, shuffled, re-encoded (GBK, UTF-16), sprinkled with NUL and invalid \
                bytes, given very long lines, many tiny documents, deep numbering, huge tables, header-less documents \
                beside the closing catalogue, or hostile payloads. Cases are read, parsed, linked and rendered in child \
                processes, a batch at a time; a case that crashes or hangs is found alone and its input kept in the \
                crashes folder, as is the input of a source lost without an error or of an error not naming its \
                file. Prints the counts; exits non-zero on any crash, hang, source lost without an error, or error \
                that does not name its file.
                """)

        @Option(help: "How many cases to run.") var cases = 10_000
        @Option(help: "The seed of the mutations: the same seed gives the same cases.") var seed: UInt64 = 1
        @Option(help: "Cases built together in one child process.") var batch = 25
        @Option(help: "Child processes run at once (default: one a core).")
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: "Seconds a batch may run before it counts as a hang.") var timeout = 120.0
        @Option(help: "The folder of Mustache templates.") var templates = "Templates"
        @Option(help: "Seed sources (default: the samples of Content/ and the test fixtures).") var seeds: [String] = []
        @Option(help: "Where the inputs of crashing, hanging, lost or unclear cases are kept.")
        var crashes = "Tests/GazetteKitTests/Fixtures/fuzz-crashes"
        @Flag(help: "Smaller long lines, fewer tiny documents, smaller tables: a quick run for the test suite.") var quick = false
        @Option(help: .hidden) var worker: String?
        @Option(help: .hidden) var progressLog: String?

        func run() throws {
            if let worker {
                BuildSupervisor.exitWhenOrphaned()
                try runWorker(worker)
                return
            }
            var mutating = SourceMutator(seeds: try loadSeeds(), seed: seed)
            if quick { mutating.scale = 10 }
            let mutator = mutating
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-fuzz-\(getpid())")
            defer { try? FileManager.default.removeItem(at: work) }
            let clock = ContinuousClock()
            let start = clock.now
            // Batches are handed out one at a time to `jobs` runners, each with a folder and a child of its own.
            let batches = stride(from: 0, to: cases, by: max(1, batch)).map { Array($0..<min(cases, $0 + max(1, batch))) }
            let shared = Mutex((next: 0, done: 0, tally: Tally()))
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, batches.count))) { runner in
                let folder = work.appendingPathComponent("runner-\(runner)")
                while true {
                    let taken = shared.withLock { state -> Int? in
                        guard state.next < batches.count else { return nil }
                        state.next += 1
                        return state.next - 1
                    }
                    guard let taken else { return }
                    var tally = Tally()
                    runBatch(batches[taken], mutator: mutator, work: folder, tally: &tally)
                    shared.withLock { state in
                        state.tally.add(tally)
                        state.done += batches[taken].count
                        if state.done / (40 * max(1, batch)) != (state.done - batches[taken].count) / (40 * max(1, batch)) {
                            printError("fuzz: \(state.done) of \(cases) cases…")
                        }
                    }
                }
            }
            let tally = shared.withLock { $0.tally }
            let seconds = (clock.now - start).components.seconds
            print(tally.report(cases: cases, seed: seed, seconds: seconds, jobs: jobs))
            if tally.failures > 0 { throw ExitCode.failure }
        }

        // MARK: - The supervising process

        struct Tally {
            var outcomes: [String: Int] = [:]
            var byKind: [String: [String: Int]] = [:]
            var crashed: [String] = []
            var hung: [String] = []
            /// The names of the kept inputs of sources lost without an error ("lost") and of errors not naming their
            /// file ("unclear").
            var kept: [String: [String]] = [:]

            mutating func count(_ outcome: String, kind: String) {
                outcomes[outcome, default: 0] += 1
                byKind[kind, default: [:]][outcome, default: 0] += 1
            }

            var failures: Int { crashed.count + hung.count + (outcomes["lost"] ?? 0) + (outcomes["unclear"] ?? 0) }

            /// Adds the counts of another runner.
            mutating func add(_ other: Tally) {
                outcomes.merge(other.outcomes, uniquingKeysWith: +)
                byKind.merge(other.byKind) { $0.merging($1, uniquingKeysWith: +) }
                crashed += other.crashed
                hung += other.hung
                kept.merge(other.kept, uniquingKeysWith: +)
            }

            func report(cases: Int, seed: UInt64, seconds: Int64, jobs: Int) -> String {
                var lines = [
                    "fuzz cases run: \(cases) (seed \(seed), \(seconds) s, \(jobs) at once)",
                    "built without errors: \(outcomes["built"] ?? 0)",
                    "built, with errors for what could not be read: \(outcomes["partly"] ?? 0)",
                    "rejected with an error naming the file: \(outcomes["rejected"] ?? 0)",
                    "lost without an error: \(outcomes["lost"] ?? 0)" + listed(kept["lost"]),
                    "errors not naming their file: \(outcomes["unclear"] ?? 0)" + listed(kept["unclear"]),
                    "crashes: \(crashed.count)" + listed(crashed),
                    "hangs: \(hung.count)" + listed(hung),
                ]
                for (kind, counts) in byKind.sorted(by: { $0.key < $1.key }) {
                    lines.append("  \(kind): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                }
                return lines.joined(separator: "\n")
            }

            /// ` (a, b)` for the kept inputs of some failure, or nothing when there are none.
            private func listed(_ names: [String]?) -> String {
                guard let names, !names.isEmpty else { return "" }
                return " (\(names.sorted().joined(separator: ", ")))"
            }
        }

        func loadSeeds() throws -> [SourceMutator.Seed] {
            var paths = seeds
            if paths.isEmpty {
                let corpus = "Tests/Corpus/gazettes"
                let corpusFolders = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).sorted()
                    .map { corpus + "/" + $0 }
                for folder in ["Content/gazettes/wulong", "Content/documents", "Tests/GazetteKitTests/Fixtures/sources"] + corpusFolders {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                    paths += names.filter { $0.hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
                }
            }
            guard !paths.isEmpty else { throw ValidationError("no seed sources found; give --seeds") }
            return try paths.map { path in
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                return SourceMutator.Seed(name: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes,
                                          isIssue: !path.contains("documents/"))
            }
        }

        /// Where case `index` lives inside a content folder.
        static func relativePath(of index: Int, isIssue: Bool) -> String {
            // Each issue in a gazette of its own: two cases are never the same issue of one gazette.
            let number = String(format: "%06d", index)
            return (isIssue ? "gazettes/fuzz\(number)/" : "documents/") + "case-\(number).txt"
        }

        func runBatch(_ indices: [Int], mutator: SourceMutator, work: URL, tally: inout Tally) {
            var remaining = indices
            while !remaining.isEmpty {
                let result = runWorker(on: remaining, mutator: mutator, work: work)
                if let results = result.results {
                    for index in remaining {
                        let mutant = mutator.mutant(index)
                        let outcome = results[Self.relativePath(of: index, isIssue: mutant.isIssue)] ?? "lost"
                        tally.count(outcome, kind: mutant.kind)
                        // A source lost without an error, or an error that does not name its file, is kept like a crash.
                        if outcome == "lost" || outcome == "unclear" {
                            tally.kept[outcome, default: []].append(keep(mutant, index: index, outcome: outcome))
                        }
                    }
                    return
                }
                // Find the case that crashed or hung: each suspect alone.
                let suspects = result.unfinished.isEmpty ? remaining : result.unfinished
                var culprits: [Int] = []
                for index in suspects where remaining.count > 1 || suspects.count == 1 {
                    let alone = remaining.count == 1 ? result : runWorker(on: [index], mutator: mutator, work: work)
                    guard alone.results == nil else { continue }
                    let mutant = mutator.mutant(index)
                    let name = keep(mutant, index: index, outcome: alone.hung ? "hang" : "crash")
                    if alone.hung { tally.hung.append(name) } else { tally.crashed.append(name) }
                    tally.count(alone.hung ? "hang" : "crash", kind: mutant.kind)
                    culprits.append(index)
                }
                if culprits.isEmpty {
                    // No case fails alone: count the batch's cases as crashed together, keeping the first.
                    let mutant = mutator.mutant(remaining[0])
                    tally.crashed.append("batch from case \(remaining[0]) (no case crashes alone)")
                    tally.count("crash", kind: mutant.kind)
                    culprits = remaining
                }
                remaining.removeAll { culprits.contains($0) }
            }
        }

        /// Keeps the input of a case that failed in the crashes folder and returns the name it was kept under:
        /// `KIND-seedN-caseN.txt` for a crash or hang, with `-lost` or `-unclear` before `.txt` for the other failures,
        /// and `-document` when the case was a standalone document (else it was an issue).
        func keep(_ mutant: (seed: String, kind: String, isIssue: Bool, bytes: [UInt8]), index: Int,
                  outcome: String) -> String {
            let failure = outcome == "crash" || outcome == "hang" ? "" : "-\(outcome)"
            let name = "\(mutant.kind)-seed\(seed)-case\(index)\(failure)\(mutant.isIssue ? "" : "-document").txt"
            try? FileManager.default.createDirectory(atPath: crashes, withIntermediateDirectories: true)
            if !FileManager.default.createFile(atPath: crashes + "/" + name, contents: Data(mutant.bytes)) {
                printError("\(crashes)/\(name): error: cannot keep the input of this case")
            }
            return name
        }

        struct WorkerResult {
            /// Outcome by relative path, when the worker finished.
            var results: [String: String]?
            var unfinished: [Int] = []
            var hung = false
        }

        func runWorker(on indices: [Int], mutator: SourceMutator, work: URL) -> WorkerResult {
            let folder = work.appendingPathComponent("batch")
            try? FileManager.default.removeItem(at: folder)
            for index in indices {
                let mutant = mutator.mutant(index)
                let url = folder.appendingPathComponent("Content/" + Self.relativePath(of: index, isIssue: mutant.isIssue))
                try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // A case that cannot be written is counted lost: its source is missing from the results.
                _ = FileManager.default.createFile(atPath: url.path, contents: Data(mutant.bytes))
            }
            let log = work.appendingPathComponent("progress")
            let output = work.appendingPathComponent("results")
            guard FileManager.default.createFile(atPath: log.path, contents: nil),
                  FileManager.default.createFile(atPath: output.path, contents: nil) else { return WorkerResult() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            process.arguments = ["fuzz", "--worker", folder.path, "--progress-log", log.path, "--templates", templates]
            var environment = ProcessInfo.processInfo.environment
            environment["SWIFT_BACKTRACE"] = "enable=no"
            process.environment = environment
            process.standardOutput = FileHandle(forWritingAtPath: output.path)
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return WorkerResult() }
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            var hung = false
            if process.isRunning {
                hung = true
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let unfinished = BuildSupervisor.readProgress(log).unfinished.compactMap { path in
                Int(path.split(separator: "-").last?.dropLast(4) ?? "")
            }
            guard !hung, process.terminationReason == .exit, process.terminationStatus == 0 else {
                return WorkerResult(results: nil, unfinished: unfinished, hung: hung)
            }
            var results: [String: String] = [:]
            for line in ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2 { results[String(parts[0])] = String(parts[1]) }
            }
            return WorkerResult(results: results)
        }

        // MARK: - The worker

        /// Reads, parses, links and renders every source of `folder/Content` and prints `PATH OUTCOME` for each.
        func runWorker(_ folder: String) throws {
            let content = URL(fileURLWithPath: folder).appendingPathComponent("Content")
            var options = SiteBuilder.Options(content: content, templates: URL(fileURLWithPath: templates),
                                              output: URL(fileURLWithPath: folder).appendingPathComponent("Output"),
                                              contentDisplayName: "Content")
            if let progressLog { options.progress = try BuildSupervisor.progress(loggingTo: progressLog) }
            let prepared = try SiteBuilder(options: options).prepare()
            let built = Set(prepared.site.documents.map(\.sourceRelativePath) + prepared.site.issues.map(\.sourceRelativePath))
            var lines: [String] = []
            for path in (FileManager.default.subpaths(atPath: content.path) ?? []).sorted() where path.hasSuffix(".txt") {
                let errors = prepared.diagnostics.filter {
                    $0.severity == .error && $0.location.file.hasPrefix("Content/" + path.dropLast(4))
                }
                // An error is unclear when it names no source (then it is counted against every case of the batch) or
                // says nothing in words (counted against its own source).
                let unclear = prepared.diagnostics.contains { diagnostic in
                    diagnostic.severity == .error && !diagnostic.location.file.hasPrefix("Content/")
                } || errors.contains { diagnostic in
                    diagnostic.message.isEmpty || diagnostic.message.contains("NSCocoaErrorDomain")
                        || diagnostic.message.contains("Optional(")
                }
                let outcome = switch (unclear, built.contains(path), errors.isEmpty) {
                case (true, _, _): "unclear"
                case (false, true, true): "built"
                case (false, true, false): "partly"
                case (false, false, false): "rejected"
                case (false, false, true): "lost"
                }
                lines.append("\(path) \(outcome)")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
