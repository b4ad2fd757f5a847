public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last build left in the output folder, kept in the build cache beside it (`.<name>.cache/output`):
/// the fingerprint of every file, the identity of the output folder and of the spare copy of it. The next build
/// writes only the files whose fingerprint changed.
///
/// The record is deleted before a build touches the spare or the output, and written again only once the new site
/// is in place: a build that is killed or fails leaves no record, and the build after it writes every file. A
/// record that cannot be read (damaged, cut short, another format, or a folder that is not the one it describes)
/// is never trusted.
public struct OutputRecord: Sendable, Equatable {
    /// Identifies a folder on its file system, and the last change of its own entries: a folder replaced (even by
    /// one that gets the same inode number), renamed, or with a file added or removed at its top has another
    /// identity.
    public struct FolderIdentity: Sendable, Equatable {
        public var device: UInt64
        public var inode: UInt64
        /// The time of the folder's last status change, in nanoseconds.
        public var changed: Int64

        /// The identity of the folder at `url`; nil when there is none.
        public static func of(_ url: URL) -> FolderIdentity? {
            var info = stat()
            guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            #if canImport(Glibc)
            let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            #else
            let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
            #endif
            return FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), changed: changed)
        }
    }

    /// The output folder the files are in.
    public var output: FolderIdentity
    /// The spare copy of the output (the same files as hard links), when the build kept one.
    public var spare: FolderIdentity?
    /// Every file of the output by path, with its fingerprint.
    public var files: [String: ContentFingerprint]

    static let header = "gazette output record 2"

    public init(output: FolderIdentity, spare: FolderIdentity?, files: [String: ContentFingerprint]) {
        self.output = output
        self.spare = spare
        self.files = files
    }

    /// The record's text: a header, the two identities, a line per file (`fingerprint TAB path`, sorted), and the
    /// fingerprint of everything before it, so that a damaged or shortened record is recognised.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The UTF-8 bytes of ``text``, written straight into one buffer: a record holds a line for each of the
    /// hundred thousand files of a large site.
    public var bytes: [UInt8] { bytes(fileLines: Self.fileLines(of: files)) }

    /// The record's bytes around `fileLines`, which must be ``fileLines(of:)`` of its files: the header and the
    /// identities before them, the check after.
    func bytes(fileLines: [UInt8]) -> [UInt8] {
        var head = [Self.header, "output \(output.device) \(output.inode) \(output.changed)"]
        head.append(spare.map { "spare \($0.device) \($0.inode) \($0.changed)" } ?? "spare none")
        var bytes = Array((head.joined(separator: "\n") + "\n").utf8)
        bytes.reserveCapacity(bytes.count + fileLines.count + 80)
        bytes.append(contentsOf: fileLines)
        let check = ContentFingerprint(bytes: bytes)
        bytes.append(contentsOf: "check ".utf8)
        check.appendDigits(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// A line for each file (`fingerprint TAB path`), in the order of the paths' bytes: most of a record, and what
    /// does not depend on the folders' identities, so a build makes it while it swaps the site in.
    static func fileLines(of files: [String: ContentFingerprint]) -> [UInt8] {
        // The lines in the dictionary's order first, in one pass over it; then copied in the order of their paths'
        // bytes (each line's entry is its path, and the line's start as its index).
        var lines: [UInt8] = []
        lines.reserveCapacity(files.count * 80)
        var entries: [UTF8Sorter.Entry] = []
        entries.reserveCapacity(files.count)
        for (path, fingerprint) in files {
            let lineStart = lines.count
            fingerprint.appendDigits(to: &lines)
            lines.append(UInt8(ascii: "\t"))
            let pathStart = lines.count
            lines.append(contentsOf: path.utf8)
            entries.append(UTF8Sorter.Entry(start: pathStart, count: lines.count - pathStart, index: lineStart))
            lines.append(UInt8(ascii: "\n"))
        }
        lines.withUnsafeBufferPointer { lines in
            entries.withUnsafeMutableBufferPointer { entries in
                UTF8Sorter(bytes: lines, entries: entries).sort(0..<entries.count, depth: 0)
            }
        }
        var sorted: [UInt8] = []
        sorted.reserveCapacity(lines.count)
        for entry in entries { sorted.append(contentsOf: lines[entry.index...(entry.start + entry.count)]) }
        return sorted
    }

    /// Reads a record's text; nil unless every line is as ``text`` writes it and the check matches.
    public init?(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Reads the bytes of a record's text (``bytes``); nil unless every line is as written and the check matches.
    public init?(bytes: [UInt8]) {
        let record: OutputRecord?? = bytes.withUnsafeBufferPointer { bytes in
            guard let body = Self.checkedBody(of: bytes) else { return nil }
            let lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            guard lines.count >= 3, Self.string(lines[0]) == Self.header,
                  let output = Self.identity(Self.string(lines[1]), named: "output")
            else { return nil }
            var spare: FolderIdentity?
            if Self.string(lines[2]) != "spare none" {
                guard let identity = Self.identity(Self.string(lines[2]), named: "spare") else { return nil }
                spare = identity
            }
            var files: [String: ContentFingerprint] = [:]
            files.reserveCapacity(lines.count)
            for line in lines.dropFirst(3) {
                guard let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                      let fingerprint = ContentFingerprint(hexadecimal: UnsafeBufferPointer(rebasing: line[..<tab])[...])
                else { return nil }
                let path = Self.string(line[(tab + 1)...])
                guard !path.isEmpty, files.updateValue(fingerprint, forKey: path) == nil else { return nil }
            }
            return OutputRecord(output: output, spare: spare, files: files)
        }
        guard let record = record.flatMap({ $0 }) else { return nil }
        self = record
    }

    private static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// The bytes before the record's check line, when the check matches them.
    private static func checkedBody(of bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
        // The check line is the last: `check `, 32 digits and a line end.
        let checkLength = "check ".utf8.count + 32 + 1
        guard bytes.count >= checkLength, bytes.last == UInt8(ascii: "\n") else { return nil }
        let checkStart = bytes.count - checkLength
        guard checkStart == 0 || bytes[checkStart - 1] == UInt8(ascii: "\n"),
              bytes[checkStart..<(checkStart + 6)].elementsEqual("check ".utf8),
              let expected = ContentFingerprint(hexadecimal: bytes[(checkStart + 6)..<(bytes.count - 1)])
        else { return nil }
        let body = bytes[..<checkStart]
        guard ContentFingerprint(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: body))) == expected else { return nil }
        return body
    }

    /// The output folder named by the record at `url`, without reading its files' lines; nil when there is no
    /// record or it cannot be trusted (its check does not match).
    public static func output(ofRecordAt url: URL) -> FolderIdentity? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return [UInt8](data).withUnsafeBufferPointer { bytes -> FolderIdentity? in
            guard let body = checkedBody(of: bytes) else { return nil }
            let lines = body.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
            guard lines.count == 3, string(lines[0]) == header else { return nil }
            return identity(string(lines[1]), named: "output")
        }
    }

    private static func identity(_ line: String, named name: String) -> FolderIdentity? {
        let parts = line.split(separator: " ")
        guard parts.count == 4, parts[0] == name, let device = UInt64(parts[1]), let inode = UInt64(parts[2]),
              let changed = Int64(parts[3])
        else { return nil }
        return FolderIdentity(device: device, inode: inode, changed: changed)
    }

    /// Reads the record at `url`; nil when there is none or it cannot be trusted.
    public static func read(from url: URL) -> OutputRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return OutputRecord(bytes: [UInt8](data))
    }

    /// Writes the record to `url` (through a temporary file renamed over it, so it is whole or absent); with its
    /// ``fileLines(of:)`` when they were made already.
    public func write(to url: URL) throws {
        try write(to: url, fileLines: Self.fileLines(of: files))
    }

    func write(to url: URL, fileLines: [UInt8]) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CacheRecordFile.replace(url, with: bytes(fileLines: fileLines))
    }
}
