import Foundation
import GazetteKit
import Testing

/// The Markdown of chosen sample documents, checked in under `Golden/`, so that any change in what a
/// reader gets shows in review. Re-record with `GAZETTE_RECORD_GOLDEN=1 swift test --filter GoldenMarkdownTests`.
@Suite struct GoldenMarkdownTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["GAZETTE_RECORD_GOLDEN"] == "1"

    /// At least one document of each sample source, covering every case of structure recovery.
    static let documents = [
        "wu-long-fu-ban-fa-2022-37",  // 医疗保障 plan: 专栏 boxes with a tab table and numbered items, paragraphs around boxes
        "wu-long-fu-ban-fa-2022-47",  // 政务信息化 办法: chapters and 第N条 articles
        "wu-long-fu-fa-2022-15",  // a short notice with its 附件 list
        "wu-long-fu-ban-fa-2021-35",  // 政务公开 task table cut at every page, header repeated, <p> in cells
        "wu-long-fu-fa-2021-11",  // text continued from another page (（上接第2页）) moved back into its document
        "yu-fu-ban-fa-2021-149",  // the city plan: messy Markdown heading marks, <b> tags, a printed 目录, boxes
        "fuling-rural-revitalization-plan",  // a plan without header: signature first, tab tables
        "wulong-rural-revitalization-plan-copy",  // a damaged copy: chapters missing and out of order
    ]

    @Test(arguments: documents)
    func renderedMarkdownMatchesTheCheckedInFile(_ id: String) throws {
        let published = try #require(SampleSite.document(id))
        let markdown = SampleSite.prepared.renderer.markdown(for: published, site: SampleSite.prepared.site)
        let file = Self.folder.appendingPathComponent("\(id).md")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(markdown.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if markdown != expected {
            let got = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            Issue.record("""
                \(id).md differs from line \(first + 1) (re-record with GAZETTE_RECORD_GOLDEN=1 if the change is intended)
                expected: \(first < want.count ? want[first] : "<end>")
                got:      \(first < got.count ? got[first] : "<end>")
                """)
        }
    }
}
