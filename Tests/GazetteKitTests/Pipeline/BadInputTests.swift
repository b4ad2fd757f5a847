import Foundation
import GazetteKit
import Testing

/// Bad sources get an error naming the file and line; every other source is still built, and a build
/// that fails as a whole leaves the previous output untouched.
@Suite struct BadInputTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures/sources", withExtension: nil)!

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    func build(_ folder: TemporaryFolder, templates: URL = Samples.templates) throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: templates,
                                       output: folder.url.appendingPathComponent("Output"), contentDisplayName: "Content")).build()
    }

    @Test func eachBadSourceIsReportedWithItsFileAndLineAndTheOthersStillBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        try folder.write(Data(), to: "Content/gazettes/wulong/empty.txt")
        try folder.write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]), to: "Content/documents/scan.txt")
        var latin1 = Data("重庆市武隆区人民政府公报\n2022年第4期\n".utf8)
        latin1.append(contentsOf: [0x43, 0x61, 0x66, 0xE9, 0x0A])  // "Café" in Latin-1: neither UTF-8 nor GB18030 text
        try folder.write(latin1, to: "Content/gazettes/wulong/latin1.txt")

        let report = try build(folder)
        let messages = report.errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/gazettes/wulong/empty.txt:1: error: empty source") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/documents/scan.txt:") && $0.contains("binary") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/gazettes/wulong/latin1.txt:3: error: not UTF-8") }, "\(messages)")
        #expect(report.failedSources == ["Content/gazettes/wulong/empty.txt", "Content/documents/scan.txt", "Content/gazettes/wulong/latin1.txt"])
        #expect(report.documentCount == 2)
        let output = folder.url.appendingPathComponent("Output")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("documents/wu-long-fu-ban-fa-2022-40/index.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("documents/wu-long-fu-ban-fa-2022-43/index.html").path))
    }

    @Test func aGB18030SourceIsReadWithAWarning() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.fixture("small-issue-gb18030.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        let report = try build(folder)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.documentCount == 2)
        #expect(report.diagnostics.contains { $0.severity == .warning && $0.description.contains("GB18030") && $0.location.file == "Content/gazettes/wulong/2022-03.txt" })
        let page = try String(contentsOf: folder.url.appendingPathComponent("Output/documents/wu-long-fu-ban-fa-2022-40/index.html"), encoding: .utf8)
        #expect(page.contains("重庆市武隆区人民政府办公室关于区政府有关领导同志分工调整的通知"))
    }

    @Test func aDocumentWhoseHeaderCannotBeParsedIsAnErrorAtItsLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.fixture("broken-header-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        let report = try build(folder)
        #expect(report.errors.map(\.description) == [
            "Content/gazettes/wulong/2022-03.txt:123: error: no document number (发文字号) after 文件 header 重庆市武隆区人民政府办公室文件",
        ])
        // The documents before and after it are intact, and the broken one does not leak into them.
        #expect(report.documentCount == 2)
        let before = try String(contentsOf: folder.url.appendingPathComponent("Output/documents/wu-long-fu-ban-fa-2022-40/index.html"), encoding: .utf8)
        #expect(!before.contains("扫描中丢失"))
    }

    @Test func aFailedBuildLeavesThePreviousOutputIntact() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        _ = try build(folder)
        let before = try folder.snapshot(of: "Output")
        #expect(!before.isEmpty)
        // A templates folder without the layout: the build must fail before touching Output.
        let brokenTemplates = folder.url.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Samples.templates, to: brokenTemplates)
        try FileManager.default.removeItem(at: brokenTemplates.appendingPathComponent("layout.html.mustache"))
        try folder.write(Data("新增的文件".utf8), to: "Content/documents/new.txt")
        let failure = #expect(throws: BuildFailure.self) { try build(folder, templates: brokenTemplates) }
        #expect(failure?.step == .read)
        #expect(failure?.error is SourceError)
        #expect(try folder.snapshot(of: "Output") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func rawHTMLInASourceNeverReachesAPageUnescaped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var text = try String(decoding: Self.fixture("small-issue.txt"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "刘高永同志：", with: "<script>alert('x')</script><img src=x onerror=alert(1)><b>刘高永</b>同志：")
        try folder.write(Data(text.utf8), to: "Content/gazettes/wulong/2022-03.txt")
        _ = try build(folder)
        let files = try folder.snapshot(of: "Output")
        for (path, data) in files where path.hasSuffix(".html") {
            // The site's own scripts (external files under assets/) are the only script elements allowed.
            // JSON-LD is data, never run, and holds no `<` (written as \u003c), so it cannot close its element.
            let html = data.utf8Text.replacing(/<script src="(\.\.\/)*assets\/[a-z-]+\.js"><\/script>/, with: "")
                .replacing(/<script type="application\/ld\+json">[^<]*<\/script>/, with: "")
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.contains("<b>"), "\(path)")
        }
        let page = files["documents/wu-long-fu-ban-fa-2022-40/index.html"]!.utf8Text
        #expect(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"))
    }
}

@Suite struct SidecarTests {
    @Test func aSlugThatIsNotOnePathSegmentIsAnErrorOfItsSourceOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        try folder.write(Data("涪陵区某某规划\n\n第一章 总则\n\n为推进工作，制定本规划。\n".utf8), to: "Content/documents/plan.txt")
        try folder.write(Data(#"{"slug": "../escape"}"#.utf8), to: "Content/documents/plan.json")
        let report = try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                                    output: folder.url.appendingPathComponent("Output"), contentDisplayName: "Content")).build()
        #expect(report.errors.map(\.description) == [
            #"Content/documents/plan.json:1: error: invalid metadata: slug "../escape" must be one path segment without / \ # ? % or spaces"#,
        ])
        #expect(report.documentCount == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("escape").path))
    }
}
