import Testing
@testable import GazetteKit

@Suite struct CommonMarkConverterTests {
    @Test func rendersPipeTableWithChineseCells() {
        let markdown = """
        | 项目 | 金额（万元） |
        | --- | ---: |
        | 医疗保障 | 1,200 |
        | 乡村振兴 | 300 |
        """
        let html = CommonMarkConverter.html(fromMarkdown: markdown)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>项目</th>"))
        #expect(html.contains("<td>医疗保障</td>"))
        #expect(html.contains("<td align=\"right\">1,200</td>"))
    }

    /// Pages are rendered on all cores (cmark-gfm's parsing serialised, its rendering not): documents rendered one
    /// after another and on several threads at once give the same HTML, small ones and large ones.
    @Test func documentsRenderedAfterAndBesideEachOtherAreTheSame() {
        let row = "| 第{n}项 | 乡村振兴**重点**项目 | <https://example.org/{n}> |"
        let table = "| 序号 | 项目 | 地址 |\n| --- | --- | --- |\n"
            + (0..<3000).map { row.replacingOccurrences(of: "{n}", with: String($0)) }.joined(separator: "\n")
        let documents = (0..<24).map { index in
            let article = "## 第\(index)条\n\n为推进工作，~~删除~~ *强调* 制定本办法。 www.example.org/\(index)\n"
            return index.isMultiple(of: 6) ? table : article
        }
        let alone = documents.map { CommonMarkConverter.html(fromMarkdown: $0) }
        #expect(alone[0].utf8.count > 256 * 1024)
        #expect(alone[0].components(separatedBy: "<tr>").count == 3002)
        #expect(alone[1].contains("<del>删除</del>") && alone[1].contains("<a href=\"http://www.example.org/1\">"))
        for _ in 0..<3 {
            #expect(documents.concurrentMap { CommonMarkConverter.html(fromMarkdown: $0) } == alone)
        }
    }

    @Test func keepsChineseParagraphByteForByte() {
        let text = "为进一步推进医疗保障高质量发展，保障人民健康，促进共同富裕。“双引号”和‘单引号’不变。"
        #expect(CommonMarkConverter.html(fromMarkdown: text) == "<p>\(text)</p>\n")
    }

    @Test func neverEmitsScriptTag() {
        for markdown in ["<script>alert(1)</script>", "正文 <script>alert(1)</script> 正文", "| a |\n| - |\n| <script>alert(1)</script> |"] {
            let html = CommonMarkConverter.html(fromMarkdown: markdown)
            #expect(!html.lowercased().contains("<script"), "\(html)")
        }
    }

    @Test func autolinksBareURL() {
        let html = CommonMarkConverter.html(fromMarkdown: "详见 https://example.gov.cn 网站。")
        #expect(html.contains("<a href=\"https://example.gov.cn\">https://example.gov.cn</a>"))
    }

    @Test func concurrentRenderingIsDeterministic() async {
        let markdown = "# 标题\n\n| 甲 | 乙 |\n| - | - |\n| 一 | 二 |\n\n见 https://example.gov.cn ~~删除~~\n"
        let expected = CommonMarkConverter.html(fromMarkdown: markdown)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<32 {
                group.addTask { (0..<20).map { _ in CommonMarkConverter.html(fromMarkdown: markdown) } }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 32 * 20)
        #expect(expected.contains("<del>删除</del>") && expected.contains("<a href="))
        #expect(Set(results) == [expected])
    }
}

@Suite struct MarkdownEscaperTests {
    @Test func markupFromSourceTextStaysTextEvenWithCombiningMarks() {
        for text in ["*强调*", "*\u{0301}强调*\u{0301}", "_下划线_", "<b>粗体</b>", "# 标题", "1. 列表", "[链接](http://x.cn)", "&amp; 实体", "a|b"] {
            let html = CommonMarkConverter.html(fromMarkdown: MarkdownEscaper.escape(text))
            #expect(!html.contains("<em>") && !html.contains("<strong>") && !html.contains("<b>") && !html.contains("<h1>")
                    && !html.contains("<ol>") && !html.contains(">链接</a>"), "\(text) → \(html)")
        }
        // Autolinked addresses keep their underscores without a visible backslash.
        let html = CommonMarkConverter.html(fromMarkdown: MarkdownEscaper.escape("见 https://x.gov.cn/a_b?c=1&d=2"))
        #expect(html.contains("a_b") && !html.contains("a\\_b"))
    }
}
