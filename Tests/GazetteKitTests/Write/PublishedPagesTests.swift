import Foundation
@testable import GazetteKit
import Testing

/// `PublishedPages` answers whether an output folder has `ADDRESS/index.html`, listing each folder once.
@Suite struct PublishedPagesTests {
    @Test func onlyFoldersWithTheirPageArePublished() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data("旧页面".utf8), to: "Output/documents/武隆府办发-2022-44/index.html")
        try folder.write(Data("图".utf8), to: "Output/documents/no-page/picture.png")
        try folder.write(Data("首页".utf8), to: "Output/top/index.html")
        let pages = PublishedPages(output: folder.url.appendingPathComponent("Output"))
        #expect(pages.hasPage(at: "documents/武隆府办发-2022-44/"))
        #expect(pages.hasPage(at: "documents/武隆府办发-2022-44"))
        #expect(pages.hasPage(at: "top/"))
        #expect(!pages.hasPage(at: "documents/no-page/"))
        #expect(!pages.hasPage(at: "documents/武隆府办发-2022-45/"))
        #expect(!pages.hasPage(at: "gazettes/wulong/2022-01/"))
        #expect(!pages.hasPage(at: "documents/"))
        #expect(!pages.hasPage(at: ""))
        // Listed once: a page written after the first question about its folder is not seen.
        try folder.write(Data("新".utf8), to: "Output/documents/later/index.html")
        #expect(!pages.hasPage(at: "documents/later/"))
    }
}
