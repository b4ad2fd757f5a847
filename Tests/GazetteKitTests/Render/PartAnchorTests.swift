import Foundation
@testable import GazetteKit
import Testing

/// Every addressable part of every sample document is on its page under the id the model gives it.
@Suite struct PartAnchorTests {
    /// The values of `attribute="…"` in a page, in order.
    static func values(of attribute: String, in html: String) -> [String] {
        html.matches(of: try! Regex("\\s\(attribute)=\"([^\"]*)\"")).map { String($0.output[1].substring ?? "") }
    }

    @Test func everyIdOfTheModelIsOnItsPageExactlyOnce() throws {
        for published in SampleSite.prepared.site.documents {
            let html = try #require(SampleSite.page(published.path))
            let ids = Self.values(of: "id", in: html)
            let counts = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
            let parts = (published.document.body + published.document.annex).flatMap(\.flattened)
            #expect(!parts.isEmpty)
            for part in parts {
                #expect(counts[part.id.fragment] == 1, "\(published.path): #\(part.id) is on the page \(counts[part.id.fragment] ?? 0) times")
                #expect(part.id.fragment.allSatisfy { $0.isASCII })
                #expect(PartID(fragment: part.id.fragment) == part.id)
            }
            #expect(Set(ids).count == ids.count, "\(published.path) has an id twice")
        }
    }

    @Test func everyLinkInsideADocumentPageLeadsToAnIdOnIt() throws {
        var contentsLinks = 0
        for published in SampleSite.prepared.site.documents {
            let html = try #require(SampleSite.page(published.path))
            let ids = Set(Self.values(of: "id", in: html))
            for href in Self.values(of: "href", in: html) where href.hasPrefix("#") {
                #expect(ids.contains(String(href.dropFirst())), "\(published.path): \(href) leads nowhere")
            }
            // A printed 目录 links each entry to the heading it names.
            for case .contents(let entries) in (published.document.body + published.document.annex).flatMap(\.flattened).map(\.kind) {
                let nav = try #require(html.firstRange(of: "<nav class=\"contents\"").map { html[$0.lowerBound...] })
                let list = nav[..<nav.firstRange(of: "</nav>")!.lowerBound]
                let links = Self.values(of: "href", in: String(list))
                #expect(links.count == entries.count, "\(published.path): \(entries.count - links.count) 目录 entries without a link")
                contentsLinks += links.count
            }
        }
        // The city plan prints a 目录 of 13 chapters and 48 sections.
        #expect(contentsLinks >= 61)
    }

    @Test func partIdsReadFromThePrintedNumbering() {
        #expect(PartID([.init(.chapter, 3), .init(.section, 2)]).fragment == "chapter-3-section-2")
        #expect(PartID(.article, 13).inside(.init(.annex, 2)).fragment == "annex-2-article-13")
        #expect(PartID([.init(.annex)], printing: 2).fragment == "annex_2")
        #expect(PartID(fragment: "part-3-item-2_3") == PartID([.init(.part, 3), .init(.item, 2)], printing: 3))
        #expect(PartID(fragment: "第五条") == nil)
        #expect(PartID(fragment: "article-05") == nil)
    }
}
