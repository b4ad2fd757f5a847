public import Foundation
import Synchronization

/// The files of the search index under `search/`, made from the model of the site (never from its pages).
///
/// - `search/manifest.json`: sizes, the batches, the facets and, for every document (numbered in the order of
///   ``indexOrder(_:)``), its gazette, issuer, kind, date and length, as ``PostingCode`` columns;
/// - `search/chars.json`: the traditional → simplified table of ``SearchNormalizer``, for queries;
/// - `search/trie/N.json`: the frequent strings of two characters or more of every batch, by their first two (`F`)
///   and their last two characters (`B`), each with the batches it is frequent in, so the browser can cut a query
///   into pieces for each batch with one file: `{"F乡村": {"": [0, 2], "振兴": [2]}}`. Small, and written again by
///   every build;
/// - `search/B/…`: batch B (``SearchBatch``): a run of documents (``batches(of:characters:)``) with their own
///   frequent strings, records and text chunks. A query is answered in every batch and the answers joined.
///
/// The browser side is `Templates/assets/search-core.js`.
public struct SearchIndex: Sendable {
    public struct File: Sendable {
        public var path: String
        public var data: Data
    }

    /// About how many characters of text a batch holds. A build makes again only the batches whose documents
    /// changed, and a query reads every batch: larger batches make queries fetch fewer files and rebuilds index
    /// more text.
    public static let batchCharacters = 16_000_000

    /// What the index holds, for the build's report and the benchmark.
    public struct Statistics: Sendable {
        public var documents = 0
        public var positions = 0
        public var frequentStrings = 0
        public var records = 0
        public var recordShards = 0
        public var trieShards = 0
        /// How many different characters the texts of the largest alphabet's batch have (after normalisation).
        public var alphabet = 0
        public var batches = 0
        /// Batches made by this build (the others were kept from the last build).
        public var batchesMade = 0
        /// How long each part of making the index took, summed over the batches made, in order: for the build's
        /// log and the benchmark.
        public var phases: [(name: String, duration: Duration)] = []
        /// Files and bytes written (kept batches' files are not counted).
        public var files = 0
        public var bytes = 0

        mutating func add(_ summary: SearchBatch.Summary) {
            batches += 1
            documents += summary.documents
            positions += summary.lengths.reduce(0, +)
            frequentStrings += summary.frequentCharacters.unicodeScalars.count + summary.frequentStrings.count
            records += summary.records
            recordShards += summary.recordShards
            alphabet = max(alphabet, summary.alphabet)
        }

        mutating func add(_ phases: [(name: String, duration: Duration)]) {
            for phase in phases {
                if let index = self.phases.firstIndex(where: { $0.name == phase.name }) {
                    self.phases[index].duration += phase.duration
                } else {
                    self.phases.append(phase)
                }
            }
        }
    }

    /// The folders every index has, for the writer to create first (each batch has its own: ``SearchBatch``).
    public static let folders = ["search", "search/trie"]
    /// About how many bytes a trie file should hold: a query reads one for each of its characters, and the whole
    /// trie is a few megabytes, so its files are small.
    static let trieShardBytes = 1024

    /// The trie files of the index (`search/trie/N.json`) made from its batches' frequent strings.
    static func trieFiles(of batches: [SearchBatch.Summary]) -> [(path: String, data: Data)] {
        var trie: [String: [String: [Int]]] = [:]
        for (number, batch) in batches.enumerated() {
            for string in batch.frequentStrings {
                // Cut by scalars, as the search page reads them: the first two and the rest, the last two and the rest.
                let scalars = string.unicodeScalars
                let second = scalars.index(scalars.startIndex, offsetBy: 2, limitedBy: scalars.endIndex) ?? scalars.endIndex
                let nextToLast = scalars.index(scalars.endIndex, offsetBy: -2, limitedBy: scalars.startIndex)
                    ?? scalars.startIndex
                let (first, last) = ("F" + String(scalars[..<second]), "B" + String(scalars[nextToLast...]))
                trie[first, default: [:]][String(scalars[second...]), default: []].append(number)
                trie[last, default: [:]][String(scalars[..<nextToLast]), default: []].append(number)
            }
        }
        let bytes = trie.reduce(0) { total, entry in
            total + entry.key.utf8.count + entry.value.reduce(4) { $0 + $1.key.utf8.count + 5 + 2 * $1.value.count }
        }
        let shardCount = max(1, bytes / trieShardBytes)
        var shards = Array(repeating: [String](), count: shardCount)
        for key in trie.keys.sortedByUTF8() { shards[ShardHash.shard(of: key, count: shardCount)].append(key) }
        return shards.enumerated().map { shard, keys in
            var json = JSONWriter()
            json.raw("{")
            for (index, key) in keys.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(key)
                json.raw(":{")
                let members = trie[key]!
                for (position, member) in members.keys.sortedByUTF8().enumerated() {
                    if position > 0 { json.raw(",") }
                    json.string(member)
                    json.raw(":[")
                    for (place, batch) in members[member]!.enumerated() {
                        if place > 0 { json.raw(",") }
                        json.number(batch)
                    }
                    json.raw("]")
                }
                json.raw("}")
            }
            json.raw("}")
            return ("search/trie/\(shard).json", Data(json.bytes))
        }
    }

    /// The batches of `documents` (in index order), as ranges of their numbers. A batch holds at least half of
    /// `characters`; past that, it ends after a document with a chance of its length in half of `characters`
    /// (always when it is longer), drawn from a hash of its address, and at the latest after the document that
    /// takes it to twice `characters` (``mostCharacters(_:)``). Batches then hold between half and about twice
    /// `characters`, `characters` on average (a chance alone gave the gaps of a geometric law: one batch of
    /// make-archive 1000 held 70 % of its text; without the limit, one of make-archive 10000 held 75 million
    /// characters, and the memory of the build is the memory of its largest batch). Where a batch ends depends on
    /// the documents since its start and on the drawn documents alone: an edited document moves at most the end of
    /// its batch, and from the first end both cuttings share (most often the next one) the batches are the same
    /// again. Documents added at the end of the archive (a new issue) change only the last batch, which ends with
    /// the archive.
    static func batches(of documents: [PublishedDocument], characters: Int) -> [Range<Int>] {
        let lengths = documents.concurrentMap(\.document.searchLength)
        let least = max(1, characters / 2)
        let most = mostCharacters(characters)
        var batches: [Range<Int>] = []
        var start = 0
        var held = 0
        for (number, published) in documents.enumerated() {
            held += lengths[number]
            let last = number == documents.count - 1
            let drawn = held >= least && draw(published.path) * Double(least) < Double(lengths[number])
            if last || drawn || held >= most {
                batches.append(start..<(number + 1))
                start = number + 1
                held = 0
            }
        }
        return batches
    }

    /// The characters after which a batch of about `characters` ends whatever the draw says: twice as many.
    static func mostCharacters(_ characters: Int) -> Int { max(1, characters / 2) * 4 }

    /// About how many characters a document's searchable text has (its title, 发文字号 and blocks), without
    /// making it: batches are cut before any text is made. Counted as UTF-8 bytes over 3 (a Chinese character is 3
    /// bytes), which a string knows without reading its characters.
    static func textLength(of document: Document) -> Int {
        var bytes = document.title.utf8.count + (document.number?.description.utf8.count ?? 0)
        for block in (document.body + document.annex).flatMap(\.flattened) {
            bytes += block.text.utf8.count
            switch block.kind {
            case .table(let rows): bytes += rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count } }
            case .contents(let entries): bytes += entries.reduce(0) { $0 + $1.utf8.count }
            default: break
            }
        }
        return bytes / 3
    }

    /// A number in [0, 1) from FNV-1a (64 bits) over the UTF-8 of `text`, mixed (MurmurHash3's finaliser) so that
    /// addresses that differ in their last characters draw far apart: the same on every machine and build.
    static func draw(_ text: String) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }

    /// What the index is made of: the documents in the order of their numbers, with their parts while the
    /// searchable texts of their batch are still to be made (their facts alone otherwise), and the batches. A
    /// batch's texts are made when it is (``takeTexts(ofBatch:)``), so the texts of one batch are held at a time,
    /// and the documents' parts are let go batch by batch.
    public struct Input: Sendable {
        public private(set) var documents: [PublishedDocument]
        /// The batches, as ranges of document numbers.
        public let batches: [Range<Int>]
        /// For each batch, whether its texts are still to be made.
        private var toMake: [Bool]
        private let normalizer: SearchNormalizer
        /// Where the parts of the documents are read back from, for their texts.
        private let parts: StoredParts

        /// The input of `site`'s index, with the texts of the batches `making` accepts (by number). `order` is
        /// the documents in index order and their batches, when ``keys(of:batchCharacters:)`` made them already.
        public init(site: Site, normalizer: SearchNormalizer, batchCharacters: Int = SearchIndex.batchCharacters,
                    order: (documents: [PublishedDocument], batches: [Range<Int>])? = nil,
                    making: (Int) -> Bool = { _ in true }) {
            documents = order?.documents ?? SearchIndex.indexOrder(site)
            batches = order?.batches ?? SearchIndex.batches(of: documents, characters: batchCharacters)
            toMake = batches.indices.map(making)
            self.normalizer = normalizer
            parts = site.storedParts
            // No file of the index reads a document's links: they are let go at once.
            for number in documents.indices { documents[number].document.links = DocumentLinks() }
            for (batch, range) in batches.enumerated() where !toMake[batch] { keepFacts(of: range) }
        }

        /// The searchable texts of batch `batch`'s documents, made now (nil when the batch is not to be made, or
        /// its texts were taken); from here on only the facts of its documents are read, and their parts let go.
        mutating func takeTexts(ofBatch batch: Int) throws -> [SearchableText]? {
            guard toMake[batch] else { return nil }
            toMake[batch] = false
            let range = batches[batch]
            let texts = try parts.withParts(Array(documents[range])).concurrentMap { [normalizer] published in
                SearchableText(document: published.document, note: published.note, normalizer: normalizer)
            }
            keepFacts(of: range)
            return texts
        }

        /// Lets go of the parts of the documents in `range`: what the batch's files and the manifest read of a
        /// document are its facts.
        private mutating func keepFacts(of range: Range<Int>) {
            for number in range {
                documents[number].document.body = []
                documents[number].document.annex = []
                documents[number].document.signatures = []
                documents[number].document.attachments = []
                documents[number].document.sourceLines = []
            }
        }

        /// The keys of `site`'s index, made before any text is: of each document (in index order, with the documents
        /// in that order and the batches as ranges of it) and of each batch. What the parser made of a document is
        /// named by its source's parse key (``Site/parseKeys``) and its place in the source; then its address,
        /// issue and note, which later steps set. Nil when a source has no parse key (a build without a cache). The
        /// same key means the same input; another key may still give the same fingerprint
        /// (``SearchIndex/fingerprint(of:text:)``).
        static func keys(of site: Site, batchCharacters: Int = SearchIndex.batchCharacters)
            -> (batches: [ContentFingerprint], ranges: [Range<Int>], ordered: [PublishedDocument],
                documents: [String])? {
            var parts: [String] = []
            let documents = SearchIndex.indexOrder(site)
            for published in documents {
                guard let parseKey = site.parseKeys[published.sourceRelativePath] else { return nil }
                let issue = published.issue.map { "\($0.gazette) \($0.year) \($0.number) \($0.path)" } ?? "-"
                parts.append([parseKey, String(published.position), published.path, issue,
                              published.note ?? "-"].joined(separator: "\u{1}"))
            }
            let ranges = SearchIndex.batches(of: documents, characters: batchCharacters)
            let batches = ranges.map { batch in
                ContentFingerprint(text: "search batch key 2\n" + parts[batch].joined(separator: "\n"))
            }
            return (batches, ranges, documents, parts.map { ContentFingerprint(text: $0).description })
        }

        /// The fingerprint of each document of batch `batch` (``SearchIndex/fingerprint(of:text:)``), in order,
        /// given the batch's texts.
        func documentFingerprints(ofBatch batch: Int, texts: [SearchableText]) -> [String] {
            let range = batches[batch]
            return Array(range).concurrentMap { [documents] number in
                SearchIndex.fingerprint(of: documents[number], text: texts[number - range.lowerBound])
            }
        }
    }

    /// A fingerprint of everything a document gives its batch's files: its facts and its searchable text.
    static func fingerprint(of published: PublishedDocument, text: SearchableText) -> String {
        let document = published.document
        var fields: [String] = [published.path, document.title, document.number?.description ?? "-",
                                document.date?.chinese ?? "-", document.issuer ?? "-", DocumentKind.of(document),
                                published.issue.map { "\($0.gazette) \($0.year) \($0.number)" } ?? "-",
                                String(SearchIndex.day(of: published))]
        for segment in text.segments {
            fields.append("\(segment.start) \(segment.count) \(segment.anchor ?? "-") \(segment.source)")
        }
        return ContentFingerprint(text: fields.joined(separator: "\u{1}")).description
    }

    /// The fingerprint of a batch's input from those of its documents, in order: two inputs with the same fingerprint
    /// give the same files (given the same program).
    static func fingerprint(ofDocuments documents: [String]) -> ContentFingerprint {
        ContentFingerprint(text: "search batch input 2\n" + documents.joined(separator: "\n"))
    }

    /// A batch as ``write(_:normalizer:keeping:createFolder:with:)`` left it: its summary and the fingerprint of its
    /// input (nil when its texts were not made).
    struct Batch: Sendable {
        var summary: SearchBatch.Summary
        var fingerprint: ContentFingerprint?
        /// The fingerprints of its documents, when its texts were made.
        var documentFingerprints: [String]?
    }

    /// Makes the index of `input` and writes its files with `write` (path under the output folder, contents), one
    /// batch after the other, each on all cores: a batch's text chunks first, then, with the text as shown let go,
    /// its records, so only one batch's postings are ever held; then the trie of all batches and the manifest. A
    /// batch for which `keeping` gives a summary (given its number and the fingerprint of its input, nil when the
    /// input has no texts for it) is not made: the last build's files serve. `createFolder` is called for each
    /// folder before files are written into it (``folders`` first). Returns what the index holds and each batch.
    static func write(
        _ input: consuming Input, normalizer: SearchNormalizer,
        keeping: (Int, ContentFingerprint?) -> SearchBatch.Summary? = { _, _ in nil },
        createFolder: (String) throws -> Void = { _ in },
        with write: @Sendable (String, Data) throws -> Void
    ) throws -> (statistics: Statistics, batches: [Batch]) {
        var input = input
        var statistics = Statistics()
        var batches: [Batch] = []
        let clock = ContinuousClock()
        for folder in folders { try createFolder(folder) }
        for (number, range) in input.batches.enumerated() {
            var madeTexts = try input.takeTexts(ofBatch: number)
            let documentFingerprints = madeTexts.map { input.documentFingerprints(ofBatch: number, texts: $0) }
            let fingerprint = documentFingerprints.map(SearchIndex.fingerprint(ofDocuments:))
            if let summary = keeping(number, fingerprint) {
                statistics.add(summary)
                batches.append(Batch(summary: summary, fingerprint: fingerprint,
                                     documentFingerprints: documentFingerprints))
                continue
            }
            guard let texts = madeTexts else {
                preconditionFailure("batch \(number) is neither kept nor has texts to be made from")
            }
            madeTexts = nil
            let documents = Array(input.documents[range])
            let started = clock.now
            for folder in SearchBatch.folders(of: number) { try createFolder(folder) }
            let (textFiles, textBytes) = try SearchBatch.writeTexts(of: documents, texts, number: number,
                                                                   normalizer: normalizer, with: write)
            let textsWritten = clock.now - started
            // The texts go into the batch, which lets them go once their characters are coded.
            let batch = SearchBatch(number: number, documents: documents, texts: consume texts, normalizer: normalizer)
            let (files, bytes) = try batch.write(write)
            statistics.add(batch.summary)
            statistics.add([("texts written", textsWritten)] + batch.phases)
            statistics.batchesMade += 1
            statistics.files += files + textFiles
            statistics.bytes += bytes + textBytes
            batches.append(Batch(summary: batch.summary, fingerprint: fingerprint,
                                 documentFingerprints: documentFingerprints))
            FreedMemory.giveBack()
        }
        let trie = trieFiles(of: batches.map(\.summary))
        statistics.trieShards = trie.count
        let manifest = Manifest(documents: input.documents, batches: batches.map(\.summary), trieShards: trie.count)
        let encoder = SortedJSONEncoder(pretty: false)
        let files = trie + [("search/manifest.json", try encoder.encode(manifest)),
                            ("search/chars.json", try encoder.encode(normalizer.characterMapJSON))]
        for (path, data) in files { try write(path, data) }
        statistics.files += files.count
        statistics.bytes += files.reduce(0) { $0 + $1.1.count }
        return (statistics, batches)
    }

    /// Every file of `site`'s index in memory, by path, and what the index holds: for tests and checks.
    public static func files(of site: Site, normalizer: SearchNormalizer,
                             batchCharacters: Int = SearchIndex.batchCharacters)
        throws -> (files: [File], statistics: Statistics) {
        let files = Mutex<[File]>([])
        let input = Input(site: site, normalizer: normalizer, batchCharacters: batchCharacters)
        let (statistics, _) = try write(input, normalizer: normalizer) { path, data in
            files.withLock { $0.append(File(path: path, data: data)) }
        }
        return (files.withLock { $0 }.sorted { $0.path < $1.path }, statistics)
    }

    /// The documents in the order of their numbers in the index: an issue's documents together in printed order,
    /// the issues by the day they were published (an issue without its 出版日期 at the start of its year), then by
    /// gazette, year and number; a document outside any issue by its own date among them (without one, first).
    /// A batch then holds what issues hold, an edited or removed issue changes the batch it is in, and a new issue,
    /// published last, the last batch. Dates order results through the manifest (``day(of:)``), not this order.
    static func indexOrder(_ site: Site) -> [PublishedDocument] {
        struct Key: Comparable {
            var day: Int, gazette: String, year: Int, number: Int, path: String, place: Int
            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.day, lhs.gazette, lhs.year, lhs.number, lhs.path, lhs.place)
                    < (rhs.day, rhs.gazette, rhs.year, rhs.number, rhs.path, rhs.place)
            }
        }
        let documents = site.documents
        let keys = documents.enumerated().map { place, published in
            guard let issue = published.issue else {
                return Key(day: published.document.date.map(dayNumber) ?? 0, gazette: "", year: 0, number: 0,
                           path: published.path, place: place)
            }
            return Key(day: issue.published.map(dayNumber) ?? issue.year * 10_000, gazette: issue.gazette,
                       year: issue.year, number: issue.number, path: issue.path, place: place)
        }
        return documents.indices.sorted { keys[$0] < keys[$1] }.map { documents[$0] }
    }

    /// The day a search result is dated by, as `yyyymmdd`: the document's date, else its issue's 出版日期 when
    /// that falls in the issue's year, else the start of the issue's year (`yyyy0000`); 0 when none is known. Its
    /// year is the result's year: the document's, else its issue's (an issue of 2022 printed in January 2023 keeps
    /// its undated documents in 2022).
    static func day(of published: PublishedDocument) -> Int {
        if let date = published.document.date { return dayNumber(date) }
        guard let issue = published.issue else { return 0 }
        if let printed = issue.published, printed.year == issue.year { return dayNumber(printed) }
        return issue.year * 10_000
    }

    private static func dayNumber(_ date: CalendarDate) -> Int { date.year * 10_000 + date.month * 100 + date.day }

    struct Manifest: Encodable {
        /// 4: documents in the order of their issues, each with its date (`dates`, column `date`); 3 numbered them
        /// in date order and gave years as runs of numbers, in batches (``SearchBatch``); 2 had one index for all,
        /// with the facts of a document in each of its text chunks; 1 had them in `docs/N.json`.
        var format = 4
        var documentCount: Int
        var bodyStart = SearchableText.bodyStart
        var textChunk = SearchBatch.textChunk
        /// Per batch, in order: its number of documents (the first batch's are numbered from 0, the next one's
        /// from there), record shards and frequent characters.
        var batches: [BatchEntry]
        var trieShards: Int
        var averageLength: Int
        /// The days results are dated by (``SearchIndex/day(of:)``, `yyyymmdd`), in order: the `date` column
        /// gives each document's place in it.
        var dates: [Int]
        var gazettes: [String]
        var issuers: [String]
        var kinds: [String]
        /// Per document, in ``PostingCode``: the index of its gazette, issuer, kind and date, and its length as
        /// round(8 × log2(1 + length)).
        var columns: [String: String]

        struct BatchEntry: Encodable {
            var documents: Int
            var recordShards: Int
            var frequentCharacters: String
        }

        init(documents: [PublishedDocument], batches: [SearchBatch.Summary], trieShards: Int) {
            documentCount = documents.count
            self.trieShards = trieShards
            self.batches = batches.map {
                BatchEntry(documents: $0.documents, recordShards: $0.recordShards,
                           frequentCharacters: $0.frequentCharacters)
            }
            let lengths = batches.flatMap(\.lengths)
            precondition(lengths.count == documents.count, "every document is in one batch")
            averageLength = lengths.isEmpty ? 0 : lengths.reduce(0, +) / lengths.count
            let dayOf = documents.map(SearchIndex.day(of:))
            dates = Array(Set(dayOf)).sorted()
            let dateIndex = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
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
                "date": column(dayOf.map { dateIndex[$0]! }),
                "length": column(lengths.map { Int((8 * log2(Double(1 + $0))).rounded()) }),
            ]
        }
    }
}
