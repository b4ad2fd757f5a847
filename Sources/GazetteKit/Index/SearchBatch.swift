import Foundation

/// One batch of the search index: a run of documents in index order of about ``SearchIndex/batchCharacters``
/// characters (``SearchIndex/batches(of:characters:)``), indexed on its own under `search/B/` (B the batch's
/// number), its documents numbered from 0:
///
/// - `search/B/records/N.json`: the records of ``SearchPostings``, by a hash of their key (``ShardHash``);
/// - `search/B/text/N-C.json`: the facts of the batch's document N (title, 发文字号, date, issue, issuer, address)
///   and its text (as shown, the browser normalises it again to find positions) from position C × 1024, fetched
///   only for results shown. Every document has chunk 0, which is what a result without a match (a facet browsed)
///   fetches.
///
/// The batch's frequent strings of two characters or more go into the trie of the whole index
/// (``SearchIndex``), which is small and written again by every build. A batch's files depend on its documents
/// alone: a build in which they did not change keeps them as they are, so a new issue, which comes last in index
/// order (``SearchIndex/indexOrder(_:)``), makes only the last batch again.
struct SearchBatch: Sendable {
    /// What the manifest and the next build need to know of a batch, without its records.
    struct Summary: Codable, Sendable, Equatable {
        var documents: Int
        var recordShards: Int
        /// The characters frequent in the batch, which the browser reads as single-character pieces.
        var frequentCharacters: String
        /// The batch's frequent strings of two characters or more, sorted: they make the index's trie.
        var frequentStrings: [String]
        /// Normalised characters of each document's text (the length search ranks by).
        var lengths: [Int]
        var records: Int
        /// How many different characters the batch's texts have (after normalisation).
        var alphabet: Int
    }

    /// The folders of batch `number`'s files, for the writer to create first.
    static func folders(of number: Int) -> [String] {
        ["search/\(number)", "search/\(number)/records", "search/\(number)/text"]
    }

    /// Positions of text a snippet file holds.
    static let textChunk = 1024
    /// Text files of a document of `length` positions: one per `textChunk`, and chunk 0 always (for the facts).
    static func chunkCount(_ length: Int) -> Int { max(1, (length + textChunk - 1) / textChunk) }
    /// About how many bytes a shard file should hold.
    static let recordShardBytes = 8192

    let number: Int
    let summary: Summary
    /// How long each part of making the batch took, in order.
    let phases: [(name: String, duration: Duration)]
    private let postings: SearchPostings
    /// Record numbers by shard.
    private let recordShards: [[Int]]

    /// Makes batch `number` of `documents` with their `texts` in memory; ``write(_:)`` writes its files. The text
    /// chunks are not among them: ``writeTexts(of:_:number:normalizer:with:)`` writes those first, and the texts
    /// are let go once their characters are coded, before the postings are made.
    init(number: Int, documents: [PublishedDocument], texts: consuming [SearchableText], normalizer: SearchNormalizer) {
        self.number = number
        let clock = ContinuousClock()
        var phases: [(name: String, duration: Duration)] = []
        var phaseStarted = clock.now
        func phase(_ name: String) {
            phases.append((name, clock.now - phaseStarted))
            phaseStarted = clock.now
        }
        // Characters as small ids in code point order; 0 separates segments. Tables by code point, not a set and a
        // dictionary: every character of the archive is looked up, and hashing them cost seconds. (A NUL, which the
        // reader keeps out of every text, would read as a gap between segments.)
        // Each document's normalised characters as code points first, on all cores; then the ids replace them.
        var coded: [[UInt32]] = texts.concurrentMap { text in
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
        let lengths = texts.map { $0.segments.reduce(0) { $0 + $1.count } }
        texts = []
        let positions = lengths.reduce(0, +)
        func index<ID: CharacterID>(_ coded: inout [[ID]]) -> (FrequentStrings, SearchPostings) {
            FreedMemory.giveBack()
            phase("characters coded")
            // A piece (a string that is not frequent) occurs fewer than `threshold` times in the batch, so its
            // position list stays at a few kilobytes: 1,024 times, or 1/30,000 of a larger batch's text. Not less
            // in a smaller batch: boilerplate repeated in a few hundred documents of one period would make
            // hundreds of thousands of frequent strings. The frequent strings are counted on every k-th document,
            // about 1.5 million characters of each batch (4 million made three batches count three times what one
            // index of the archive did); which strings are frequent changes sizes, never answers.
            let threshold = max(1_024, positions / 30_000)
            let sampleStep = max(1, positions / 1_500_000)
            let strings = FrequentStrings(texts: coded, threshold: threshold, sampleStep: sampleStep)
            phase("frequent strings")
            let postings = SearchPostings(texts: &coded, strings: strings, characters: characters)
            phase("postings")
            return (strings, postings)
        }
        let strings: FrequentStrings
        if characters.count <= 1 << 16 {
            // Two bytes a character when the batch has at most 65,536 different ones (a few thousand in
            // practice), which halves the largest array the index holds.
            var narrow: [[UInt16]] = coded.concurrentMap { $0.map { UInt16(truncatingIfNeeded: ids[Int($0)]) } }
            coded = []
            (strings, postings) = index(&narrow)
        } else {
            coded = coded.concurrentMap { $0.map { ids[Int($0)] } }
            (strings, postings) = index(&coded)
        }

        // Records by the hash of their key, in shards of about 8 KB (a posting is about 5 bytes): a query reads one
        // for each piece in every batch.
        let recordShardCount = max(1, positions * 2 * 5 / Self.recordShardBytes)
        var recordShards = Array(repeating: [Int](), count: recordShardCount)
        for (index, record) in postings.records.enumerated() {
            recordShards[ShardHash.shard(of: record.key, count: recordShardCount)].append(index)
        }
        self.recordShards = recordShards

        var single = String.UnicodeScalarView()
        var longer: [String] = []
        for node in 1..<strings.count {
            let text = strings.characters(of: UInt32(node)).map { characters[Int($0)] }
            if text.count == 1 {
                single.append(text[0])
            } else {
                longer.append(String(String.UnicodeScalarView(text)))
            }
        }
        phase("shards")
        self.phases = phases
        summary = Summary(documents: documents.count, recordShards: recordShardCount,
                          frequentCharacters: String(single), frequentStrings: longer.sorted(), lengths: lengths,
                          records: postings.records.count, alphabet: characters.count - 1)
    }

    /// Writes the record files with `write` (path under the output folder, contents), on all cores. Returns the
    /// number of files and bytes written.
    func write(_ write: @Sendable (String, Data) throws -> Void) throws -> (files: Int, bytes: Int) {
        let jobs = stride(from: 0, to: recordShards.count, by: 64).map { $0..<min(recordShards.count, $0 + 64) }
        let results = jobs.concurrentMap { shards -> Result<Int, any Error> in
            Result { try writeRecords(shards, with: write) }
        }
        var bytes = 0
        for result in results { bytes += try result.get() }
        return (recordShards.count, bytes)
    }

    /// Writes a share of the record files, on one core.
    private func writeRecords(_ shards: Range<Int>, with write: (String, Data) throws -> Void) throws -> Int {
        var bytes = 0
        for shard in shards {
            var json = JSONWriter(capacity: Self.recordShardBytes * 2)
            json.raw("{")
            let records = recordShards[shard].map { postings.records[$0] }.sorted { $0.key < $1.key }
            for (index, record) in records.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(record.key)
                json.raw(":")
                json.code { postings.appendCode(of: record, to: &$0) }
            }
            json.raw("}")
            try write("search/\(number)/records/\(shard).json", Data(json.bytes))
            bytes += json.bytes.count
        }
        return bytes
    }

    /// Writes the text chunks of batch `number`'s documents, on all cores; returns the number of files and bytes.
    static func writeTexts(of documents: [PublishedDocument], _ texts: [SearchableText], number: Int,
                           normalizer: SearchNormalizer,
                           with write: @Sendable (String, Data) throws -> Void) throws -> (files: Int, bytes: Int) {
        let ranges = stride(from: 0, to: documents.count, by: 128).map { $0..<min(documents.count, $0 + 128) }
        let results = ranges.concurrentMap { range in
            Result {
                try range.reduce(0) { bytes, index in
                    try bytes + writeDocument(index, documents[index], texts[index], batch: number,
                                              normalizer: normalizer, with: write)
                }
            }
        }
        var bytes = 0
        for result in results { bytes += try result.get() }
        return (texts.reduce(0) { $0 + chunkCount($1.length) }, bytes)
    }

    /// Writes the text chunks of one document, each with the document's facts.
    private static func writeDocument(
        _ index: Int, _ published: PublishedDocument, _ text: SearchableText, batch: Int,
        normalizer: SearchNormalizer, with write: (String, Data) throws -> Void
    ) throws -> Int {
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
        var chunks = Array(repeating: [(start: Int, anchor: String, text: String)](),
                           count: Self.chunkCount(text.length))
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
            try write("search/\(batch)/text/\(index)-\(chunk).json", Data(json.bytes))
            bytes += json.bytes.count
        }
        return bytes
    }
}
