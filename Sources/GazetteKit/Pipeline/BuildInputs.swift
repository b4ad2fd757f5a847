import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a build's output depends on, as one fingerprint: every file of the content and templates folders,
/// the address ledger, the settings, the names used in messages, and the program itself. When it is the one the
/// last build recorded and the output is still the one that build left, there is nothing to build.
///
/// The ledger has a fingerprint of its own, because the build itself brings it up to date: the record keeps the
/// ledger as the build left it.
public struct BuildInputs: Sendable, Equatable, Codable {
    /// The fingerprint of everything but the ledger.
    public var others: String
    /// The ledger's bytes (empty when there is none).
    public var ledger: String
    /// What the build reported, shown again when nothing changed.
    public var report: SiteBuilder.Report

    /// In the compact form (``CompactEncoder``): a build with nothing to do reads it and stops.
    public static let fileName = "inputs"

    /// The fingerprints of the inputs of a build with `options`; nil when the build reads only some sources or
    /// skips some (those builds are never skipped).
    static func fingerprints(of options: SiteBuilder.Options) -> (others: String, ledger: String)? {
        guard options.onlySources == nil, options.crashedSources.isEmpty else { return nil }
        let ledgerPath = options.ledger?.standardizedFileURL.path
        var parts: [String] = ["gazette build inputs 1", Self.programIdentity()]
        let configuration = options.configuration
        parts += ["title=\(configuration.title ?? "-")", "baseURL=\(configuration.baseURL ?? "-")",
                  "language=\(configuration.language)", "description=\(configuration.description ?? "-")",
                  "search batch characters=\(configuration.searchBatchCharacters)"]
        parts += configuration.gazetteNames.sorted { $0.key < $1.key }.map { "gazette \($0.key)=\($0.value)" }
        parts += configuration.lines.sorted { $0.key < $1.key }.map { "line \($0.key)=\($0.value)" }
        parts += ["content=\(options.content.standardizedFileURL.path)", "templates=\(options.templates.standardizedFileURL.path)",
                  "output=\(options.output.standardizedFileURL.path)", "ledger=\(ledgerPath ?? "-")",
                  "names=\(options.contentDisplayName)|\(options.templatesDisplayName)|\(options.configurationDisplayName ?? "-")"]
        var files: [(shown: String, path: String)] = []
        var visited = Set<[UInt64]>()
        for (name, folder) in [("content", options.content), ("templates", options.templates)] {
            Self.collectFiles(in: folder.standardizedFileURL.path, shownAs: name, visited: &visited, into: &files)
        }
        // The ledger (which the build writes) is not an input, under whatever name the content folder reaches it:
        // a file that is the ledger's file (the same device and inode) is left out.
        func sameFile(_ path: String) -> [UInt64]? {
            FileIdentity.of(URL(fileURLWithPath: path)).map { [$0.device, $0.inode] }
        }
        if let ledgerPath, let ledger = sameFile(ledgerPath) {
            files.removeAll { sameFile($0.path) == ledger }
        }
        // A file still the one the last build read is not read again (``FileFingerprints``).
        let known = options.outputCache.flatMap { FileFingerprints.read(from: $0) } ?? FileFingerprints()
        let found = files.concurrentMap { file in known.fingerprint(ofFileAt: file.path) }
        if let cache = options.outputCache {
            var record = FileFingerprints()
            for (file, result) in zip(files, found) { record.entries[file.path] = result.entry }
            record.write(to: cache)
        }
        let fingerprints = zip(files, found).map { file, result in file.shown + "\t" + result.fingerprint }
        let others = ContentFingerprint(text: (parts + fingerprints).joined(separator: "\n"))
        return (others.description, ledgerPath.map { Self.fingerprint(ofFileAt: $0) } ?? "-")
    }

    /// Every file under `folder`, symbolic links followed as the build follows them (a folder reached twice is
    /// read once), in a fixed order; each shown by its path under `name`.
    private static func collectFiles(in folder: String, shownAs name: String, visited: inout Set<[UInt64]>,
                                     into files: inout [(shown: String, path: String)]) {
        var info = stat()
        guard stat(folder, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for entry in entries {
            let path = folder + "/" + entry
            var entryInfo = stat()
            if stat(path, &entryInfo) == 0, (entryInfo.st_mode & S_IFMT) == S_IFDIR {
                files.append((name + "/" + entry + "/", path))
                collectFiles(in: path, shownAs: name + "/" + entry, visited: &visited, into: &files)
            } else {
                files.append((name + "/" + entry, path))
            }
        }
    }

    /// A file's bytes as a fingerprint (through symbolic links); a folder or a missing file as a word.
    static func fingerprint(ofFileAt path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "missing" }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return "folder"
        case S_IFREG:
            guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
            return data.withUnsafeBytes { ContentFingerprint($0) }.description
        default:
            return "other"
        }
    }

    /// The running program, by path, size and time of change: a program built anew is another program.
    static func programIdentity() -> String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "?"
        var info = stat()
        guard stat(path, &info) == 0 else { return "program unknown" }
        #if canImport(Glibc)
        let changed = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        #else
        let changed = "\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
        #endif
        return "program \(path) \(info.st_size) \(changed)"
    }

    /// The record in `cache`, if there is one that can be read.
    static func read(from cache: URL) -> BuildInputs? {
        let url = cache.appendingPathComponent(fileName)
        return FileManager.default.contents(atPath: url.path).flatMap {
            try? CompactDecoder().decode(BuildInputs.self, from: [UInt8]($0))
        }
    }

    /// Deletes the record in `cache`, before a build changes what it describes; false when it is still there.
    static func remove(from cache: URL) -> Bool {
        unlink(cache.appendingPathComponent(fileName).path) == 0 || errno == ENOENT
    }

    func write(to cache: URL) throws {
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try CacheRecordFile.replace(cache.appendingPathComponent(Self.fileName), with: CompactEncoder().encode(self))
    }
}
