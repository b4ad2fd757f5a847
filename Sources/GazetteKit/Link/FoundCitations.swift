/// The citations found in each document's text before they are resolved, by a key of that text (its source's parse
/// key and its place in the source), with the archive's codes they were found with. Finding them reads every
/// document; a later build takes a document's list again when its text and the codes are the same, which they are
/// for every document but the changed ones when one issue is edited.
public struct FoundCitations: Sendable, Codable, Equatable {
    /// The codes of the archive's documents (``CitationFinder/knownCodes``), sorted.
    public var knownCodes: [String]
    public var byDocument: [String: [Citation]]

    public init(knownCodes: [String], byDocument: [String: [Citation]] = [:]) {
        self.knownCodes = knownCodes
        self.byDocument = byDocument
    }

    /// The key of the text of the document at `position` of the source with `parseKey`.
    public static func key(parseKey: String, position: Int) -> String { "\(parseKey)#\(position)" }
}
