import Foundation
import GazetteKit
import Testing

/// What the content folder may hold: only its own files are published; anything else is an error naming it.
@Suite struct ContentFolderTests {
    func build(_ folder: TemporaryFolder) throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                       output: folder.url.appendingPathComponent("Output"), contentDisplayName: "Content")).build()
    }

    func link(_ path: String, to target: String, in folder: TemporaryFolder) throws {
        let url = folder.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    @Test func symbolicLinksLeavingTheContentFolderAreRefusedByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        // A secret outside the content folder, reached by a file link, a folder link and a sidecar link.
        try folder.write(Data("重庆市武隆区人民政府公报\n2022年第4期\n机密：口令 hunter2\n".utf8), to: "secret/passwd.txt")
        try link("Content/gazettes/wulong/passwd.txt", to: folder.url.appendingPathComponent("secret/passwd.txt").path, in: folder)
        try link("Content/gazettes/outside", to: "../../secret", in: folder)
        try folder.write(Data("涪陵区某某规划\n\n第一章 总则\n\n为推进工作，制定本规划。\n".utf8), to: "Content/documents/plan.txt")
        try folder.write(Data(#"{"note": "机密：口令 hunter2"}"#.utf8), to: "secret/plan.json")
        try link("Content/documents/plan.json", to: "../../secret/plan.json", in: folder)

        let report = try build(folder)
        let messages = report.errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/gazettes/wulong/passwd.txt: error: symbolic link leads outside the content folder") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/gazettes/outside: error: symbolic link leads outside the content folder") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/documents/plan.json: error: symbolic link leads outside the content folder") }, "\(messages)")
        #expect(report.documentCount == 2)
        for (path, data) in try folder.snapshot(of: "Output") {
            #expect(!data.utf8Text.contains("hunter2"), "\(path)")
        }
    }

    @Test func aLinkInsideTheContentFolderIsFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/.archive/2022-03.txt")
        try link("Content/gazettes/wulong", to: "../.archive", in: folder)
        try link("Content/.archive/loop", to: "..", in: folder)
        let report = try build(folder)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.documentCount == 2)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/gazettes/wulong/2022-03/index.html").path))
    }

    @Test func aBrokenSiteSettingsFileIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        try folder.write(Data(#"{"title": "某某文库""#.utf8), to: "Content/site.json")
        let report = try build(folder)
        #expect(report.errors.map(\.description).contains { $0.hasPrefix("Content/site.json:1: error: site settings not read") }, "\(report.errors)")
        #expect(report.documentCount == 2)
    }

    /// A source's text is not held after parsing: its pages read it again, and get what was parsed (decoded the
    /// same way, here from GB18030), or an error naming the file when it changed or went in the meantime.
    @Test func aSourceIsReadAgainForItsPagesAndMustNotHaveChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = try #require(Bundle.module.url(forResource: "gb18030-sample", withExtension: "txt",
                                                     subdirectory: "Fixtures"))
        let bytes = try Data(contentsOf: fixture)
        let text = try SourceTextDecoder.decode([UInt8](bytes), file: "fixture").text
        try folder.write(bytes, to: "Content/documents/plan.txt")
        let options = SiteBuilder.Options(content: folder.url.appendingPathComponent("Content"),
                                          templates: Samples.templates,
                                          output: folder.url.appendingPathComponent("Output"),
                                          contentDisplayName: "Content")
        let prepared = try SiteBuilder(options: options).prepare()
        let source = try #require(prepared.site.sources.first)
        #expect(try source.text() == text)
        #expect(source.textBytes == text.utf8.count)
        let pages = try prepared.renderPages()
        let page = try #require(pages.first { $0.path == Site.sourcePath(for: source.relativePath) })
        let line = try #require(text.split(separator: "\n").first { $0.count > 4 })
        #expect(page.html.contains(String(line)))

        try folder.write(Data((text + "第二条 新增。\n").utf8), to: "Content/documents/plan.txt")
        #expect(throws: SourceError.self) { try source.text() }
        do {
            _ = try source.text()
        } catch {
            let changed = "Content/documents/plan.txt: error: changed while the site was being built; build again"
            #expect(error.description == changed)
        }
        try FileManager.default.removeItem(at: source.file)
        do {
            _ = try prepared.renderPages()
            Issue.record("a source gone before its page was made must fail the render")
        } catch {
            let gone = "Content/documents/plan.txt: error: cannot read the source again for its pages"
            #expect("\(error)".hasPrefix(gone))
        }
    }

    @Test func aSourceThatCannotBeReadSaysWhyInWords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        try folder.write(Data("{}".utf8), to: "Content/gazettes/wulong/2022-03.json/x")  // a folder where a sidecar belongs
        let report = try build(folder)
        let messages = report.errors.map(\.description)
        #expect(messages == ["Content/gazettes/wulong/2022-03.json:1: error: cannot read metadata: is a directory"], "\(messages)")
    }
}

@Suite struct LongNameTests {
    @Test func aVeryLongFileNameOrSlugIsAnErrorOfItsSourceOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        let plan = Data("涪陵区某某规划\n\n第一章 总则\n\n为推进工作，制定本规划。\n".utf8)
        let longName = String(repeating: "规", count: 83) + ".txt"  // 253 bytes
        try folder.write(plan, to: "Content/documents/\(longName)")
        try folder.write(plan, to: "Content/documents/plan.txt")
        try folder.write(Data(#"{"slug": "\#(String(repeating: "b", count: 10_000))"}"#.utf8), to: "Content/documents/plan.json")
        let report = try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                                    output: folder.url.appendingPathComponent("Output"), contentDisplayName: "Content")).build()
        #expect(report.errors.map(\.description) == [
            "Content/documents/\(longName): error: name is 253 bytes long; the addresses of the site allow at most 200, so it is not read",
            "Content/documents/plan.json:1: error: invalid metadata: slug is 10000 bytes long; an address segment holds at most 200",
        ])
        #expect(report.documentCount == 2)
    }
}
