/// A build holds every document of the site from parsing to the search index, but the parts of its text only while
/// a step reads them: parsed, each document keeps a digest of what later steps need of them (its title printed in
/// the annex, what its page is described by, its contents' links, its length) and lets them go (``StoredParts``
/// reads them back). Each figure below is made from the parts while they are in place and read from the digest
/// once they are away: one rule either way.
extension Document {
    /// The figures of a document's parts that the steps after parsing need without the parts.
    public struct Digest: Sendable, Hashable, Codable {
        public var annexTitle: String?
        public var metaDescription: String
        public var contentsTargets: [PartID: [PartID?]]
        public var searchLength: Int
        public var longestFragment: String?

        init(of document: Document) {
            annexTitle = document.printedAnnexTitle
            metaDescription = MetaDescription.of(document)
            contentsTargets = ContentsLinker.targets(in: document)
            searchLength = SearchIndex.textLength(of: document)
            longestFragment = document.printedLongestFragment
        }
    }

    /// The parts a build stores away and reads back: the document's text.
    public struct Parts: Sendable {
        public var body: [Block]
        public var annex: [Block]
        public var sourceLines: [Int]
    }

    /// Whether the document's parts are stored away (``digest`` tells what is known of them).
    public var partsAreStoredAway: Bool { digest != nil }

    /// Keeps the digest of the parts and lets them go.
    mutating func storeAwayParts() {
        guard digest == nil else { return }
        digest = Digest(of: self)
        (body, annex, sourceLines) = ([], [], [])
    }

    /// Puts back the parts stored away.
    mutating func restore(_ parts: Parts) {
        (body, annex, sourceLines) = (parts.body, parts.annex, parts.sourceLines)
        digest = nil
    }

    var parts: Parts { Parts(body: body, annex: annex, sourceLines: sourceLines) }

    /// The title of what a notice issues as printed above the annex's text (the plan after its notice), if any.
    public var annexTitle: String? { digest.map(\.annexTitle) ?? printedAnnexTitle }

    /// The description of the document's page (`<meta name="description">`).
    public var metaDescription: String { digest?.metaDescription ?? MetaDescription.of(self) }

    /// Where each entry of each 目录 the document prints leads, by the 目录's part.
    public var contentsTargets: [PartID: [PartID?]] { digest?.contentsTargets ?? ContentsLinker.targets(in: self) }

    /// About how many characters its searchable text has (``SearchIndex/textLength(of:)``).
    public var searchLength: Int { digest?.searchLength ?? SearchIndex.textLength(of: self) }

    /// The longest fragment of an address of one of its parts (`#…`), for the link report.
    public var longestFragment: String? { digest.map(\.longestFragment) ?? printedLongestFragment }

    private var printedAnnexTitle: String? {
        guard let first = annex.first, case .heading(level: 0) = first.kind, first.label == nil else { return nil }
        return first.text
    }

    private var printedLongestFragment: String? {
        (body + annex).flatMap(\.flattened).map(\.id.fragment).max { $0.count < $1.count }
    }
}
