import Foundation
@testable import GazetteKit
import Testing

/// `gazette.toml`: read with TOMLKit; every mistake in it is an error naming the file, the line and the key.
@Suite struct SiteConfigurationTests {
    let project = Samples.packageRoot

    func parse(_ text: String) throws -> SiteConfiguration {
        try SiteConfiguration.parse(text, file: "gazette.toml", project: project)
    }

    /// The message a text gets, as the command prints it.
    func message(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theProjectsOwnFileIsRead() throws {
        let configuration = try SiteConfiguration.load(from: project.appendingPathComponent("gazette.toml"), displayName: "gazette.toml")
        #expect(configuration.title == "重庆市区县政府公报文库")
        #expect(configuration.baseURL?.hasPrefix("https://") == true)
        #expect(configuration.baseURL?.hasSuffix("/") == true)
        #expect(configuration.content == "Content")
        #expect(configuration.gazetteNames["wulong"] == "重庆市武隆区人民政府公报")
    }

    @Test func everySettingHasADefault() throws {
        let configuration = try parse("")
        #expect(configuration == SiteConfiguration())
        #expect(configuration.title == nil && configuration.baseURL == nil)
        #expect(configuration.language == "zh-CN" && configuration.output == "Output" && configuration.port == 8000)
    }

    @Test func aBaseURLGetsItsClosingSlash() throws {
        #expect(try parse(#"base_url = "https://example.org/archive""#).baseURL == "https://example.org/archive/")
    }

    @Test func theSearchBatchSizeIsRead() throws {
        #expect(try parse("").searchBatchCharacters == SearchIndex.batchCharacters)
        #expect(try parse("[search]\nbatch_characters = 500000\n").searchBatchCharacters == 500_000)
    }

    @Test func anUnknownKeyNamesTheFileLineAndKey() {
        #expect(message("title = \"x\"\n\n[paths]\ncontent = \"Content\"\noutptu = \"Out\"\n")
            .hasPrefix("gazette.toml:5: error: paths.outptu: unknown key"))
        #expect(message("title = \"x\"\nbaseurl = \"https://example.org/\"\n").hasPrefix("gazette.toml:2: error: baseurl: unknown key"))
        #expect(message("[gazettes.wulong]\nname = \"武隆\"\ncolour = \"red\"\n")
            .hasPrefix("gazette.toml:3: error: gazettes.wulong.colour: unknown key"))
    }

    @Test func badValuesNameTheFileLineAndKey() {
        #expect(message("\n\nbase_url = \"gazette.example.org\"\n").hasPrefix("gazette.toml:3: error: base_url: \"gazette.example.org\" is not an absolute"))
        #expect(message("base_url = \"ftp://example.org/\"\n").hasPrefix("gazette.toml:1: error: base_url:"))
        #expect(message("title = 3\n") == "gazette.toml:1: error: title: expected a string, found integer")
        #expect(message("title = \"\"\n") == "gazette.toml:1: error: title: may not be empty")
        #expect(message("language = \"中文\"\n").hasPrefix("gazette.toml:1: error: language:"))
        #expect(message("[serve]\nport = 70000\n") == "gazette.toml:2: error: serve.port: expected a port number from 1 to 65535")
        #expect(message("[search]\nbatch_characters = 0\n")
            == "gazette.toml:2: error: search.batch_characters: expected a number of characters from 1 to 1000000000")
        #expect(message("[search]\nbatch = 10\n").hasPrefix("gazette.toml:2: error: search.batch: unknown key"))
        #expect(message("paths = \"Content\"\n") == "gazette.toml:1: error: paths: expected a table, found string")
    }

    @Test func aPathOutsideTheProjectIsAnError() {
        #expect(message("[paths]\noutput = \"../Output\"\n").hasPrefix("gazette.toml:2: error: paths.output: \"../Output\" lies outside the project folder"))
        #expect(message("[paths]\ncontent = \"/etc\"\n").hasPrefix("gazette.toml:2: error: paths.content:"))
    }

    @Test func aFileThatIsNotTOMLNamesTheLine() {
        let text = "title = \"x\"\n[paths\ncontent = \"Content\"\n"
        #expect(message(text).hasPrefix("gazette.toml:2: error: not valid TOML:"), "\(message(text))")
    }

    @Test func keyLinesFollowTablesAndQuotedKeys() {
        let lines = TOMLKeyLines("a = 1\n[x . \"y.z\"]\n# note\nb = '''\nc = 2\n'''\nd = 3\n")
        #expect(lines.line(of: ["a"]) == 1)
        #expect(lines.line(of: ["x", "y.z"]) == 2)
        #expect(lines.line(of: ["x", "y.z", "b"]) == 4)
        #expect(lines.line(of: ["x", "y.z", "c"]) == 2, "c is inside a multi-line string: its table's line")
        #expect(lines.line(of: ["x", "y.z", "d"]) == 7)
    }

    @Test func theConfigurationReachesThePages() throws {
        var configuration = SiteConfiguration()
        configuration.title = "测试文库"
        configuration.baseURL = "https://example.org/archive/"
        configuration.gazetteNames["wulong"] = "武隆公报"
        var options = SiteBuilder.Options(content: Samples.content, templates: Samples.templates,
                                          output: URL(fileURLWithPath: "/nonexistent"), contentDisplayName: "Content")
        options.configuration = configuration
        let prepared = try SiteBuilder(options: options).prepare()
        let pages = try prepared.renderPages()
        func page(_ path: String) -> String { pages.first { $0.path == path }?.html ?? "" }
        let document = page("documents/wu-long-fu-ban-fa-2022-47/index.html")
        #expect(document.contains(#"<link rel="canonical" href="https://example.org/archive/documents/wu-long-fu-ban-fa-2022-47/">"#))
        #expect(document.contains(#"<meta property="og:type" content="article">"#))
        #expect(document.contains(#""legislationIdentifier":"武隆府办发〔2022〕47号""#))
        #expect(document.contains("武隆公报"))
        #expect(page("index.html").contains("<title>首页 - 测试文库</title>"))
        #expect(page("robots.txt").contains("Sitemap: https://example.org/archive/sitemap.xml"))
        #expect(page("404.html").contains(#"href="/archive/assets/style.css""#), "404.html is served at any depth")
        #expect(page("feeds/wulong.xml").contains("<title>武隆公报</title>"))
        #expect(page("sitemap.xml").contains("<loc>https://example.org/archive/documents/wu-long-fu-ban-fa-2022-47/</loc><lastmod>2022-06-29</lastmod>"))
        // Links between pages stay relative.
        #expect(document.contains(#"href="../../gazettes/wulong/2022-03/index.html""#))
    }

    @Test func withoutABaseURLNoFileNeedsAbsoluteAddresses() {
        let pages = Set(SampleSite.pages.map(\.path))
        #expect(pages.contains("robots.txt") && pages.contains("404.html"))
        #expect(!pages.contains("sitemap.xml") && !pages.contains("feeds/all.xml"))
        #expect(SampleSite.page("index.html")?.contains("rel=\"canonical\"") == false)
    }
}
