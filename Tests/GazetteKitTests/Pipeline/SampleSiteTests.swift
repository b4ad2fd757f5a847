import Foundation
import GazetteKit
import Testing

/// Builds the real sample content into a temporary folder and checks the site a reader gets.
@Suite(.serialized) struct SampleSiteTests {
    struct Catalog: Decodable {
        struct Entry: Decodable {
            struct IssueFacts: Decodable {
                var gazette: String
                var year: Int
                var number: Int
                var url: String
            }

            var url: String
            var docNumber: String?
            var title: String
            var issuer: String?
            var date: String?
            var issue: IssueFacts?
            var source: String
        }

        var documents: [Entry]
    }

    static func build(into folder: TemporaryFolder, output: String = "Output") throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(content: Samples.content, templates: Samples.templates,
                                       output: folder.url.appendingPathComponent(output), contentDisplayName: "Content")).build()
    }

    @Test func sampleSiteBuildsWithoutErrorsAndEveryCatalogPageExists() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try Self.build(into: folder)
        #expect(report.errors.isEmpty, "\(report.errors)")
        let output = folder.url.appendingPathComponent("Output")
        let catalog = try JSONDecoder().decode(Catalog.self, from: Data(contentsOf: output.appendingPathComponent("catalog.json")))
        #expect(catalog.documents.count == 26 + 3)
        for entry in catalog.documents {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(entry.url).path), "\(entry.url)")
            // `source` is the path inside the content folder.
            #expect(FileManager.default.fileExists(atPath: Samples.content.appendingPathComponent(entry.source).path), "\(entry.source)")
        }
        for expected in Samples.groundTruth.issues {
            for document in expected.documents {
                let entry = try #require(catalog.documents.first { $0.docNumber == document.docNumber })
                #expect(entry.title == document.title)
                #expect(entry.issuer == document.issuer)
                #expect(entry.date == document.date)
                #expect(entry.issue?.year == expected.year && entry.issue?.number == expected.issue)
                #expect(entry.issue?.gazette == expected.gazette)
                #expect(entry.source == Samples.contentPaths[expected.source]!)
            }
        }
        for expected in Samples.groundTruth.standalone {
            let entry = try #require(catalog.documents.first { $0.source == Samples.contentPaths[expected.source]! })
            #expect(entry.title == expected.title)
            #expect(entry.issue == nil)
        }
    }

    @Test func issuePagesListTheDocumentsInPrintedOrderWithPrintedPages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.build(into: folder)
        let output = folder.url.appendingPathComponent("Output")
        let catalog = try JSONDecoder().decode(Catalog.self, from: Data(contentsOf: output.appendingPathComponent("catalog.json")))
        for expected in Samples.groundTruth.issues {
            let issueURL = try #require(catalog.documents.first { $0.issue?.year == expected.year && $0.issue?.number == expected.issue }?.issue?.url)
            let html = try String(contentsOf: output.appendingPathComponent(issueURL), encoding: .utf8)
            #expect(html.contains(expected.gazette))
            #expect(html.contains("\(expected.year)年第\(expected.issue)期"))
            #expect(html.contains("总第\(expected.totalIssue)期"))
            var cursor = html.startIndex
            for document in expected.documents {
                let url = try #require(catalog.documents.first { $0.docNumber == document.docNumber }?.url)
                let link = "href=\"../../../\(url)\""
                let found = try #require(html.range(of: link, range: cursor..<html.endIndex), "\(document.docNumber) out of order or missing")
                let entryEnd = html.range(of: "</li>", range: found.upperBound..<html.endIndex)!.lowerBound
                #expect(html[found.upperBound..<entryEnd].contains("第\(document.tocPage)页"), "\(document.docNumber)")
                cursor = entryEnd
            }
            #expect(html[cursor...].contains("第\(expected.catalog.tocPage)页"))
        }
    }

    @Test func everyRelativeLinkOfEveryPageResolves() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.build(into: folder)
        let files = try folder.snapshot(of: "Output")
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 30)
        for (path, data) in pages {
            let html = data.utf8Text
            #expect(html.contains("<html lang=\"zh-CN\">"), "\(path)")
            for match in html.matches(of: /(?:href|src)="([^"#]*)(?:#[^"]*)?"/) {
                let target = String(match.1)
                if target.isEmpty || target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
                #expect(!target.hasPrefix("/"), "\(path) links to the server root: \(target)")
                let resolved = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(target.removingPercentEncoding ?? target).standardized.path
                #expect(files[String(resolved.dropFirst())] != nil, "\(path) → \(target)")
            }
        }
    }

    @Test func buildingTwiceGivesByteIdenticalOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.build(into: folder, output: "first")
        _ = try Self.build(into: folder, output: "second")
        let first = try folder.snapshot(of: "first")
        let second = try folder.snapshot(of: "second")
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first == second)
    }

    @Test func everyDocumentLinksToTheOriginalTextOfItsSourceKeptAsItArrived() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.build(into: folder)
        let files = try folder.snapshot(of: "Output")
        let catalog = try JSONDecoder().decode(Catalog.self, from: files["catalog.json"]!)
        for entry in catalog.documents {
            let sourcePage = "sources/" + entry.source + ".html"
            #expect(files[sourcePage] != nil, "\(sourcePage)")
            let depth = entry.url.split(separator: "/").count - 1
            let link = "href=\"" + String(repeating: "../", count: depth) + sourcePage + "\""
            #expect(files[entry.url]!.utf8Text.contains(link), "\(entry.url) does not link to \(sourcePage)")
        }
        // The original keeps what OCR printed, traditional characters included; the document page is repaired.
        let original = files["sources/gazettes/wulong/2022-03.txt.html"]!.utf8Text
        #expect(original.contains("重慶市武隆區人民政府辦公室"))
        // …and as a plain-text file, byte for byte the source.
        let plain = try #require(files["sources/gazettes/wulong/2022-03.txt"])
        #expect(plain == (try Data(contentsOf: Samples.content.appendingPathComponent("gazettes/wulong/2022-03.txt"))))
        #expect(original.contains("href=\"../../../sources/gazettes/wulong/2022-03.txt\""))
        #expect(original.contains("documents/武隆府办发-2022-43/index.html"))
    }

    @Test func documentPagesShowTheirFactsAndLinkToTheirIssueAndSource() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.build(into: folder)
        let output = folder.url.appendingPathComponent("Output")
        let html = try String(contentsOf: output.appendingPathComponent("documents/武隆府办发-2022-43/index.html"), encoding: .utf8)
        #expect(html.contains("<h1>重庆市武隆区人民政府办公室关于成立武隆区迎峰度夏电力保障工作领导小组的通知</h1>"))
        #expect(html.contains("武隆府办发〔2022〕43号"))
        #expect(html.contains("2022年6月21日"))
        #expect(html.contains("href=\"../../gazettes/wulong/2022-03/index.html\""))
        #expect(html.contains("href=\"../../sources/gazettes/wulong/2022-03.txt.html\""))
        // The signature was printed in traditional characters by OCR; the page shows it repaired.
        #expect(!html.contains("重慶市武隆區"))
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("重庆市武隆区人民政府公报"))
        #expect(home.contains("2021年第3期") && home.contains("2022年第3期"))
        #expect(home.contains("涪陵区巩固拓展脱贫攻坚成果同乡村振兴有效衔接“十四五”规划（2021—2025年）"))
    }
}
