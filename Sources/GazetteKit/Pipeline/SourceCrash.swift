/// A source the build crashed on (a trap, which cannot be caught in the process), as the supervising process of
/// `gazette build` found it: where the parser was and what the crash said. The source is left out with an error.
public struct SourceCrash: Sendable, Hashable {
    /// Where the crash came, as far as the parser's progress tells.
    public enum Place: Sendable, Hashable {
        /// In the document whose first line this is.
        case document(line: Int)
        /// While the source was read or cut into documents, before the parser started on any of them.
        case beforeDocuments
        /// After the source was parsed whole: while it was linked, rendered or indexed.
        case afterParsing
    }

    public var place: Place
    /// What the crash printed: `illegal instruction: Fatal error: Range requires lowerBound <= upperBound`.
    public var reason: String

    public init(place: Place, reason: String) {
        self.place = place
        self.reason = reason
    }

    /// The line of the error: the document's first line, else the source's first.
    public var line: Int {
        if case .document(let line) = place { return line }
        return 1
    }

    /// The error's text.
    public var message: String {
        let rest = "(\(reason)); the source is left out and the rest is built"
        switch place {
        case .document: return "the parser stopped unexpectedly in the document that starts here \(rest)"
        case .beforeDocuments: return "the parser stopped unexpectedly on this source before it reached its first document \(rest)"
        case .afterParsing:
            return "the build stopped unexpectedly on this source after it was parsed, while it was linked or rendered \(rest)"
        }
    }
}
