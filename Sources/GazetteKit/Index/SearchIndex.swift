public import Foundation
import Synchronization

/// The files of the search index under `search/`, made from the model of the site (never from its pages).
///
/// - `search/manifest.json`: sizes, the frequent single characters, the facets and, for every document
///   (numbered in date order), its gazette, issuer, kind and length, as ``PostingCode`` columns;
/// - `search/chars.json`: the traditional → simplified table of ``SearchNormalizer``, for queries;
/// - `search/trie/N.json`: the frequent strings of two characters or more, by their first two (`F`) and their
///   last two characters (`B`), so the browser can cut a query into pieces;
/// - `search/records/N.json`: the records of ``SearchPostings``, by a hash of their key (``ShardHash``);
/// - `search/text/N-C.json`: the facts of document N (title, 发文字号, date, issue, issuer, address) and its
///   text (as shown, the browser normalises it again to find positions) from position C × 1024, fetched
///   only for results shown: one file gives a result its facts, its snippet and its link. Every document
///   has chunk 0, which is what a result without a match (a facet browsed) fetches.
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
        /// How many different characters the texts have (after normalisation).
        public var alphabet = 0
        /// How long each part of making the index took, in order: for the build's log and the benchmark.
        public var phases: [(name: String, duration: Duration)] = []
    }

    public private(set) var statistics = Statistics()
    /// Whether the text chunks were written before the index was made (``make(_:normalizer:writingTexts:)``).
    private let textsWritten: Bool

    /// The folders the files go into, for the writer to create first.
    public static let folders = ["search", "search/records", "search/trie", "search/text"]

    /// Positions of text a snippet file holds.
    public static let textChunk = 1024
    /// Text files of a document of `length` positions: one per `textChunk`, and chunk 0 always (for the facts).
    static func chunkCount(_ length: Int) -> Int { max(1, (length + textChunk - 1) / textChunk) }
    /// About how many bytes a shard file should hold.
    static let recordShardBytes = 8192
    static let trieShardBytes = 4096

    private let documents: [PublishedDocument]
    private let texts: [SearchableText]
    private let normalizer: SearchNormalizer
    private let postings: SearchPostings
    /// Record numbers by shard.
    private let recordShards: [[Int]]
    /// Frequent strings of two characters or more by their first (`F`) or last (`B`) two, by shard.
    private let trieShards: [[(key: String, members: [String])]]
    private let manifest: Manifest

    /// What the index is made of: the documents in the order of their numbers, and their searchable texts.
    public struct Input: Sendable {
        public var documents: [PublishedDocument]
        public var texts: [SearchableText]

        init(documents: [PublishedDocument], texts: [SearchableText]) {
            self.documents = documents
            self.texts = texts
        }

        public init(site: Site, normalizer: SearchNormalizer) {
            let documents = SearchIndex.dateOrder(site.documents)
            texts = documents.concurrentMap { SearchableText(document: $0.document, note: $0.note, normalizer: normalizer) }
            // From here on only the facts of a document are read (its text is in `texts`): without its parts and
            // links, the site's documents are not held while the index is made.
            self.documents = documents.map { published in
                var facts = published
                facts.document.body = []
                facts.document.annex = []
                facts.document.signatures = []
                facts.document.attachments = []
                facts.document.sourceLines = []
                facts.document.links = DocumentLinks()
                return facts
            }
        }

        /// A fingerprint of the input of `site`'s index made before any text is: what the parser made of each
        /// document is named by its source's parse key (``Site/parseKeys``) and its place in the source; then its
        /// address, issue and note, which later steps set. Nil when a source has no parse key (a build without a
        /// cache). The same key means the same input; another key may still give the same ``fingerprint()``.
        public static func key(of site: Site) -> ContentFingerprint? {
            var places: [String: Int] = [:]
            for issue in site.issues {
                for (place, document) in issue.issue.documents.enumerated() { places[document.id] = place }
            }
            var parts = ["search index key 1"]
            for published in SearchIndex.dateOrder(site.documents) {
                guard let parseKey = site.parseKeys[published.sourceRelativePath] else { return nil }
                let issue = published.issue.map { "\($0.gazette) \($0.year) \($0.number) \($0.path)" } ?? "-"
                parts.append([parseKey, String(places[published.document.id] ?? 0), published.path, issue,
                              published.note ?? "-"].joined(separator: "\u{1}"))
            }
            return ContentFingerprint(text: parts.joined(separator: "\n"))
        }

        /// A fingerprint of everything the index's files depend on, given the same program: two inputs with the
        /// same fingerprint give the same files.
        public func fingerprint() -> ContentFingerprint {
            let parts = Array(documents.indices).concurrentMap { index -> String in
                let published = documents[index], document = published.document
                var fields: [String] = [published.path, document.title, document.number?.description ?? "-",
                                        document.date?.chinese ?? "-", document.issuer ?? "-", DocumentKind.of(document),
                                        published.issue.map { "\($0.gazette) \($0.year) \($0.number)" } ?? "-",
                                        String(SearchIndex.year(of: published))]
                for segment in texts[index].segments {
                    fields.append("\(segment.start) \(segment.count) \(segment.anchor ?? "-") \(segment.source)")
                }
                return ContentFingerprint(text: fields.joined(separator: "\u{1}")).description
            }
            return ContentFingerprint(text: "search index input 1\n" + parts.joined(separator: "\n"))
        }
    }

    /// Makes the index in memory; ``write(_:)`` writes its files.
    public init(site: Site, normalizer: SearchNormalizer) {
        self.init(input: Input(site: site, normalizer: normalizer), normalizer: normalizer)
    }

    /// Makes the index of `input` in memory; ``write(_:)`` writes its files.
    public init(input: consuming Input, normalizer: SearchNormalizer) {
        self.init(input: input, normalizer: normalizer, textsWritten: false)
    }

    private init(input: consuming Input, normalizer: SearchNormalizer, textsWritten: Bool) {
        self.textsWritten = textsWritten
        let clock = ContinuousClock()
        var phases: [(name: String, duration: Duration)] = []
        var phaseStarted = clock.now
        func phase(_ name: String) {
            phases.append((name, clock.now - phaseStarted))
            phaseStarted = clock.now
        }
        self.normalizer = normalizer
        documents = input.documents
        var full: [SearchableText]? = input.texts
        input = Input(documents: [], texts: [])

        // Characters as small ids in code point order; 0 separates segments. Tables by code point, not a set and a
        // dictionary: every character of the archive is looked up, and hashing them cost seconds. (A NUL, which the
        // reader keeps out of every text, would read as a gap between segments.)
        // Each document's normalised characters as code points first, on all cores; then the ids replace them.
        var coded: [[UInt32]] = full!.concurrentMap { text in
            var coded = [UInt32](repeating: 0, count: text.length)
            coded.withUnsafeMutableBufferPointer { coded in
                for segment in text.segments {
                    var position = segment.start
                    normalizer.forEachNormalized(in: segment.source) { character in
                        coded[position] = character.value
                        position += 1
                    }
                    precondition(position == segment.start + segment.count, "a segment's characters were counted")
                }
            }
            return coded
        }
        let codePoints = Int(UInt32(0x10FFFF)) + 1
        var present = [Bool](repeating: false, count: codePoints)
        for text in coded {
            for character in text { present[Int(character)] = true }
        }
        var characters: [Unicode.Scalar] = ["\u{0}"]
        var table = [UInt32](repeating: 0, count: codePoints)
        for value in 1..<codePoints where present[value] {
            table[value] = UInt32(characters.count)
            characters.append(Unicode.Scalar(UInt32(value))!)
        }
        let ids = table

        // Once the snippets' files are written (``make(_:normalizer:writingTexts:)``), the text as shown is let go
        // before the frequent strings are counted: with the coded characters it would be held through the peak.
        texts = textsWritten ? full!.map { $0.droppingSources() } : full!
        full = nil
        let positions = texts.reduce(0) { $0 + $1.segments.reduce(0) { $0 + $1.count } }
        func index<ID: CharacterID>(_ coded: inout [[ID]]) -> (FrequentStrings, SearchPostings) {
            FreedMemory.giveBack()
            phase("characters coded")
            // Pieces of about 1/30,000 of the text: their position lists stay at a few kilobytes. The frequent
            // strings are counted on about 4 million characters.
            let threshold = max(24, positions / 30_000)
            let sampleStep = max(1, positions / 4_000_000)
            let strings = FrequentStrings(texts: coded, threshold: threshold, sampleStep: sampleStep)
            phase("frequent strings")
            let postings = SearchPostings(texts: &coded, strings: strings, characters: characters)
            phase("postings")
            return (strings, postings)
        }
        let strings: FrequentStrings
        if characters.count <= 1 << 16 {
            // Two bytes a character when the archive has at most 65,536 different ones (a few thousand in
            // practice), which halves the largest array the index holds.
            var narrow: [[UInt16]] = coded.concurrentMap { $0.map { UInt16(truncatingIfNeeded: ids[Int($0)]) } }
            coded = []
            (strings, postings) = index(&narrow)
        } else {
            coded = coded.concurrentMap { $0.map { ids[Int($0)] } }
            (strings, postings) = index(&coded)
        }

        // Records by the hash of their key, in about 8 KB shards (a posting is about 5 bytes).
        let recordShardCount = max(1, positions * 2 * 5 / Self.recordShardBytes)
        var recordShards = Array(repeating: [Int](), count: recordShardCount)
        for (index, record) in postings.records.enumerated() {
            recordShards[ShardHash.shard(of: record.key, count: recordShardCount)].append(index)
        }
        self.recordShards = recordShards

        var single = String.UnicodeScalarView()
        var trie: [String: [String]] = [:]
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            return String(view)
        }
        for node in 1..<strings.count {
            let text = strings.characters(of: UInt32(node)).map { characters[Int($0)] }
            if text.count == 1 {
                single.append(text[0])
                continue
            }
            trie["F" + string(text.prefix(2)), default: []].append(string(text.dropFirst(2)))
            trie["B" + string(text.suffix(2)), default: []].append(string(text.dropLast(2)))
        }
        let trieBytes = trie.reduce(0) { $0 + $1.key.utf8.count + $1.value.reduce(4) { $0 + $1.utf8.count + 3 } }
        let trieShardCount = max(1, trieBytes / Self.trieShardBytes)
        var trieShards = Array(repeating: [(key: String, members: [String])](), count: trieShardCount)
        for (key, members) in trie.sorted(by: { $0.key < $1.key }) {
            trieShards[ShardHash.shard(of: key, count: trieShardCount)].append((key, members.sorted()))
        }
        self.trieShards = trieShards

        manifest = Manifest(documents: documents, texts: texts, frequentCharacters: String(single),
                            recordShards: recordShardCount, trieShards: trieShardCount, textChunk: Self.textChunk)
        phase("shards")
        statistics = Statistics(
            documents: documents.count, positions: positions, frequentStrings: strings.count - 1,
            records: postings.records.count, recordShards: recordShardCount, trieShards: trieShardCount,
            alphabet: characters.count - 1, phases: phases)
    }

    /// Makes the index of `input` as ``init(input:normalizer:)`` does, but writes the documents' text chunks with
    /// `write` first and lets go of the text as shown before the postings are made, so the two are never held
    /// together; ``write(_:)`` then writes the other files. Returns the index, and the text files and bytes written.
    public static func make(
        _ input: consuming Input, normalizer: SearchNormalizer, writingTexts write: @Sendable (String, Data) throws -> Void
    ) throws -> (SearchIndex, files: Int, bytes: Int) {
        var input = input
        let clock = ContinuousClock()
        let started = clock.now
        let (files, bytes) = try writeTexts(of: input, normalizer: normalizer, with: write)
        let textsWritten = clock.now - started
        var index = SearchIndex(input: input, normalizer: normalizer, textsWritten: true)
        index.statistics.phases.insert(("texts written", textsWritten), at: 0)
        return (index, files, bytes)
    }

    /// Writes the text chunks of every document, on all cores; returns the number of files and bytes.
    private static func writeTexts(of input: borrowing Input, normalizer: SearchNormalizer,
                                   with write: @Sendable (String, Data) throws -> Void) throws -> (files: Int, bytes: Int) {
        let documents = input.documents, texts = input.texts
        let ranges = stride(from: 0, to: documents.count, by: 128).map { $0..<min(documents.count, $0 + 128) }
        let results = ranges.concurrentMap { range in
            Result {
                try range.reduce(0) { bytes, index in
                    try bytes + writeDocument(index, documents[index], texts[index], normalizer: normalizer, with: write)
                }
            }
        }
        var bytes = 0
        for result in results { bytes += try result.get() }
        return (texts.reduce(0) { $0 + chunkCount($1.length) }, bytes)
    }

    /// Writes every file of the index with `write` (path under the output folder, contents), on all cores.
    /// Returns the number of files and bytes written.
    @discardableResult
    public func write(_ write: @Sendable (String, Data) throws -> Void) throws -> (files: Int, bytes: Int) {
        var jobs: [Job] = [.trie, .manifest]
        jobs += stride(from: 0, to: recordShards.count, by: 64).map { .records($0..<min(recordShards.count, $0 + 64)) }
        if !textsWritten {
            jobs += stride(from: 0, to: documents.count, by: 128).map { .documents($0..<min(documents.count, $0 + 128)) }
        }
        let results = jobs.concurrentMap { job -> Result<Int, any Error> in Result { try run(job, with: write) } }
        var bytes = 0
        for result in results { bytes += try result.get() }
        let textFiles = textsWritten ? 0 : texts.reduce(0) { $0 + Self.chunkCount($1.length) }
        let files = recordShards.count + trieShards.count + 2 + textFiles
        return (files, bytes)
    }

    /// A share of the files, written on one core.
    private enum Job: Sendable {
        case records(Range<Int>)
        case trie
        case documents(Range<Int>)
        case manifest
    }

    private func run(_ job: Job, with write: (String, Data) throws -> Void) throws -> Int {
        var bytes = 0
        switch job {
        case .records(let shards):
            for shard in shards {
                var json = JSONWriter(capacity: Self.recordShardBytes * 2)
                json.raw("{")
                let records = recordShards[shard].map { postings.records[$0] }.sorted { $0.key < $1.key }
                for (index, record) in records.enumerated() {
                    if index > 0 { json.raw(",") }
                    json.string(record.key)
                    json.raw(":")
                    json.code(postings.code(of: record))
                }
                json.raw("}")
                try write("search/records/\(shard).json", Data(json.bytes))
                bytes += json.bytes.count
            }
        case .trie:
            for (shard, entries) in trieShards.enumerated() {
                var json = JSONWriter()
                json.raw("{")
                for (index, entry) in entries.enumerated() {
                    if index > 0 { json.raw(",") }
                    json.string(entry.key)
                    json.raw(":[")
                    for (member, text) in entry.members.enumerated() {
                        if member > 0 { json.raw(",") }
                        json.string(text)
                    }
                    json.raw("]")
                }
                json.raw("}")
                try write("search/trie/\(shard).json", Data(json.bytes))
                bytes += json.bytes.count
            }
        case .documents(let range):
            for index in range {
                bytes += try Self.writeDocument(index, documents[index], texts[index], normalizer: normalizer, with: write)
            }
        case .manifest:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let files = [("search/manifest.json", try encoder.encode(manifest)),
                         ("search/chars.json", try encoder.encode(normalizer.characterMapJSON))]
            for (path, data) in files { try write(path, data) }
            bytes = files.reduce(0) { $0 + $1.1.count }
        }
        return bytes
    }

    /// Writes the text chunks of one document, each with the document's facts.
    private static func writeDocument(_ index: Int, _ published: PublishedDocument, _ text: SearchableText,
                                      normalizer: SearchNormalizer, with write: (String, Data) throws -> Void) throws -> Int {
        var facts = JSONWriter()
        facts.raw("{")
        let fields: [(String, String?)] = [
            ("date", published.document.date?.chinese), ("docNumber", published.document.number?.description),
            ("issue", published.issue.map { "\($0.gazette) \($0.year)年第\($0.number)期" }),
            ("issuer", published.document.issuer), ("title", published.document.title), ("url", published.path),
        ]
        for (name, value) in fields {
            guard let value else { continue }
            if facts.bytes.count > 1 { facts.raw(",") }
            facts.string(name)
            facts.raw(":")
            facts.string(value)
        }
        facts.raw("}")
        var bytes = 0
        // Each segment cut at the chunks' borders in one pass, then each chunk written with its pieces in order.
        // A document without text still has chunk 0, for its facts.
        var chunks = Array(repeating: [(start: Int, anchor: String, text: String)](), count: Self.chunkCount(text.length))
        for segment in text.segments {
            for piece in segment.sourcePieces(chunkSize: Self.textChunk, normalizer: normalizer) {
                chunks[piece.chunk].append((piece.start, segment.anchor ?? "", piece.text))
            }
        }
        for (chunk, pieces) in chunks.enumerated() {
            var json = JSONWriter()
            json.raw("{\"facts\":")
            json.raw(facts.bytes)
            json.raw(",\"pieces\":[")
            for (position, piece) in pieces.enumerated() {
                if position > 0 { json.raw(",") }
                json.raw("[")
                json.number(piece.start)
                json.raw(",")
                json.string(piece.anchor)
                json.raw(",")
                json.string(piece.text)
                json.raw("]")
            }
            json.raw("]}")
            try write("search/text/\(index)-\(chunk).json", Data(json.bytes))
            bytes += json.bytes.count
        }
        return bytes
    }

    /// Every file in memory, by path: for tests.
    public func files() throws -> [File] {
        let files = Mutex<[File]>([])
        try write { path, data in files.withLock { $0.append(File(path: path, data: data)) } }
        return files.withLock { $0 }.sorted { $0.path < $1.path }
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

    struct Manifest: Encodable {
        /// 2: the facts of a document are in each of its text chunks (1 had them in `docs/N.json`).
        var format = 2
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
            let lengths = texts.map { $0.segments.reduce(0) { $0 + $1.count } }
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
