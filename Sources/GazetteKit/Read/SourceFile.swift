public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of a source file straight into the array the decoder takes: one copy of the file in memory,
/// where `[UInt8](Data(contentsOf:))` held two at once (200 MB more for a 200 MB source).
public enum SourceFile {
    /// The whole file; a failure is a `POSIXError`, which `ReadableError` words (`permission denied`).
    public static func bytes(at url: URL) throws -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw POSIXError(.EISDIR) }
        // The size as it was when opened, plus one byte to see the end; a file that grew is read on in chunks.
        let size = max(Int(status.st_size), 0) + 1
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while failure == 0, bytes.count >= size {
            let count = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0, failure: &failure) }
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { break }
        }
        if failure != 0 { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; returns how many bytes were read, `failure` the error if any.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var total = 0
        while total < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if count < 0, errno == EINTR { continue }
            if count < 0 { failure = errno }
            if count <= 0 { break }
            total += count
        }
        return total
    }
}
