import Foundation
@testable import GazetteKit
import Testing

/// `SortedJSONEncoder` writes the bytes `JSONEncoder` writes with sorted keys and unescaped slashes, on the site's
/// own files and on strings that need escapes.
@Suite struct SortedJSONEncoderTests {
    static func foundation(_ value: some Encodable, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func expectSame(_ value: some Encodable, _ comment: String = "",
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            let ours = try SortedJSONEncoder(pretty: pretty).encode(value)
            let theirs = try foundation(value, pretty: pretty)
            #expect(ours == theirs, "\(comment) pretty: \(pretty)\n\(String(decoding: ours.prefix(600), as: UTF8.self))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func theSampleSitesFilesAreWrittenAsJSONEncoderWritesThem() throws {
        let site = SampleSite.prepared.site
        #expect(site.documents.count > 5)
        for published in site.documents {
            let issue = published.issue.flatMap { reference in site.issues.first { $0.path == reference.path } }
            try Self.expectSame(DocumentAPI.file(for: published, issue: issue), published.document.id)
        }
        try Self.expectSame(CatalogJSON.catalog(for: site), "catalog")
        try Self.expectSame(NumberIndex.index(for: site), "numbers")
        try Self.expectSame(site.linkReport, "link report")
        try Self.expectSame(LinkReport(), "empty link report")
    }

    struct Edge: Encodable {
        var text: String
        var list: [String?]
        var empty: [Int] = []
        var nested: [String: [String: Int]]
        var numbers: [Int64] = [Int64.min, -1, 0, Int64.max]
        var flag = true
        var missing: String?
        var nothing = Nothing()

        struct Nothing: Encodable {}
    }

    @Test func escapesEmptyContainersAndKeyOrderAreAsJSONEncoderWritesThem() throws {
        let text = "引号\"反斜\\斜/杠\u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}\u{2028}😀 e\u{301}"
        let nested = ["b": ["z": 1, "a": 2], "B": [:], "a-b": ["x": 3], "a": ["武隆": 4, "重庆": 5, "Z": 6], "ab": [:]]
        try Self.expectSame(Edge(text: text, list: [nil, "a", text], nested: nested))
        try Self.expectSame([Edge]())
        try Self.expectSame(["key": Edge(text: "", list: [], nested: [:])])
    }

    @Test func floatingPointNumbersAndDatesAreRefused() {
        #expect(throws: (any Error).self) { try SortedJSONEncoder(pretty: true).encode(["a": 1.5]) }
        #expect(throws: (any Error).self) { try SortedJSONEncoder(pretty: false).encode([Date()]) }
        #expect(throws: (any Error).self) { try SortedJSONEncoder(pretty: false).encode(["u": URL(fileURLWithPath: "/")]) }
    }
}
