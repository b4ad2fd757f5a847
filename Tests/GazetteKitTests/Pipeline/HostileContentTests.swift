import Foundation
@testable import GazetteKit
import Testing

/// Payloads an attacker could put in a source reach every page as text, with nothing lost and nothing run.
@Suite struct HostileContentTests {
    static let payloads = [
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
        "[点我](javascript:alert(1))", "<a href=\"javascript:alert(1)\">链接</a>", "<!-- 注释 -->", "{{siteName}}{{{content}}}",
        "<math><mtext></mtext><mglyph><style><img src=x onerror=alert(1)></style></mglyph></math>",
    ]
    /// Addresses glued to a tag or a Markdown sign: the autolink must not swallow what follows.
    static let gluedAddresses = [
        ("详见http://x.cn/<img src=x onerror=alert(2)>后文", "后文"), ("见https://a.cn/x*粗*", "*粗*"), ("www.b.cn/a~删~", "~删~"),
    ]

    @Test func anAddressGluedToATagKeepsTheTextAfterIt() {
        for (text, tail) in Self.gluedAddresses {
            let html = CommonMarkConverter.html(fromMarkdown: MarkdownEscaper.escape(text))
            let visible = html.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            #expect(visible.trimmingCharacters(in: .whitespacesAndNewlines) == text, "\(html)")
            #expect(html.contains(tail), "\(html)")
            #expect(!html.contains("raw HTML omitted"), "\(html)")
        }
    }

    @Test func payloadsInSourcesAndMetadataAreTextOnEveryPage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var issue = String(decoding: try BadInputTests.fixture("small-issue.txt"), as: UTF8.self)
        let body = (Self.payloads + Self.gluedAddresses.map(\.0)).joined(separator: "\n\n")
        issue = issue.replacingOccurrences(of: "区政府其他领导同志分工不变。", with: "区政府其他领导同志分工不变。\n\n" + body)
        try folder.write(Data(issue.utf8), to: "Content/gazettes/wulong/2022-03.txt")
        try folder.write(Data("某某规划<script>alert(3)</script>\n\n第一章 总则\n\n\(body)\n".utf8), to: "Content/documents/plan.txt")
        let sidecar = #"{"title": "<script>alert(4)</script>", "note": "<img src=x onerror=alert(5)>", "issuer": "{{{content}}}"}"#
        try folder.write(Data(sidecar.utf8), to: "Content/documents/plan.json")
        try folder.write(Data(#"{"title": "<script>alert(6)</script>"}"#.utf8), to: "Content/site.json")
        let report = try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                                    output: folder.url.appendingPathComponent("Output"), contentDisplayName: "Content")).build()
        #expect(report.errors.isEmpty, "\(report.errors)")
        let files = try folder.snapshot(of: "Output")
        for (path, data) in files where path.hasSuffix(".html") {
            // The site's own scripts are files in assets/; nothing else may be a script.
            // JSON-LD is data, never run, and holds no `<` (written as \u003c), so it cannot close its element.
            let html = data.utf8Text.replacing(/<script src="(?:\.\.\/)*assets\/[a-z-]+\.js"><\/script>/, with: "")
                .replacing(/<script type="application\/ld\+json">[^<]*<\/script>/, with: "")
            for tag in ["<script", "<img", "<svg", "<iframe", "<math", "<style", "href=\"javascript", "src=\"javascript", "onerror=\"", "onload=\"", "raw HTML omitted"] {
                #expect(!html.lowercased().contains(tag), "\(path) has \(tag)")
            }
        }
        let page = try #require(files["documents/wu-long-fu-ban-fa-2022-40/index.html"]?.utf8Text)
        let text = page.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
        for payload in ["<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "{{siteName}}{{{content}}}", "后文"] {
            #expect(text.contains(payload), "\(payload)")
        }
    }

    @Test func everyPageDeclaresAContentSecurityPolicyThatRunsNoInlineScript() throws {
        for page in SampleSite.pages where page.path.hasSuffix(".html") {
            let policy = try #require(page.html.firstMatch(of: /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/), "\(page.path)")
            let directives = policy.1.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(directives.contains("script-src 'self'"), "\(page.path)")
            #expect(directives.contains("default-src 'none'"), "\(page.path)")
            #expect(!policy.1.contains("unsafe-inline") && !policy.1.contains("unsafe-eval"), "\(page.path)")
            // Scripts, if any, are files: `script-src 'self'` would block an inline one. JSON-LD is data, not a script.
            for script in page.html.matches(of: /<script\b[^>]*>/) where script.0 != #"<script type="application/ld+json">"# {
                #expect(script.0.contains(" src="), "\(page.path): \(script.0)")
            }
        }
    }
}
