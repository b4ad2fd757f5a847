import Foundation

/// What the last build's search index was made from, batch by batch (``SearchBatch``), kept in the build cache:
/// for each batch the key and the fingerprint of its input, each with the program's identity, and its summary; and
/// the fingerprint of each document's part of its batch by the document's key. A batch whose key or fingerprint is
/// the same in this build keeps its files; the summary stands in for it in the manifest. A batch's fingerprint is
/// made from its documents', so only the documents whose key changed need their texts made to know it. A record
/// that cannot be read is no record: every batch is made. Kept in the compact form (``CompactEncoder``): every
/// rebuild reads and writes it.
struct SearchIndexRecord: Codable, Sendable {
    struct Batch: Codable, Sendable {
        var key: String?
        var fingerprint: String
        var summary: SearchBatch.Summary
    }

    /// The record's file in the build cache.
    static let fileName = "search-index"

    /// Changes when the record's form does: an older record is not read.
    var format = 4
    var batches: [Batch]
    /// ``SearchIndex/fingerprint(of:text:)`` of each document by its key
    /// (``SearchIndex/Input/keys(of:batchCharacters:)``).
    var documents: [String: String]

    init(batches: [Batch], documents: [String: String] = [:]) {
        self.batches = batches
        self.documents = documents
    }

    static func read(from url: URL) -> SearchIndexRecord? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let record = try? CompactDecoder().decode(SearchIndexRecord.self, from: [UInt8](data)),
              record.format == SearchIndexRecord(batches: []).format else { return nil }
        return record
    }

    func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CacheRecordFile.replace(url, with: CompactEncoder().encode(self))
    }
}
