public import Foundation

/// The files of the search index under `search/`, made from the model of the site (never from its pages).
///
/// - `search/manifest.json`: sizes, the frequent single characters, the facets and, for every document
///   (numbered in date order), its gazette, issuer, kind and length, as ``PostingCode`` columns;
/// - `search/chars.json`: the traditional → simplified table of ``SearchNormalizer``, for queries;
/// - `search/trie/N.json`: the frequent strings of two characters or more, by their first two (`F`) and their
///   last two characters (`B`), so the browser can cut a query into pieces;
/// - `search/records/N.json`: the records of ``SearchPostings``, by a hash of their key (``ShardHash``);
/// - `search/docs/N.json`: the facts of document N, fetched only for results shown;
/// - `search/text/N-C.json`: the searchable text of document N from position C × 1024, for snippets and links.
///
/// The browser side is `Templates/assets/search-core.js`.
public struct SearchIndex: Sendable {
    public struct File: Sendable {
        public var path: String
        public var data: Data
    }

    /// What the index holds, for the build's report and the benchmark.
    public struct Statistics: Sendable {
        public var documents = 0
        public var positions = 0
        public var frequentStrings = 0
        public var records = 0
        public var recordShards = 0
        public var trieShards = 0
        public var files = 0
        public var bytes = 0
    }

    public private(set) var files: [File] = []
    public private(set) var statistics = Statistics()

    /// Positions of text a snippet file holds.
    public static let textChunk = 1024
    /// About how many bytes a shard file should hold.
    static let recordShardBytes = 8192
    static let trieShardBytes = 4096

    public init(site: Site, normalizer: SearchNormalizer) throws {
        let documents = Self.dateOrder(site.documents)
        let texts = documents.concurrentMap { SearchableText(document: $0.document, note: $0.note, normalizer: normalizer) }

        // Characters as small ids in code point order; 0 separates segments.
        var alphabet = Set<Unicode.Scalar>()
        for text in texts { for segment in text.segments { alphabet.formUnion(segment.text) } }
        let characters: [Unicode.Scalar] = ["\u{0}"] + alphabet.sorted { $0.value < $1.value }
        let ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, UInt32($0)) })
        let coded: [[UInt32]] = texts.map { text in
            var coded = [UInt32](repeating: 0, count: text.length)
            for segment in text.segments {
                for (offset, character) in segment.text.enumerated() { coded[segment.start + offset] = ids[character]! }
            }
            return coded
        }

        let positions = texts.reduce(0) { $0 + $1.segments.reduce(0) { $0 + $1.text.count } }
        // Pieces of about 1/30,000 of the text: their position lists stay at a few kilobytes. The frequent
        // strings are counted on about 4 million characters.
        let threshold = max(24, positions / 30_000)
        let sampleStep = max(1, positions / 4_000_000)
        let strings = FrequentStrings(texts: coded, threshold: threshold, sampleStep: sampleStep)
        let postings = SearchPostings(texts: coded, strings: strings, characters: characters)

        var files: [File] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

        // Records by the hash of their key.
        let recordBytes = postings.records.reduce(0) { $0 + $1.key.utf8.count + $1.code.count + 6 }
        let recordShards = max(1, recordBytes / Self.recordShardBytes)
        var recordGroups = Array(repeating: [String: String](), count: recordShards)
        for record in postings.records {
            recordGroups[ShardHash.shard(of: record.key, count: recordShards)][record.key] = String(decoding: record.code, as: UTF8.self)
        }
        for (index, group) in recordGroups.enumerated() {
            files.append(File(path: "search/records/\(index).json", data: try encoder.encode(group)))
        }

        // Frequent strings by their first and last two characters.
        var single = String.UnicodeScalarView()
        var trie: [String: [String]] = [:]
        for node in 1..<strings.count {
            let text = strings.characters(of: UInt32(node)).map { characters[Int($0)] }
            if text.count == 1 {
                single.append(text[0])
                continue
            }
            func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: part)
                return String(view)
            }
            trie["F" + string(text.prefix(2)), default: []].append(string(text.dropFirst(2)))
            trie["B" + string(text.suffix(2)), default: []].append(string(text.dropLast(2)))
        }
        let trieBytes = trie.reduce(0) { $0 + $1.key.utf8.count + $1.value.reduce(4) { $0 + $1.utf8.count + 3 } }
        let trieShards = max(1, trieBytes / Self.trieShardBytes)
        var trieGroups = Array(repeating: [String: [String]](), count: trieShards)
        for (key, members) in trie { trieGroups[ShardHash.shard(of: key, count: trieShards)][key] = members.sorted() }
        for (index, group) in trieGroups.enumerated() {
            files.append(File(path: "search/trie/\(index).json", data: try encoder.encode(group)))
        }

        // Facts and text of each document.
        for (index, published) in documents.enumerated() {
            files.append(File(path: "search/docs/\(index).json", data: try encoder.encode(Facts(published))))
            let text = texts[index]
            for chunk in 0..<((text.length + Self.textChunk - 1) / Self.textChunk) {
                let range = chunk * Self.textChunk..<(chunk + 1) * Self.textChunk
                let pieces = text.segments.compactMap { segment -> TextPiece? in
                    let start = max(segment.start, range.lowerBound)
                    let end = min(segment.start + segment.text.count, range.upperBound)
                    guard start < end else { return nil }
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: segment.text[(start - segment.start)..<(end - segment.start)])
                    return TextPiece(start: start, anchor: segment.anchor ?? "", text: String(view))
                }
                files.append(File(path: "search/text/\(index)-\(chunk).json", data: try encoder.encode(pieces)))
            }
        }

        let manifest = Manifest(documents: documents, texts: texts, frequentCharacters: String(single),
                                recordShards: recordShards, trieShards: trieShards, textChunk: Self.textChunk)
        files.append(File(path: "search/manifest.json", data: try encoder.encode(manifest)))
        files.append(File(path: "search/chars.json", data: try encoder.encode(normalizer.characterMapJSON)))

        self.files = files
        statistics = Statistics(
            documents: documents.count, positions: positions, frequentStrings: strings.count - 1,
            records: postings.records.count, recordShards: recordShards, trieShards: trieShards, files: files.count,
            bytes: files.reduce(0) { $0 + $1.data.count })
    }

    /// Documents by date (a document without one by its issue's year), then by address: the order of their
    /// numbers in the index, so that sorting by date is sorting by number and a year is a run of numbers.
    static func dateOrder(_ documents: [PublishedDocument]) -> [PublishedDocument] {
        func key(_ published: PublishedDocument) -> (Int, String) {
            if let date = published.document.date { return (date.year * 10_000 + date.month * 100 + date.day, published.path) }
            return ((published.issue?.year ?? 0) * 10_000, published.path)
        }
        return documents.sorted { key($0) < key($1) }
    }

    static func year(of published: PublishedDocument) -> Int {
        published.document.date?.year ?? published.issue?.year ?? 0
    }

    /// What a result shows of its document.
    struct Facts: Encodable {
        var url: String
        var title: String
        var docNumber: String?
        var date: String?
        var issue: String?
        var issuer: String?

        init(_ published: PublishedDocument) {
            url = published.path
            title = published.document.title
            docNumber = published.document.number?.description
            date = published.document.date?.chinese
            issue = published.issue.map { "\($0.gazette) \($0.year)年第\($0.number)期" }
            issuer = published.document.issuer
        }
    }

    /// Part of a segment: its first position, the id of its heading, article or box ("" for none), its text.
    struct TextPiece: Encodable {
        var start: Int
        var anchor: String
        var text: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(start)
            try container.encode(anchor)
            try container.encode(text)
        }
    }

    struct Manifest: Encodable {
        var format = 1
        var documentCount: Int
        var bodyStart = SearchableText.bodyStart
        var textChunk: Int
        var recordShards: Int
        var trieShards: Int
        var frequentCharacters: String
        var averageLength: Int
        /// Each year with the number of its first document.
        var years: [[Int]]
        var gazettes: [String]
        var issuers: [String]
        var kinds: [String]
        /// Per document, in ``PostingCode``: the index of its gazette, issuer and kind, and its length as
        /// round(8 × log2(1 + length)).
        var columns: [String: String]

        init(documents: [PublishedDocument], texts: [SearchableText], frequentCharacters: String, recordShards: Int,
             trieShards: Int, textChunk: Int) {
            documentCount = documents.count
            self.textChunk = textChunk
            self.recordShards = recordShards
            self.trieShards = trieShards
            self.frequentCharacters = frequentCharacters
            let lengths = texts.map { $0.segments.reduce(0) { $0 + $1.text.count } }
            averageLength = lengths.isEmpty ? 0 : lengths.reduce(0, +) / lengths.count
            years = []
            for (index, document) in documents.enumerated() where years.last?[0] != SearchIndex.year(of: document) {
                years.append([SearchIndex.year(of: document), index])
            }
            let gazetteOf = documents.map { $0.issue?.gazette ?? "单独发布的文件" }
            let issuerOf = documents.map { $0.document.issuer ?? "未注明" }
            let kindOf = documents.map { DocumentKind.of($0.document) }
            gazettes = Array(Set(gazetteOf)).sorted()
            issuers = Array(Set(issuerOf)).sorted()
            kinds = Array(Set(kindOf)).sorted()
            func column(_ values: [Int]) -> String {
                var bytes: [UInt8] = []
                for value in values { PostingCode.append(value, to: &bytes) }
                return String(decoding: bytes, as: UTF8.self)
            }
            let gazetteIndex = Dictionary(uniqueKeysWithValues: gazettes.enumerated().map { ($1, $0) })
            let issuerIndex = Dictionary(uniqueKeysWithValues: issuers.enumerated().map { ($1, $0) })
            let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
            columns = [
                "gazette": column(gazetteOf.map { gazetteIndex[$0]! }),
                "issuer": column(issuerOf.map { issuerIndex[$0]! }),
                "kind": column(kindOf.map { kindIndex[$0]! }),
                "length": column(lengths.map { Int((8 * log2(Double(1 + $0))).rounded()) }),
            ]
        }
    }
}
