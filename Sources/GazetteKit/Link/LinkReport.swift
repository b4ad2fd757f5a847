/// What the link stage found, written into the site as `reports/links.json` and printed by `gazette check`.
public struct LinkReport: Sendable, Hashable, Codable {
    public struct Unresolved: Sendable, Hashable, Codable {
        /// The citing document's id.
        public var document: String
        public var source: String
        public var line: Int
        public var citation: String
    }

    public var citationsFound = 0
    public var citationsResolved = 0
    /// Documents naming themselves (现将《…》印发给你们): not counted as resolved or unresolved.
    public var selfCitations = 0
    public var unresolved: [Unresolved] = []
    public var relationPairs = 0
    public var copies = 0
    public var repealed = 0
    public var addressesPublished = 0
    public var addressesRedirected = 0
    /// The longest document address with the longest fragment on its page, as a path from the site's root.
    public var longestAddress = ""

    public init() {}
}
