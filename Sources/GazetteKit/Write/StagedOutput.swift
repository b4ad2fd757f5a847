public import Foundation
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

    /// Creates a fresh staging folder beside `destination`, creating the destination's parent if missing.
    ///
    /// Throws ``StagedOutputError/destinationNotAFolder(_:)`` or ``StagedOutputError/destinationIsSymbolicLink(_:)``
    /// if the destination exists but is not a real folder.
    public init(destination: URL) throws {
        let destination = destination.standardizedFileURL
        _ = try Self.destinationExists(destination)
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let suffix = "\(getpid())-\(String(UInt64.random(in: .min ... .max), radix: 36))"
        let staging = parent.appendingPathComponent(Self.stagingPrefix(for: destination) + suffix, isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        self.destination = destination
        self.stagingFolder = staging
    }

    /// Writes `data` to `relativePath` inside the staging folder, creating intermediate folders.
    public func write(_ data: Data, to relativePath: String) throws {
        try data.withUnsafeBytes { try write($0, to: relativePath) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to relativePath: String) throws {
        try Self.check(relativePath)
        let url = stagingFolder.appendingPathComponent(relativePath)
        // Tried first as if the folder existed: for most files it does, and asking costs more than writing.
        if try Self.writeFile(bytes, at: url.path, missingFolderIsError: false) { return }
        guard FileManager.default.fileExists(atPath: stagingFolder.path) else {
            throw StagedOutputError.stagingFolderGone(stagingFolder.path)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try Self.writeFile(bytes, at: url.path, missingFolderIsError: true)
    }

    /// Creates `relativePath` and its intermediate folders inside the staging folder.
    public func createFolder(_ relativePath: String) throws {
        try Self.check(relativePath)
        try FileManager.default.createDirectory(at: stagingFolder.appendingPathComponent(relativePath), withIntermediateDirectories: true)
    }

    /// Writes `data` to `relativePath`, whose folder exists (``createFolder(_:)``), with one `open` and `write`:
    /// for the tens of thousands of small files of the search index, where Foundation's file writing costs
    /// many times the writing itself.
    public func writeIntoExistingFolder(_ data: Data, to relativePath: String) throws {
        try Self.check(relativePath)
        let path = stagingFolder.appendingPathComponent(relativePath).path
        _ = try data.withUnsafeBytes { try Self.writeFile($0, at: path, missingFolderIsError: true) }
    }

    /// Writes a file with one `open` and `write`; false when its folder does not exist and that is no error.
    private static func writeFile(_ buffer: UnsafeRawBufferPointer, at path: String, missingFolderIsError: Bool) throws -> Bool {
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
        guard try Self.destinationExists(destination) else {
            try Self.rename(stagingFolder, to: destination)
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
        Self.delete(oldTree, deletion)
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
            if let pid, pid > 0, pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }
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

    /// Renames `source` to `target` with `rename(2)`.
    private static func rename(_ source: URL, to target: URL) throws {
        #if canImport(Glibc)
        let status = Glibc.rename(source.path, target.path)
        #else
        let status = Darwin.rename(source.path, target.path)
        #endif
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
