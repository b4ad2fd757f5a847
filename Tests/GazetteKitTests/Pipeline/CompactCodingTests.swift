import Foundation
@testable import GazetteKit
import Testing

/// The build cache's binary form: what is written is read back the same, the same value always gives the same
/// bytes, and damaged bytes are refused.
@Suite struct CompactCodingTests {
    static func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
        try CompactDecoder().decode(Value.self, from: CompactEncoder().encode(value))
    }

    @Test func theSampleSiteIsReadBackAsItWasParsed() throws {
        let prepared = try SiteBuilder(options: .init(content: Samples.content, templates: Samples.templates,
                                                      output: URL(fileURLWithPath: "/nonexistent/Output"))).prepare()
        #expect(prepared.site.issues.count >= 2)
        for published in prepared.site.issues {
            let back = try Self.roundTrip(published)
            #expect(back.issue == published.issue)
            #expect(back.path == published.path && back.gazetteSlug == published.gazetteSlug)
            #expect(back.sourceRelativePath == published.sourceRelativePath)
        }
        for published in prepared.site.standalone {
            let back = try Self.roundTrip(published)
            #expect(back.document == published.document)
            #expect(back.note == published.note && back.issue == published.issue)
        }
        // Linked documents carry citations, relations and the contents' part ids (a dictionary of optionals).
        let linked = prepared.site.documents.map(\.document).filter { !$0.links.citations.isEmpty }
        #expect(!linked.isEmpty)
        for document in linked { #expect(try Self.roundTrip(document) == document) }
        #expect(try Self.roundTrip(prepared.diagnostics) == prepared.diagnostics)
    }

    @Test func everyKindOfValueComesBack() throws {
        let blocks = [
            Block(id: PartID(.table, 1), kind: .table(rows: [["项目", "金额"], ["", "1.5"]]), text: "", line: 3),
            Block(id: PartID(.heading, 2), kind: .heading(level: 0), text: "附件", line: 9),
            Block(id: PartID(.contents), kind: .contents(entries: ["第一章", "第二章"]), text: "目录", line: 1),
            Block(id: PartID([.init(.chapter, 1), .init(.article, 12)], printing: 2), kind: .article,
                  text: "本办法自发布之日起施行。", label: "第十二条", line: 40, lastLine: 42),
            Block(id: PartID(.box, 3), kind: .box, text: "专栏标题", label: "", line: 50, lastLine: 60, children: [
                Block(id: PartID([.init(.box, 3), .init(.paragraph, 1)]), kind: .paragraph, text: "甲", line: 51),
                Block(id: PartID([.init(.box, 3), .init(.part, 2)]), kind: .heading(level: 3), text: "乙",
                      label: "二、", line: 52),
            ]),
        ]
        #expect(try Self.roundTrip(blocks) == blocks)
        let citations = [
            Citation(title: "重庆市乡村振兴规划", number: DocumentNumber(code: "渝府发", year: 2021, serial: 3),
                     part: PartID(.article, 2), range: 4..<18, line: 12, repeals: true, target: "yu-fu-fa-2021-3"),
            Citation(title: nil, number: DocumentNumber(code: "重庆市人民政府令", year: nil, serial: 350),
                     part: PartID([.init(.annex, 1), .init(.paragraph, 3)], printing: 2), range: 0..<0, line: 1),
            Citation(title: "某办法", number: nil, part: PartID(.paragraph, 1), range: 2..<5, line: 7),
        ]
        #expect(try Self.roundTrip(citations) == citations)
        let found = FoundCitations(knownCodes: ["渝府发", "重庆市人民政府令"], byDocument: ["k#0": citations, "k#1": []])
        #expect(try Self.roundTrip(found) == found)
        let numbers: [Int64] = [0, 1, -1, 63, -64, 64, Int64.max, Int64.min]
        #expect(try Self.roundTrip(numbers) == numbers)
        let unsigned: [UInt64] = [0, 127, 128, UInt64.max]
        #expect(try Self.roundTrip(unsigned) == unsigned)
        let doubles = [0.0, -2.5, 1e300, Double.infinity]
        #expect(try Self.roundTrip(doubles) == doubles)
        let optionals: [String?] = ["甲", nil, ""]
        #expect(try Self.roundTrip(optionals) == optionals)
        let nested: [String: [Int: Bool]] = ["a": [1: true, -3: false], "": [:]]
        #expect(try Self.roundTrip(nested) == nested)
        // A number that does not fit the type it is read as is refused.
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode([Int8].self, from: CompactEncoder().encode([300]))
        }
    }

    @Test func dictionariesGiveTheSameBytesWhateverTheirHashOrder() throws {
        let keys = (0..<200).map { PartID(.article, $0) }
        var forward: [PartID: [PartID?]] = [:]
        for key in keys { forward[key] = [key, nil] }
        var backward: [PartID: [PartID?]] = [:]
        backward.reserveCapacity(5000)
        for key in keys.reversed() { backward[key] = [key, nil] }
        #expect(Array(forward.keys) != Array(backward.keys), "the two dictionaries should list their keys differently")
        #expect(try CompactEncoder().encode(forward) == CompactEncoder().encode(backward))
        #expect(try Self.roundTrip(forward) == forward)
    }

    @Test func damagedBytesAreRefusedNeverMisread() throws {
        let document = Document(id: "x", title: "关于印发某某办法的通知", body: [
            Block(id: PartID(.article, 1), kind: .article, text: "第一条内容", line: 2),
        ], location: SourceLocation(file: "a.txt", line: 1))
        let bytes = try CompactEncoder().encode(document)
        #expect(try CompactDecoder().decode(Document.self, from: bytes) == document)
        // Every shorter prefix is refused.
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try CompactDecoder().decode(Document.self, from: Array(bytes[..<length])) }
        }
        // Changed bytes either read back as a document or are refused: never a crash.
        for offset in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            _ = try? CompactDecoder().decode(Document.self, from: damaged)
        }
    }
}
