/// One part of a document's body, with a stable id and the line it came from.
public struct Block: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A numbered heading; level 1 is the highest (第X章), deeper levels follow the numbering.
        case heading(level: Int)
        case paragraph
        /// A table: the first row is the header.
        case table(rows: [[String]])
        /// An item of the 附件 list.
        case attachment
    }

    public var id: String
    public var kind: Kind
    public var text: String
    public var line: Int

    public init(id: String, kind: Kind, text: String, line: Int) {
        self.id = id
        self.kind = kind
        self.text = text
        self.line = line
    }
}
