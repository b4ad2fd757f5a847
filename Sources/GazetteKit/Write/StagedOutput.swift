public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a staged output could not be written or committed.
public enum StagedOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path given to `write` is empty, absolute, or has a `..` component.
    case invalidRelativePath(String)
    /// The destination exists but is not a folder; a build must not delete it.
    case destinationNotAFolder(String)
    /// The destination is a symbolic link; replacing it would not update the folder it points to.
    case destinationIsSymbolicLink(String)
    /// The staging folder is gone because the output was already committed or discarded.
    case stagingFolderGone(String)
    /// A file-system call failed with an `errno` value.
    case fileSystem(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidRelativePath(let path):
            "invalid output path \"\(path)\": it must be relative and must not contain \"..\""
        case .destinationNotAFolder(let path):
            "output destination \(path) exists and is not a folder; refusing to replace it"
        case .destinationIsSymbolicLink(let path):
            "output destination \(path) is a symbolic link; give the folder it points to instead"
        case .stagingFolderGone(let path):
            "staging folder \(path) no longer exists; the output was already committed or discarded"
        case .fileSystem(let operation, let path, let code):
            "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// An output folder built beside its destination and swapped in whole, so that a failed or killed build never
/// leaves a half-written site.
///
/// Files are written to a staging folder named `.<destination name>.staging-<pid>-<random>` in the destination's
/// parent folder. ``commit()`` exchanges it with the destination atomically (Linux `renameat2` with
/// `RENAME_EXCHANGE`, macOS `renamex_np` with `RENAME_SWAP`) and deletes the old tree; ``discard()`` deletes the
/// staging folder and leaves the destination untouched.
public struct StagedOutput: Sendable {
    /// The folder the site ends up in.
    public let destination: URL
    /// The folder files are written to until ``commit()``.
    public let stagingFolder: URL
    /// The staging folder's path: files are named by joining strings, as `URL.appendingPathComponent` asks the
    /// file system whether each one is a folder.
    private let stagingPath: String
    /// The build cache beside the destination (`.<name>.cache`), when the output is written incrementally.
    public let cache: URL?
    /// The files the staging folder holds from the last build (hard links to the files of the site in place), with
    /// their fingerprints: a file whose new content has the same fingerprint is not written again.
    private let previous: [String: ContentFingerprint]
    private let written = WrittenFiles()

    /// Every file written (or kept) by this build, with its fingerprint; thread-safe.
    private final class WrittenFiles: Sendable {
        let files = Mutex<[String: ContentFingerprint]>([:])
        /// Files of the last build left as they were, because their content did not change.
        let unchanged = Atomic<Int>(0)
    }

    /// Files left as they were so far, because the last build wrote the same content.
    public var unchangedFiles: Int { written.unchanged.load(ordering: .relaxed) }

    /// What an incremental output did, for the build's report.
    public struct Reuse: Sendable, Equatable {
        /// Files of the last build found again: from the spare copy, or linked from the site in place; 0 when every
        /// file is written.
        public var previousFiles = 0
        public var fromSpare = false
    }
    public let reuse: Reuse
    private var reusesPrevious: Bool { reuse.fromSpare || reuse.previousFiles > 0 }

    /// Creates a fresh staging folder beside `destination`, creating the destination's parent if missing.
    ///
    /// With a `cache` folder the output is incremental: the staging folder starts as the spare copy of the site the
    /// last build put in place (or as hard links to its files), so that only the files that change are written,
    /// and a file that does not change is never touched (the site in place and the new one share it). Without a
    /// trustworthy record in the cache (``OutputRecord``) every file is written.
    ///
    /// Throws ``StagedOutputError/destinationNotAFolder(_:)`` or ``StagedOutputError/destinationIsSymbolicLink(_:)``
    /// if the destination exists but is not a real folder.
    public init(destination: URL, cache: URL? = nil) throws {
        let destination = destination.standardizedFileURL
        let destinationExists = try Self.destinationExists(destination)
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let suffix = "\(getpid())-\(String(UInt64.random(in: .min ... .max), radix: 36))"
        let staging = parent.appendingPathComponent(Self.stagingPrefix(for: destination) + suffix, isDirectory: true)
        self.destination = destination
        self.stagingFolder = staging
        stagingPath = staging.path
        self.cache = cache
        var previous: [String: ContentFingerprint] = [:]
        var reuse = Reuse()
        var stagingExists = false
        if let cache {
            let spare = cache.appendingPathComponent(Self.spareName, isDirectory: true)
            let record = Self.takeRecord(in: cache)
            if let record, destinationExists, OutputRecord.FolderIdentity.of(destination) == record.output {
                if let identity = record.spare, OutputRecord.FolderIdentity.of(spare) == identity,
                   (try? Self.rename(spare, to: staging)) != nil {
                    previous = record.files
                    reuse = Reuse(previousFiles: previous.count, fromSpare: true)
                    stagingExists = true
                } else {
                    Self.delete(spare, .now)
                    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
                    stagingExists = true
                    previous = Self.link(record.files, from: destination, into: staging)
                    reuse = Reuse(previousFiles: previous.count, fromSpare: false)
                }
            } else {
                // Without a record that fits, a spare is what a build cut short left: now, before this build makes one.
                Self.delete(spare, .now)
            }
        }
        if !stagingExists {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        }
        self.previous = previous
        self.reuse = reuse
        // A rebuild records about as many files as the last build had: room for them once, not by doubling.
        written.files.withLock { $0.reserveCapacity(previous.count) }
    }

    /// The folder of the spare copy inside the cache.
    static let spareName = "spare"
    /// The record's file inside the cache.
    static let recordName = "output"

    /// Reads the record of the last build and deletes it: whatever this build does next changes what it describes.
    private static func takeRecord(in cache: URL) -> OutputRecord? {
        let url = cache.appendingPathComponent(recordName)
        let record = OutputRecord.read(from: url)
        guard unlink(url.path) == 0 || errno == ENOENT else { return nil }
        return record
    }

    /// Hard-links each file of `files` from `source` into `target`; returns those linked.
    private static func link(_ files: [String: ContentFingerprint], from source: URL, into target: URL)
        -> [String: ContentFingerprint] {
        var folders = Set<Substring>()
        for path in files.keys {
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(folder).inserted else { break }
            }
        }
        for folder in folders.sorted(by: { $0.count < $1.count }) {
            mkdir(target.path + "/" + folder, 0o755)
        }
        let paths = Array(files.keys)
        let chunks = stride(from: 0, to: paths.count, by: 2048).map { paths[$0..<min(paths.count, $0 + 2048)] }
        let linked = chunks.concurrentMap { chunk in
            chunk.filter { posixLink(source.path + "/" + $0, target.path + "/" + $0) == 0 }
        }
        var result: [String: ContentFingerprint] = [:]
        result.reserveCapacity(files.count)
        for path in linked.joined() { result[path] = files[path] }
        return result
    }

    /// Writes `data` to `relativePath` inside the staging folder, creating intermediate folders.
    public func write(_ data: Data, to relativePath: String) throws {
        try data.withUnsafeBytes { try write($0, to: relativePath) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to relativePath: String) throws {
        try Self.check(relativePath)
        if try writeIncrementally(bytes, to: relativePath) { return }
        let path = stagingPath + "/" + relativePath
        // Tried first as if the folder existed: for most files it does, and asking costs more than writing.
        if try Self.writeFile(bytes, at: path, missingFolderIsError: false) { return }
        guard FileManager.default.fileExists(atPath: stagingPath) else {
            throw StagedOutputError.stagingFolderGone(stagingPath)
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        _ = try Self.writeFile(bytes, at: path, missingFolderIsError: true)
    }

    /// Creates `relativePath` and its intermediate folders inside the staging folder.
    public func createFolder(_ relativePath: String) throws {
        try Self.check(relativePath)
        try FileManager.default.createDirectory(atPath: stagingPath + "/" + relativePath,
                                                withIntermediateDirectories: true)
    }

    /// Writes `data` to `relativePath`, whose folder exists (``createFolder(_:)``), with one `open` and `write`:
    /// for the tens of thousands of small files of the search index, where Foundation's file writing costs
    /// many times the writing itself.
    public func writeIntoExistingFolder(_ data: Data, to relativePath: String) throws {
        try Self.check(relativePath)
        let path = stagingPath + "/" + relativePath
        _ = try data.withUnsafeBytes { bytes in
            if try writeIncrementally(bytes, to: relativePath) { return true }
            return try Self.writeFile(bytes, at: path, missingFolderIsError: true)
        }
    }

    /// With a cache: records the file's fingerprint, leaves a file of the last build that has it as it is, and
    /// replaces any other (a new file beside it, renamed over it: the old one is shared with the site in place and
    /// must not change). Returns false without a cache, for the caller to write the file.
    private func writeIncrementally(_ bytes: UnsafeRawBufferPointer, to relativePath: String) throws -> Bool {
        guard cache != nil else { return false }
        let fingerprint = ContentFingerprint(bytes)
        written.files.withLock { $0[relativePath] = fingerprint }
        guard reusesPrevious else { return false }
        if previous[relativePath] == fingerprint {
            written.unchanged.add(1, ordering: .relaxed)
            return true
        }
        let path = stagingPath + "/" + relativePath
        let fresh = path + ".gazette-new"
        if try !Self.writeFile(bytes, at: fresh, missingFolderIsError: false) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            _ = try Self.writeFile(bytes, at: fresh, missingFolderIsError: true)
        }
        guard Self.posixRename(fresh, path) == 0 else {
            throw StagedOutputError.fileSystem(operation: "rename \(fresh) to", path: path, errno: errno)
        }
        return true
    }

    /// Keeps every file of the last build under `folder` (`search/`) as it is, as if written again with the same
    /// content: for files made from inputs that did not change. False, with nothing kept, when the staging folder
    /// does not hold the last build's files.
    public func keepPreviousFiles(under folder: String) -> Bool {
        guard reusesPrevious else { return false }
        // Compared by bytes, in one pass under the lock: the index's files are most of a large site's.
        let prefix = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8)
        let kept = written.files.withLock { files in
            var kept = 0
            for (path, fingerprint) in previous where Self.path(path, startsWith: prefix) {
                files[path] = fingerprint
                kept += 1
            }
            return kept
        }
        written.unchanged.add(kept, ordering: .relaxed)
        return kept > 0
    }

    private static func path(_ path: String, startsWith prefix: [UInt8]) -> Bool {
        path.utf8.withContiguousStorageIfAvailable { $0.starts(with: prefix) } ?? path.utf8.starts(with: prefix)
    }

    /// Keeps the last build's file at `relativePath` as it is, as if written again with the same content: for a
    /// page made from inputs that did not change. False, with nothing kept, when the staging folder holds no such
    /// file of the last build.
    public func keepPreviousFile(at relativePath: String) -> Bool {
        guard reusesPrevious, let fingerprint = previous[relativePath] else { return false }
        written.files.withLock { $0[relativePath] = fingerprint }
        written.unchanged.add(1, ordering: .relaxed)
        return true
    }

    /// Writes a file with one `open` and `write`; false when its folder does not exist and that is no error. The
    /// build cache's records are written with it too (``CacheRecordFile/replace(_:with:)``).
    static func writeFile(_ buffer: UnsafeRawBufferPointer, at path: String, missingFolderIsError: Bool) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ENOENT, !missingFolderIsError { return false }
            throw StagedOutputError.fileSystem(operation: "create", path: path, errno: errno)
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            #else
            let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw StagedOutputError.fileSystem(operation: "write", path: path, errno: errno)
            }
            offset += written
        }
        return true
    }

    private static func check(_ relativePath: String) throws {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.isEmpty, !relativePath.hasPrefix("/"), !components.contains("..") else {
            throw StagedOutputError.invalidRelativePath(relativePath)
        }
    }

    /// Writes `text` as UTF-8 to `relativePath` inside the staging folder, creating intermediate folders.
    public func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: relativePath) }
    }

    /// What ``commit(deleting:)`` and ``removeStaleStagingFolders(beside:deleting:)`` do with a folder they let go.
    public enum Deletion: Sendable {
        /// Deleted before the call returns.
        case now
        /// Deleted by a `rm` process of its own, which goes on after this process ends: a site of 100,000 files
        /// takes seconds to a minute to delete on a slow disk, and nobody needs to wait for it. A folder whose
        /// deletion is cut short is a stale staging folder, deleted by the next build.
        case inBackground
    }

    /// Replaces the destination with the staging folder, then deletes the previous output.
    ///
    /// An existing destination is exchanged atomically. Where the file system cannot exchange, the old folder is
    /// renamed aside and the new one renamed in, so a crash in between leaves no destination rather than a
    /// half-written one. If the old tree cannot be deleted it stays as a staging folder for
    /// ``removeStaleStagingFolders(beside:deleting:)``.
    public func commit(deleting deletion: Deletion = .now) throws {
        let written = self.written.files.withLock { $0 }
        // The record's lines, made on another core while the site is swapped in and the spare copy made.
        let fileLines = cache == nil ? nil : BackgroundWork { OutputRecord.fileLines(of: written) }
        let removed = reusesPrevious ? previous.keys.filter { written[$0] == nil } : []
        if reusesPrevious { Self.remove(removed, from: stagingFolder) }
        guard try Self.destinationExists(destination) else {
            try Self.rename(stagingFolder, to: destination)
            recordOutput(written, spare: nil, fileLines: fileLines)
            return
        }
        let oldTree: URL
        switch Self.exchange(stagingFolder.path, destination.path) {
        case 0:
            oldTree = stagingFolder
        case EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP:
            oldTree = URL(fileURLWithPath: stagingFolder.path + ".old", isDirectory: true)
            try Self.rename(destination, to: oldTree)
            do {
                try Self.rename(stagingFolder, to: destination)
            } catch {
                try? Self.rename(oldTree, to: destination)
                throw error
            }
        case let code:
            throw StagedOutputError.fileSystem(operation: "exchange with \(stagingFolder.path)", path: destination.path, errno: code)
        }
        // The site replaced shares every unchanged file with the new one: brought up to date with the new site's
        // other files (hard links again), it is the spare copy the next build starts from.
        if let cache, reusesPrevious, bringUpToDate(oldTree, written: written, removed: removed) {
            let spare = cache.appendingPathComponent(Self.spareName, isDirectory: true)
            if (try? Self.rename(oldTree, to: spare)) != nil {
                recordOutput(written, spare: OutputRecord.FolderIdentity.of(spare), fileLines: fileLines)
                return
            }
        }
        Self.delete(oldTree, deletion)
        recordOutput(written, spare: nil, fileLines: fileLines)
    }

    /// Makes `tree`, the site just replaced, hold the new site's files: those written by this build are linked in
    /// from the destination, those it removed are removed. False when any of it fails.
    private func bringUpToDate(_ tree: URL, written: [String: ContentFingerprint], removed: [String]) -> Bool {
        for (path, fingerprint) in written where previous[path] != fingerprint {
            let target = tree.path + "/" + path, fresh = target + ".gazette-new"
            var status = Self.posixLink(destination.path + "/" + path, fresh)
            if status != 0, errno == ENOENT {
                try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                         withIntermediateDirectories: true)
                status = Self.posixLink(destination.path + "/" + path, fresh)
            }
            guard status == 0, Self.posixRename(fresh, target) == 0 else { return false }
        }
        Self.remove(removed, from: tree)
        return true
    }

    /// Deletes the files at `paths` inside `folder`, and the folders they leave empty.
    private static func remove(_ paths: [String], from folder: URL) {
        var folders = Set<String>()
        for path in paths {
            unlink(folder.path + "/" + path)
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty, folders.insert(parent).inserted { parent = (parent as NSString).deletingLastPathComponent }
        }
        // Deepest first; a folder that still holds something stays.
        for parent in folders.sorted(by: { $0.count > $1.count }) { rmdir(folder.path + "/" + parent) }
    }

    /// Writes the record of the site now in place; without a cache, nothing. A record that cannot be written means
    /// the next build writes every file.
    private func recordOutput(_ written: [String: ContentFingerprint], spare: OutputRecord.FolderIdentity?,
                              fileLines: BackgroundWork<[UInt8]>?) {
        guard let cache, let fileLines, let output = OutputRecord.FolderIdentity.of(destination) else { return }
        let record = OutputRecord(output: output, spare: spare, files: written)
        try? record.write(to: cache.appendingPathComponent(Self.recordName), fileLines: fileLines.value())
    }

    /// Deletes `folder` now or in the background; failures are left to ``removeStaleStagingFolders(beside:deleting:)``.
    private static func delete(_ folder: URL, _ deletion: Deletion) {
        if deletion == .inBackground {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/rm")
            process.arguments = ["-rf", "--", folder.path]
            // Nothing of this process's output is held open: a pipe reading `gazette build` ends with the build.
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Deletes the staging folder, leaving the destination as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: stagingFolder)
    }

    /// Deletes staging folders that builds of `destination` left behind when they were killed (or whose deletion in
    /// the background was cut short), and returns them.
    ///
    /// Folders whose name carries the id of a running process (this one included) belong to a build still in
    /// progress and are kept. Failures are ignored: this is housekeeping.
    @discardableResult
    public static func removeStaleStagingFolders(beside destination: URL, deleting deletion: Deletion = .now) -> [URL] {
        let destination = destination.standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let prefix = stagingPrefix(for: destination)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
        var removed: [URL] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let pid = pid_t(name.dropFirst(prefix.count).prefix(while: { ("0"..."9").contains($0) }))
            if let pid, pid > 0, RunningProcess.runs(pid) { continue }
            let url = parent.appendingPathComponent(name)
            delete(url, deletion)
            removed.append(url)
        }
        return removed
    }

    /// The start of every staging folder's name for `destination`: `.<name>.staging-`.
    private static func stagingPrefix(for destination: URL) -> String {
        ".\(destination.lastPathComponent).staging-"
    }

    /// Whether the destination exists as a real folder; throws if it exists as anything else.
    private static func destinationExists(_ destination: URL) throws -> Bool {
        guard destination.pathComponents.count > 1 else {
            throw StagedOutputError.destinationNotAFolder(destination.path)
        }
        var info = stat()
        guard lstat(destination.path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return false }
            throw StagedOutputError.fileSystem(operation: "inspect", path: destination.path, errno: code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return true
        case S_IFLNK: throw StagedOutputError.destinationIsSymbolicLink(destination.path)
        default: throw StagedOutputError.destinationNotAFolder(destination.path)
        }
    }

    private static func posixRename(_ source: String, _ target: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.rename(source, target)
        #else
        Darwin.rename(source, target)
        #endif
    }

    private static func posixLink(_ source: String, _ target: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.link(source, target)
        #else
        Darwin.link(source, target)
        #endif
    }

    /// Renames `source` to `target` with `rename(2)`.
    private static func rename(_ source: URL, to target: URL) throws {
        let status = posixRename(source.path, target.path)
        guard status == 0 else {
            throw StagedOutputError.fileSystem(operation: "rename to \(target.path)", path: source.path, errno: errno)
        }
    }

    /// Atomically exchanges two paths, returning 0 or an `errno` value (`ENOSYS` where the call is missing).
    private static func exchange(_ first: String, _ second: String) -> Int32 {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        // Glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not see.
        guard let symbol = dlsym(nil, "renameat2") else { return ENOSYS }
        let renameExchange: UInt32 = 1 << 1
        let status = unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange)
        #else
        let status = renamex_np(first, second, UInt32(RENAME_SWAP))
        #endif
        return status == 0 ? 0 : errno
    }
}
