import Foundation
@testable import GazetteKit
import Testing

/// `sortedByUTF8()` puts strings in the order of their UTF-8 bytes: the order of `<` for the site's paths and keys.
@Suite struct UTF8SortingTests {
    static func byteOrder(_ strings: [String]) -> [String] {
        strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    @Test func theSampleSitesAddressesSortAsWithLessThan() {
        let site = SampleSite.prepared.site
        let paths = site.documents.map(\.path) + site.issues.map(\.path)
            + site.documents.map { "search/\($0.document.id)/" + $0.document.title }
        #expect(paths.count > 10)
        #expect(paths.sortedByUTF8() == paths.sorted())
        #expect(paths.sortedByUTF8() == Self.byteOrder(paths))
    }

    @Test func shortStringsPrefixesAndEqualHeadsAreOrderedByTheirBytes() {
        let strings = [
            "", "a", "a\u{0}", "ab", "abcdefgh", "abcdefg", "abcdefghi", "abcdefgh\u{0}", "abcdefgha", "abcdefgi",
            "documents/wu-long-fu-ban-2070-1/index.html", "documents/wu-long-fu-ban-2070-10/index.html",
            "documents/wu-long-fu-ban-2070-1/", "重庆", "重庆市", "武隆区", "Z", "z", "~", "\u{7F}", "é", "e\u{301}",
            "abcdefgh", "",
        ]
        #expect(strings.sortedByUTF8() == Self.byteOrder(strings))
        let order = strings.orderByUTF8()
        #expect(order.sorted() == Array(strings.indices))
        #expect(order.map { strings[$0] } == Self.byteOrder(strings))
        #expect([String]().sortedByUTF8().isEmpty)
    }

    @Test func manyRandomPathsSortByTheirBytes() {
        var generator = SplitMix(seed: 7)
        let pieces = ["documents/", "search/", "a", "b", "-", "2022", "重", "庆", "/index.html", "\u{0}", "é"]
        let strings = (0..<3000).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        #expect(strings.sortedByUTF8() == Self.byteOrder(strings))
    }
}

/// `SplitMix` (the search tests' generator) as the standard library's generators are used.
extension SplitMix: RandomNumberGenerator {}
