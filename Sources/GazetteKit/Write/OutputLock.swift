public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time per output folder: a lock on the file `.<name>.lock` beside it, held until the build
/// ends (the system releases it when the process dies). A second build stops with a message naming the first.
public struct OutputLock: Sendable {
    private let descriptor: Int32

    public init(for output: URL, displayName: String) throws(SourceError) {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let path = parent.appendingPathComponent(".\(output.lastPathComponent).lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SourceError("cannot create the lock file \(path): \(String(cString: strerror(errno)).lowercased())",
                              at: SourceLocation(file: displayName, line: 0))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var holder = [UInt8](repeating: 0, count: 200)
            let count = pread(descriptor, &holder, holder.count, 0)
            close(descriptor)
            let who = String(decoding: holder.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SourceError("another build (\(who.isEmpty ? "its process is unknown" : who)) is writing this output folder; "
                              + "nothing was changed: build again once it has finished", at: SourceLocation(file: displayName, line: 0))
        }
        let started = ISO8601DateFormatter().string(from: Date())
        let record = Array("process \(getpid()), started \(started)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, record, record.count, 0)
        self.descriptor = descriptor
    }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
