import Foundation
@testable import GazetteKit

/// Answers a query from the index files alone, the way `Templates/assets/search-core.js` does, so the
/// writer's tests can check the files without a browser: in each batch, cut the query into pieces with the
/// batch's trie files, read the pieces' records and keep the documents where all pieces line up; then join the
/// batches' answers, numbering each batch's documents from its first.
struct IndexReader: Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let batches: [BatchReader]

    init(files: [SearchIndex.File]) {
        let files = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.data) })
        let manifest = try! JSONSerialization.jsonObject(with: files["search/manifest.json"]!) as! [String: Any]
        let entries = manifest["batches"] as! [[String: Any]]
        let trieShards = manifest["trieShards"] as! Int
        let decoder = JSONDecoder()
        let trie = files.filter { $0.key.hasPrefix("search/trie/") }
            .mapValues { try! decoder.decode([String: [String: [Int]]].self, from: $0) }
        var first = 0
        batches = entries.enumerated().map { number, entry in
            defer { first += entry["documents"] as! Int }
            return BatchReader(number: number, first: first, entry: entry, files: files, trie: trie,
                               trieShards: trieShards)
        }
    }

    /// Document number → number of occurrences.
    func search(_ query: [Unicode.Scalar]) throws -> [Int: Int] {
        var found: [Int: Int] = [:]
        for batch in batches {
            for (document, count) in try batch.search(query) { found[batch.first + document] = count }
        }
        return found
    }
}

/// One batch of the index (``SearchBatch``), its documents numbered from 0.
struct BatchReader: Sendable {
    typealias Failure = IndexReader.Failure

    let number: Int
    /// The number of the batch's first document in the whole index.
    let first: Int
    let records: [String: [String: String]]
    /// The index's trie files: key → rest of a frequent string → the batches it is frequent in.
    let trie: [String: [String: [String: [Int]]]]
    let trieShards: Int
    let recordShards: Int
    let frequentCharacters: Set<Unicode.Scalar>

    init(number: Int, first: Int, entry: [String: Any], files: [String: Data],
         trie: [String: [String: [String: [Int]]]], trieShards: Int) {
        self.number = number
        self.first = first
        let decoder = JSONDecoder()
        records = files.filter { $0.key.hasPrefix("search/\(number)/records/") }
            .mapValues { try! decoder.decode([String: String].self, from: $0) }
        self.trie = trie
        self.trieShards = trieShards
        recordShards = entry["recordShards"] as! Int
        frequentCharacters = Set((entry["frequentCharacters"] as! String).unicodeScalars)
    }

    func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(scalars)) }

    func trieEntry(_ key: String) throws -> Set<String>? {
        let shard = ShardHash.shard(of: key, count: trieShards)
        guard let file = trie["search/trie/\(shard).json"] else { throw Failure(description: "missing trie shard \(shard)") }
        return file[key].map { entry in Set(entry.filter { $0.value.contains(number) }.keys) }
    }

    func record(_ key: String) throws -> [Int]? {
        let shard = ShardHash.shard(of: key, count: recordShards)
        guard let file = records["search/\(number)/records/\(shard).json"] else {
            throw Failure(description: "missing record shard \(shard)")
        }
        guard let code = file[key] else { return nil }
        guard let numbers = PostingCode.decode(code) else { throw Failure(description: "corrupt record \(key)") }
        return numbers
    }

    func isFrequent(_ query: ArraySlice<Unicode.Scalar>) throws -> Bool {
        if query.count == 1 { return frequentCharacters.contains(query.first!) }
        let pair = string(query.prefix(2))
        return try trieEntry("F" + pair)?.contains(string(query.dropFirst(2))) ?? false
    }

    /// The length of the forward piece at `offset`: the shortest string there that is not frequent.
    func forwardPiece(_ query: [Unicode.Scalar], _ offset: Int) throws -> Int? {
        for length in 1...(query.count - offset) where try !isFrequent(query[offset..<(offset + length)]) { return length }
        return nil
    }

    /// The start of the backward piece that ends the query: the shortest suffix that is not frequent.
    func backwardPieceStart(_ query: [Unicode.Scalar]) throws -> Int? {
        for start in stride(from: query.count - 1, through: 0, by: -1) {
            let suffix = query[start...]
            let frequent: Bool
            if suffix.count == 1 {
                frequent = frequentCharacters.contains(suffix.first!)
            } else {
                frequent = try trieEntry("B" + string(suffix.suffix(2)))?.contains(string(suffix.dropLast(2))) ?? false
            }
            if !frequent { return start }
        }
        return nil
    }

    /// Document number in the batch → number of occurrences.
    func search(_ query: [Unicode.Scalar]) throws -> [Int: Int] {
        guard !query.isEmpty else { return [:] }
        if try isFrequent(query[...]) {
            guard let numbers = try record("d" + string(query[...])) else { throw Failure(description: "no record for a frequent string") }
            var result: [Int: Int] = [:]
            var document = -1
            for index in stride(from: 0, to: numbers.count, by: 3) {
                document += numbers[index]
                result[document] = numbers[index + 2]
            }
            return result
        }
        var pieces: [(key: String, shift: Int)] = []
        let first = try forwardPiece(query, 0)!
        pieces.append(("f" + string(query[0..<first]), 0))
        var covered = first
        while covered < query.count {
            var best: (offset: Int, end: Int)?
            for offset in 1...covered {
                if let length = try forwardPiece(query, offset), offset + length > covered, offset + length > (best?.end ?? 0) {
                    best = (offset, offset + length)
                }
            }
            if let best {
                pieces.append(("f" + string(query[best.offset..<best.end]), best.offset))
                covered = best.end
            } else {
                let start = try backwardPieceStart(query)!
                guard start <= covered else { throw Failure(description: "backward piece leaves a gap") }
                pieces.append(("b" + string(query[start...]), query.count))
                covered = query.count
            }
        }
        var starts: [Int: Set<Int>]?
        for piece in pieces {
            guard let numbers = try record(piece.key) else { return [:] }
            var found: [Int: Set<Int>] = [:]
            var document = -1
            var position = 0
            for index in stride(from: 0, to: numbers.count, by: 2) {
                if numbers[index] == 0 { position += numbers[index + 1] } else {
                    document += numbers[index]
                    position = numbers[index + 1]
                }
                found[document, default: []].insert(position - piece.shift)
            }
            if var current = starts {
                for (document, set) in current {
                    let kept = set.intersection(found[document] ?? [])
                    current[document] = kept.isEmpty ? nil : kept
                }
                starts = current
            } else {
                starts = found
            }
        }
        return (starts ?? [:]).mapValues(\.count)
    }
}
