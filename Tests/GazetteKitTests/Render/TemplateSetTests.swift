import Foundation
@testable import GazetteKit
import Mustache
import Testing

/// The templates escape values as Mustache does, by the set's own escape, and report errors at their own lines.
@Suite struct TemplateSetTests {
    /// The sample templates, with `robots.txt` replaced by `text` (a template the build renders with a plain context).
    func templates(robots text: String) throws -> (TemplateSet, TemporaryFolder) {
        let folder = try TemporaryFolder()
        for name in TemplateSet.required {
            let file = "\(name).mustache"
            let data = try Data(contentsOf: Samples.templates.appendingPathComponent(file))
            try folder.write(name == "robots.txt" ? Data(text.utf8) : data, to: file)
        }
        return (try TemplateSet(folder: folder.url, displayName: "Templates"), folder)
    }

    @Test func valuesAreEscapedAsMustacheEscapesThem() throws {
        let text = "a{{value}}b\n{{{value}}}\n{{#items}}<{{.}}>{{/items}}\n"
        let (set, folder) = try templates(robots: text)
        defer { folder.remove() }
        let value = #"乡村<振兴> & "规划" '试行' \ 〔2022〕"#
        let context: [String: Any] = ["value": value, "items": ["<甲>", "乙&丙"]]
        let rendered = set.render(context, with: .robots)
        // What the library renders with its own escape, for the same template and values.
        let reference = try MustacheTemplate(string: text).render(context)
        #expect(rendered == reference)
        #expect(rendered == #"""
            a乡村&lt;振兴&gt; &amp; &quot;规划&quot; &#39;试行&#39; \ 〔2022〕b
            乡村<振兴> & "规划" '试行' \ 〔2022〕
            <&lt;甲&gt;><乙&amp;丙>

            """#)
    }

    @Test func aTemplateThatNamesItsContentTypeKeepsIt() throws {
        let (set, folder) = try templates(robots: "{{% CONTENT_TYPE: TEXT}}\n<{{value}}>\n")
        defer { folder.remove() }
        #expect(set.render(["value": "a<b>&'\""], with: .robots) == "<a<b>&'\">\n")
    }

    @Test func aTemplateErrorNamesItsOwnLine() throws {
        let error = #expect(throws: SourceError.self) {
            try templates(robots: "User-agent: *\nAllow: /\n{{#sitemap}}Sitemap: {{sitemap}}{{/site}}\nDisallow:\n")
        }
        #expect(error?.diagnostic.location == SourceLocation(file: "Templates/robots.txt.mustache", line: 3))
    }
}
