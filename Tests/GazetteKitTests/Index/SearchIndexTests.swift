import Foundation
import Testing
@testable import GazetteKit

/// The index writer on the sample site: every query answered from its files alone is exactly the set of
/// documents whose searchable text contains it, and two builds write the same bytes.
@Suite struct SearchIndexTests {
    static let normalizer = SearchNormalizer(converter: try! TraditionalToSimplified())
    /// Batches of about 5,000 characters: the sample site's index has several, so every query below is answered in
    /// each batch and the answers joined.
    static let batchCharacters = 5_000
    static let files = try! SampleSite.prepared.searchIndexFiles(batchCharacters: batchCharacters).files
    /// The number of the first document of each batch, from the manifest.
    static let batchFirsts: [Int] = {
        let manifest = try! JSONSerialization.jsonObject(
            with: files.first { $0.path == "search/manifest.json" }!.data) as! [String: Any]
        var first = 0
        return (manifest["batches"] as! [[String: Any]]).map { batch in
            defer { first += batch["documents"] as! Int }
            return first
        }
    }()
    static let reader = IndexReader(files: files)
    static let texts = SearchIndex.indexOrder(SampleSite.prepared.site)
        .map { SearchableText(document: $0.document, note: $0.note, normalizer: normalizer) }

    /// Documents whose segments contain `query`, by brute force over the model's text.
    static func truth(_ query: [Unicode.Scalar]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for (document, text) in texts.enumerated() {
            let segments = text.segments.map { normalizer.normalize($0.source) }
            for characters in segments where characters.count >= query.count {
                for start in 0...(characters.count - query.count)
                where characters[start..<(start + query.count)].elementsEqual(query) {
                    found[document, default: 0] += 1
                }
            }
        }
        return found
    }

    @Test func normalizationAgreesWithTheSharedFixture() throws {
        let url = Bundle.module.url(forResource: "Fixtures/search-normalization", withExtension: "json")!
        struct Fixture: Decodable { var pairs: [[String]] }
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.pairs.count >= 10)
        for pair in fixture.pairs {
            #expect(Self.normalizer.normalizedString(pair[0]) == pair[1], "\(pair[0])")
        }
    }

    @Test func postingCodeRoundTrips() {
        let values = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1_000_000, 123_456_789]
        var bytes: [UInt8] = []
        for value in values { PostingCode.append(value, to: &bytes) }
        #expect(PostingCode.decode(String(decoding: bytes, as: UTF8.self)) == values)
        #expect(PostingCode.decode("Z") == nil, "an unfinished number is not a code")
        #expect(PostingCode.decode("1!") == nil)
    }

    @Test(arguments: ["乡村振兴", "乡村振兴有效衔接", "峰度夏", "基准地价", "人民政府", "的", "乡", "鄉村振興",
                      "武隆府办发〔2022〕44号", "武隆府办发[2022]44号", "2021", "http", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
                      "医保基金监管", "第五条", "专栏", "量子纠缠", "zzzz", "、", "（一）"])
    func namedQueriesAreExact(query: String) throws {
        let normalized = Self.normalizer.normalize(query)
        #expect(try Self.reader.search(normalized) == Self.truth(normalized), "\(query)")
    }

    /// Every substring of lengths 1 to 12 at many places of every document, and across segment boundaries.
    @Test func substringsOfEveryDocumentAreExact() throws {
        var checked = 0
        var generator = SplitMix(seed: 11)
        for text in Self.texts {
            let all = text.segments.flatMap { Self.normalizer.normalize($0.source) }
            for _ in 0..<8 where !all.isEmpty {
                let length = Int(generator.next() % 12) + 1
                let start = Int(generator.next() % UInt64(all.count))
                let query = Array(all[start..<min(all.count, start + length)])
                #expect(try Self.reader.search(query) == Self.truth(query), "\(String(String.UnicodeScalarView(query)))")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func resultsLinkToTheBlockOfTheFirstMatch() throws {
        // 第五条 of 武隆府办发〔2022〕47号 holds its article anchor.
        let documents = SearchIndex.indexOrder(SampleSite.prepared.site)
        let number = try #require(documents.firstIndex { $0.document.number?.description == "武隆府办发〔2022〕47号" })
        let text = Self.texts[number]
        let article = try #require((documents[number].document.body + documents[number].document.annex).flatMap(\.flattened).first { $0.label == "第五条" })
        let segment = try #require(text.segments.first { $0.anchor == article.id.fragment })
        #expect(Self.normalizer.normalize(segment.source).starts(with: Self.normalizer.normalize("第五条")))
    }

    /// A result needs one file: every text chunk of a document carries the document's facts, and every
    /// document has chunk 0, which a browsed facet fetches.
    @Test func everyTextChunkCarriesItsDocumentsFacts() throws {
        struct Chunk: Decodable {
            struct Facts: Decodable { var title: String; var url: String; var docNumber: String? }
            var facts: Facts
            var pieces: [[Either]]
        }
        enum Either: Decodable {
            case number(Int), text(String)
            init(from decoder: any Decoder) throws {
                let value = try decoder.singleValueContainer()
                if let number = try? value.decode(Int.self) { self = .number(number) } else { self = .text(try value.decode(String.self)) }
            }
        }
        let documents = SearchIndex.indexOrder(SampleSite.prepared.site)
        var chunks = 0
        for file in Self.files where file.path.contains("/text/") {
            let parts = file.path.dropLast(".json".count).split(separator: "/")
            #expect(parts.count == 4 && parts[0] == "search" && parts[2] == "text", "\(file.path)")
            let batch = try #require(Int(parts[1]))
            let document = try Self.batchFirsts[batch] + #require(Int(parts[3].split(separator: "-")[0]))
            let chunk = try JSONDecoder().decode(Chunk.self, from: file.data)
            #expect(chunk.facts.title == documents[document].document.title, "\(file.path)")
            #expect(chunk.facts.url == documents[document].path, "\(file.path)")
            #expect(chunk.facts.docNumber == documents[document].document.number?.description, "\(file.path)")
            chunks += 1
        }
        #expect(chunks > documents.count)
        for document in documents.indices {
            let batch = Self.batchFirsts.lastIndex { $0 <= document }!
            let path = "search/\(batch)/text/\(document - Self.batchFirsts[batch])-0.json"
            #expect(Self.files.contains { $0.path == path }, "document \(document)")
        }
        #expect(!Self.files.contains { $0.path.hasPrefix("search/docs/") })
    }

    /// The batches cut the documents in index order at the first document, once a batch holds half its characters,
    /// whose draw falls below its share of that half: without the first document, the cuttings meet again soon
    /// and agree from there on. One index of all the documents in a single batch answers every query as the batches do.
    @Test func batchesCutTheDocumentsInIndexOrderAndAnswerAsOneIndex() throws {
        let documents = SearchIndex.indexOrder(SampleSite.prepared.site)
        let manifest = try #require(Self.files.first { $0.path == "search/manifest.json" })
        struct Manifest: Decodable {
            struct Batch: Decodable { var documents: Int }
            var format: Int, documentCount: Int, batches: [Batch]
        }
        let read = try JSONDecoder().decode(Manifest.self, from: manifest.data)
        #expect(read.format == 4 && read.documentCount == documents.count)
        let batches = SearchIndex.batches(of: documents, characters: Self.batchCharacters)
        #expect(read.batches.map(\.documents) == batches.map(\.count))
        #expect(batches.count >= 4, "the sample site makes several batches")
        #expect(batches.first?.lowerBound == 0 && batches.last?.upperBound == documents.count)
        let least = Self.batchCharacters / 2
        let most = SearchIndex.mostCharacters(Self.batchCharacters)
        for (batch, next) in zip(batches, batches.dropFirst()) {
            #expect(batch.upperBound == next.lowerBound, "batches follow each other")
            let end = documents[batch.upperBound - 1]
            let length = SearchIndex.textLength(of: end.document)
            let held = batch.reduce(0) { $0 + SearchIndex.textLength(of: documents[$1].document) }
            #expect(held >= least, "a batch holds at least half its characters")
            #expect(SearchIndex.draw(end.path) * Double(least) < Double(length) || held >= most, "\(end.path)")
            // No earlier document could have ended it.
            var before = 0
            for number in batch.dropLast() {
                let length = SearchIndex.textLength(of: documents[number].document)
                before += length
                let drawn = SearchIndex.draw(documents[number].path) * Double(least) < Double(length)
                #expect(before < least || !drawn, "\(documents[number].path) ends its batch first")
                #expect(before < most, "\(documents[number].path) takes its batch past the most it holds")
            }
        }
        // Without the first document, the cuttings share an end soon, and from there on every batch is the same.
        let withoutFirst = SearchIndex.batches(of: Array(documents.dropFirst()), characters: Self.batchCharacters)
        let ends = batches.map { $0.upperBound - 1 }
        let endsWithoutFirst = withoutFirst.map(\.upperBound)
        let shared = try #require(ends.firstIndex { endsWithoutFirst.contains($0) }, "the cuttings meet again")
        #expect(shared <= 1, "on the samples, at most the first two batches change")
        #expect(Array(endsWithoutFirst.suffix(ends.count - shared)) == Array(ends[shared...]))
        #expect(batches.contains { $0.count > 1 }, "short documents share a batch")

        let single = IndexReader(files: try SampleSite.prepared.searchIndexFiles(batchCharacters: 1_000_000_000).files)
        #expect(single.batches.count == 1)
        for query in ["乡村振兴", "人民政府", "的", "第五条", "武隆府办发〔2022〕44号", "量子纠缠"] {
            let normalized = Self.normalizer.normalize(query)
            #expect(try single.search(normalized) == Self.reader.search(normalized), "\(query)")
        }
    }

    /// Documents are numbered by issue: each issue's documents a run in printed order, issues by their 出版日期 and
    /// standalone documents by their own date among them; the manifest dates each document for sorting and the
    /// year facet, since the samples' numbers are not in date order.
    @Test func documentsAreNumberedByIssueAndDatedByTheManifest() throws {
        let site = SampleSite.prepared.site
        let ordered = SearchIndex.indexOrder(site)
        #expect(ordered.map(\.document.id).sorted() == site.documents.map(\.document.id).sorted())
        for issue in site.issues {
            let ids = issue.documents.map(\.document.id)
            let start = try #require(ordered.firstIndex { $0.document.id == ids.first })
            #expect(ordered[start..<min(ordered.count, start + ids.count)].map(\.document.id) == ids, "\(issue.path)")
        }
        func day(_ date: CalendarDate) -> Int { date.year * 10_000 + date.month * 100 + date.day }
        let placedBy = ordered.map { published in
            published.issue.map { $0.published.map(day) ?? $0.year * 10_000 } ?? published.document.date.map(day) ?? 0
        }
        #expect(placedBy == placedBy.sorted(), "issues and standalone documents by their day")
        #expect(!site.standalone.isEmpty && site.issues.contains { $0.issue.masthead.published != nil })

        struct Manifest: Decodable { var dates: [Int], columns: [String: String] }
        let file = try #require(Self.files.first { $0.path == "search/manifest.json" })
        let manifest = try JSONDecoder().decode(Manifest.self, from: file.data)
        let column = try #require(manifest.columns["date"])
        let places = try #require(PostingCode.decode(column))
        #expect(manifest.dates == manifest.dates.sorted() && Set(manifest.dates).count == manifest.dates.count)
        let days = places.map { manifest.dates[$0] }
        #expect(days.count == ordered.count)
        for (published, day) in zip(ordered, days) {
            #expect(day / 10_000 == published.document.date?.year ?? published.issue?.year ?? 0, "\(published.path)")
            if let date = published.document.date {
                #expect(day == date.year * 10_000 + date.month * 100 + date.day, "\(published.path)")
            }
        }
        #expect(days != days.sorted(), "the samples' numbers are not in date order: sorting needs the column")
        // An undated document is dated by its issue's 出版日期, and keeps its issue's year.
        var undated = try #require(ordered.first { $0.issue != nil })
        undated.document.date = nil
        undated.issue?.year = 2022
        undated.issue?.published = CalendarDate(year: 2022, month: 12, day: 30)
        #expect(SearchIndex.day(of: undated) == 20_221_230)
        undated.issue?.published = CalendarDate(year: 2023, month: 1, day: 5)
        #expect(SearchIndex.day(of: undated) == 20_220_000)
    }

    @Test func twoBuildsWriteIdenticalFiles() throws {
        let again = try SearchIndex.files(of: SampleSite.prepared.site, normalizer: Self.normalizer,
                                          batchCharacters: Self.batchCharacters).files
        #expect(again.map(\.path) == Self.files.map(\.path))
        #expect(again.map(\.data) == Self.files.map(\.data))
        #expect(Self.files.contains { $0.path == "search/manifest.json" })
    }
}

/// A deterministic random number generator for choosing test queries.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Texts unlike the samples: so short that no string is frequent (the walk once trapped on it), or one sentence
/// repeated, whose frequent strings are as long as they may be. Every query still finds exactly the documents,
/// and the occurrences, that hold it.
@Suite struct UnusualSearchTextTests {
    static func index(of text: String) throws -> (reader: IndexReader, texts: [SearchableText]) {
        let (reader, texts, _) = try indexAndStatistics(of: text)
        return (reader, texts)
    }

    static func indexAndStatistics(of text: String) throws
        -> (reader: IndexReader, texts: [SearchableText], statistics: SearchIndex.Statistics) {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        try temporary.write(Data(text.utf8), to: "Content/documents/text.txt")
        let prepared = try temporary.prepareSite()
        let texts = SearchIndex.indexOrder(prepared.site)
            .map { SearchableText(document: $0.document, note: $0.note, normalizer: SearchIndexTests.normalizer) }
        let index = try prepared.searchIndexFiles()
        return (IndexReader(files: index.files), texts, index.statistics)
    }

    static func truth(_ query: [Unicode.Scalar], in texts: [SearchableText]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for (document, text) in texts.enumerated() {
            let normalizer = SearchIndexTests.normalizer
            let segments = text.segments.map { normalizer.normalize($0.source) }
            for characters in segments where characters.count >= query.count {
                for start in 0...(characters.count - query.count)
                where characters[start..<(start + query.count)].elementsEqual(query) {
                    found[document, default: 0] += 1
                }
            }
        }
        return found
    }

    @Test func aTextWithNoFrequentStringIsSearchedExactly() throws {
        let (reader, texts) = try Self.index(of: "某某规划\n\n第一章 总则\n\n为推进工作，制定本规划。\n")
        #expect(texts.count == 1)
        let all = texts[0].segments.flatMap { SearchIndexTests.normalizer.normalize($0.source) }
        for start in all.indices {
            for length in 1...min(6, all.count - start) {
                let query = Array(all[start..<(start + length)])
                #expect(try reader.search(query) == Self.truth(query, in: texts))
            }
        }
        #expect(try reader.search(Array("规划工作".unicodeScalars)).isEmpty)
    }

    @Test func aRepeatedSentenceIsSearchedExactly() throws {
        let sentence = "推进乡村振兴，加快农业农村现代化。"
        let (reader, texts) = try Self.index(of: "某某区长行规划\n\n第一章 总则\n\n" + String(repeating: sentence, count: 2_000)
                                                + "第二章 附则\n\n本规划自印发之日起施行。\n")
        #expect(texts.count == 1)
        let all = texts[0].segments.flatMap { SearchIndexTests.normalizer.normalize($0.source) }
        var generator = SplitMix(seed: 7)
        for _ in 0..<150 {
            let length = Int(generator.next() % 100) + 1
            let start = Int(generator.next() % UInt64(all.count))
            let query = Array(all[start..<min(all.count, start + length)])
            #expect(try reader.search(query) == Self.truth(query, in: texts), "\(String(String.UnicodeScalarView(query)))")
        }
        for absent in ["乡村振兴乡村", "现代化。推进乡村振兴，加快农业农村现代化！", "附则本规划"] {
            #expect(try reader.search(Array(absent.unicodeScalars)) == Self.truth(Array(absent.unicodeScalars), in: texts))
        }
    }

    /// The index codes characters in two bytes when the archive has at most 65,536 different ones; a text with more
    /// (CJK extensions B to F and Hangul syllables: rare characters, but each a character a reader may search for)
    /// is coded in four, and searched as exactly.
    @Test func aTextOfMoreThan65536DifferentCharactersIsSearchedExactly() throws {
        let ranges: [ClosedRange<UInt32>] = [0x20000...0x2A6DF, 0x2A700...0x2B739, 0x2B740...0x2B81D,
                                             0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0, 0xAC00...0xD7A3]
        let characters = ranges.flatMap { $0 }.compactMap(Unicode.Scalar.init)
        var paragraphs: [String] = []
        for start in stride(from: 0, to: characters.count, by: 60) {
            paragraphs.append(String(String.UnicodeScalarView(characters[start..<min(characters.count, start + 60)])))
        }
        let (reader, texts, statistics) = try Self.indexAndStatistics(
            of: "某某规划\n\n第一章 总则\n\n" + paragraphs.joined(separator: "。\n\n") + "。\n")
        #expect(statistics.alphabet > 65_536)
        let all = texts[0].segments.flatMap { SearchIndexTests.normalizer.normalize($0.source) }
        #expect(all.count > 65_536)
        var generator = SplitMix(seed: 5)
        for _ in 0..<200 {
            let length = Int(generator.next() % 8) + 1
            let start = Int(generator.next() % UInt64(all.count))
            let query = Array(all[start..<min(all.count, start + length)])
            let shown = String(String.UnicodeScalarView(query))
            #expect(try reader.search(query) == Self.truth(query, in: texts), "\(shown)")
        }
    }
}
