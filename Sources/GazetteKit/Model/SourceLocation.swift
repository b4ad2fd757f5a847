/// A place in a source file, printed like a compiler does: `Content/gazettes/x/2022-03.txt:548`.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The path of the source as the user names it (content folder plus relative path).
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
