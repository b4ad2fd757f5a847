import Foundation
import GazetteKit
import Testing

/// Runs `body` with a fresh, empty temporary folder, removing it afterwards.
private func withTemporaryFolder(_ body: (URL) async throws -> Void) async throws {
    let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("gazette-staged-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try await body(root)
}

/// A file's contents or a folder, as found by `snapshot`.
private enum Entry: Equatable {
    case folder
    case file(Data)

    static func file(_ text: String) -> Entry { .file(Data(text.utf8)) }
}

/// Every file and folder under `folder`, by relative path.
private func snapshot(_ folder: URL) throws -> [String: Entry] {
    var result: [String: Entry] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        let url = folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        result[path] = isFolder.boolValue ? .folder : .file(try Data(contentsOf: url))
    }
    return result
}

private func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

@Suite struct StagedOutputTests {
    @Test func commitIntoMissingDestination() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("site/Output")
            let output = try StagedOutput(destination: destination)
            try output.write("<h1>公报</h1>", to: "index.html")
            try output.write(Data([1, 2, 3]), to: "a/b/c.bin")
            try output.commit()

            #expect(try snapshot(destination) == [
                "index.html": .file("<h1>公报</h1>"), "a": .folder, "a/b": .folder, "a/b/c.bin": .file(Data([1, 2, 3])),
            ])
            #expect(try contents(of: destination.deletingLastPathComponent()) == ["Output"])
        }
    }

    @Test func writesIntoAnExistingFolderAndRefusesBadPaths() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            let output = try StagedOutput(destination: destination)
            try output.createFolder("search/records")
            try output.writeIntoExistingFolder(Data("{\"f乡村\":\"1A\"}".utf8), to: "search/records/0.json")
            try output.writeIntoExistingFolder(Data("replaced".utf8), to: "search/records/1.json")
            try output.writeIntoExistingFolder(Data("x".utf8), to: "search/records/1.json")
            #expect(throws: StagedOutputError.invalidRelativePath("../x.json")) {
                try output.writeIntoExistingFolder(Data(), to: "../x.json")
            }
            #expect(throws: StagedOutputError.self) { try output.writeIntoExistingFolder(Data(), to: "missing/x.json") }
            try output.commit()
            #expect(try snapshot(destination) == [
                "search": .folder, "search/records": .folder,
                "search/records/0.json": .file("{\"f乡村\":\"1A\"}"), "search/records/1.json": .file("x"),
            ])
        }
    }

    /// The previous site is deleted by a process of its own: the commit returns at once, the new site is in place,
    /// and the old tree disappears soon after.
    @Test func commitCanDeleteThePreviousSiteInTheBackground() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            let previous = try StagedOutput(destination: destination)
            for page in 0..<300 { try previous.write("old \(page)", to: "pages/\(page)/index.html") }
            try previous.commit()

            let output = try StagedOutput(destination: destination)
            try output.write("new", to: "index.html")
            try output.commit(deleting: .inBackground)
            #expect(try snapshot(destination) == ["index.html": .file("new")])
            var waited = 0
            while try contents(of: root) != ["Output"], waited < 600 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            #expect(try contents(of: root) == ["Output"], "the previous site is deleted")
        }
    }

    @Test func commitReplacesExistingDestinationEntirely() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            let previous = try StagedOutput(destination: destination)
            try previous.write("old", to: "old.html")
            try previous.write("old index", to: "shared/index.html")
            try previous.commit()

            let output = try StagedOutput(destination: destination)
            try output.write("new index", to: "shared/index.html")
            try output.write("new", to: "new.html")
            try output.commit()

            #expect(try snapshot(destination) == [
                "new.html": .file("new"), "shared": .folder, "shared/index.html": .file("new index"),
            ])
            #expect(try contents(of: root) == ["Output"])
            #expect(throws: StagedOutputError.stagingFolderGone(output.stagingFolder.path)) {
                try output.write("late", to: "late.html")
            }
        }
    }

    @Test func failedBuildLeavesDestinationIntact() async throws {
        struct BuildFailed: Error {}
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: destination.appendingPathComponent("2022"), withIntermediateDirectories: true)
            try Data("第3期".utf8).write(to: destination.appendingPathComponent("2022/03.html"))
            try Data([0, 255, 7]).write(to: destination.appendingPathComponent("logo.png"))
            let before = try snapshot(destination)

            let output = try StagedOutput(destination: destination)
            do {
                try output.write("half", to: "2022/03.html")
                try output.write("other", to: "index.html")
                throw BuildFailed()
            } catch {
                output.discard()
            }

            #expect(try snapshot(destination) == before)
            #expect(try contents(of: root) == ["Output"])
        }
    }

    @Test(arguments: ["../escape.html", "a/../../escape.html", "a/..", "/etc/passwd", ""])
    func unsafePathsAreRejected(path: String) async throws {
        try await withTemporaryFolder { root in
            let output = try StagedOutput(destination: root.appendingPathComponent("Output"))
            defer { output.discard() }
            #expect(throws: StagedOutputError.invalidRelativePath(path)) { try output.write("x", to: path) }
            #expect(try contents(of: root).count == 1)
        }
    }

    @Test func fileDestinationIsRefused() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            try Data("keep me".utf8).write(to: destination)
            #expect(throws: StagedOutputError.destinationNotAFolder(destination.path)) {
                try StagedOutput(destination: destination)
            }
            #expect(try Data(contentsOf: destination) == Data("keep me".utf8))
            #expect(try contents(of: root) == ["Output"])
        }
    }

    @Test func symbolicLinkDestinationIsRefused() async throws {
        try await withTemporaryFolder { root in
            let target = root.appendingPathComponent("real")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
            let destination = root.appendingPathComponent("Output")
            try FileManager.default.createSymbolicLink(at: destination, withDestinationURL: target)
            #expect(throws: StagedOutputError.destinationIsSymbolicLink(destination.path)) {
                try StagedOutput(destination: destination)
            }
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: destination.path) == target.path)
        }
    }

    @Test func staleStagingFoldersAreRemoved() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            let deadPid = "999999999"  // above any Linux pid_max, so no such process
            for name in [".Output.staging-\(deadPid)-abc", ".Output.staging-\(deadPid)-def.old", ".Other.staging-\(deadPid)-abc"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent("\(name)/sub"), withIntermediateDirectories: true)
            }
            let live = try StagedOutput(destination: destination)
            defer { live.discard() }

            let removed = StagedOutput.removeStaleStagingFolders(beside: destination)

            #expect(removed.map(\.lastPathComponent) == [".Output.staging-\(deadPid)-abc", ".Output.staging-\(deadPid)-def.old"])
            #expect(try contents(of: root) == [".Other.staging-\(deadPid)-abc", live.stagingFolder.lastPathComponent].sorted())
        }
    }

    #if os(Linux)
    /// A killed build whose supervisor died before reaping it stays a zombie until the system reaps it (some
    /// containers' first process never does): its staging folder is stale, not a running build's.
    @Test func theStagingFolderOfAZombieIsStale() async throws {
        try await withTemporaryFolder { root in
            var pid: pid_t = 0
            let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
            defer { free(arguments[0]) }
            #expect(posix_spawn(&pid, "/bin/true", nil, nil, arguments, nil) == 0)
            // Not reaped until the end: a zombie once it has run.
            defer { waitpid(pid, nil, 0) }
            var isZombie = false
            for _ in 0..<200 where !isZombie {
                let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
                isZombie = stat.split(separator: ")").last?.split(separator: " ").first == "Z"
                if !isZombie { usleep(10_000) }
            }
            #expect(isZombie)
            #expect(!RunningProcess.runs(pid))
            #expect(RunningProcess.runs(getpid()))
            let destination = root.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: root.appendingPathComponent(".Output.staging-\(pid)-abc/sub"),
                                                    withIntermediateDirectories: true)
            let removed = StagedOutput.removeStaleStagingFolders(beside: destination)
            #expect(removed.map(\.lastPathComponent) == [".Output.staging-\(pid)-abc"])
        }
    }
    #endif

    @Test func concurrentWritesShareFolders() async throws {
        try await withTemporaryFolder { root in
            let destination = root.appendingPathComponent("Output")
            let output = try StagedOutput(destination: destination)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask { try output.write("\(index)", to: "issues/\(index % 4)/deep/\(index).html") }
                }
                try await group.waitForAll()
            }
            try output.commit()
            #expect(try snapshot(destination).values.count(where: { $0 != .folder }) == 200)
        }
    }
}
