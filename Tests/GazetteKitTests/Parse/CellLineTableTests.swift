@testable import GazetteKit
import Foundation
import Testing

/// Tables printed one cell per line. The cells are those of 专栏1 of the 涪陵 plan
/// (Content/documents/fuling-rural-revitalization-plan.txt, lines 72–211), which prints them so.
@Suite struct CellLineTableTests {
    static func fulingLines() throws -> [SourceLine] {
        let url = Samples.content.appendingPathComponent("documents/fuling-rural-revitalization-plan.txt")
        let lines = SourceText.lines(of: try String(contentsOf: url, encoding: .utf8))
        return Array(lines[71..<211])
    }

    @Test func cellsAfterATabWithRowsApartByBlankLinesAndAHeaderOneColumnShort() throws {
        let tables = CellLineTable.find(in: try Self.fulingLines())
        let table = try #require(tables.first)
        let rows = try #require(table.rows)
        #expect(rows.count == 20)
        #expect(rows[0] == ["序号", "", "指标", "2020年", "2025年", "指标属性"])
        #expect(rows[1] == ["1", "", "地区生产总值年均增速（%）", "8.3", "7*", "预期性"])
        // A cell broken by a blank line (`医疗` / `保障`) is one cell.
        #expect(rows[4] == ["4", "医疗保障", "农村人口基本医保参保率（%）", "95", "95", "约束性"])
        #expect(rows[15] == ["", "", "农产品加工产值与农业总产值比", "2.6：1", "3.6∶1", "预期性"])
        #expect(table.repairs.count == 1)
    }

    @Test func rowsToldBySerialNumbersUnderASequenceHeader() throws {
        // The same cells as a web page prints them: no tabs, no blank lines.
        let text = ["序号", "指标", "2020年", "2025年", "指标属性",
                    "1", "地区生产总值年均增速（%）", "8.3", "7*", "预期性",
                    "2", "农村常住居民人均可支配收入年均增速（%）", "9.6", "高于全区平均水平", "预期性",
                    "3", "九年义务教育巩固率（%）", "98.5", "99", "约束性"].joined(separator: "\n")
        let table = try #require(CellLineTable.find(in: SourceText.lines(of: text)).first)
        #expect(table.rows?.count == 4)
        #expect(table.rows?[3] == ["3", "九年义务教育巩固率（%）", "98.5", "99", "约束性"])
    }

    @Test func cellsWhoseColumnsCannotBeReadStayOneALineWithAWarning() {
        // Row 4 has a category cell the header does not name, and no blank lines tell the rows apart.
        let text = ["序号", "指标", "2020年", "2025年", "指标属性",
                    "1", "地区生产总值年均增速（%）", "8.3", "7*", "预期性",
                    "2", "医疗保障", "农村人口基本医保参保率（%）", "95", "95", "约束性",
                    "39221", "2532514", "2014年12月底"].joined(separator: "\n")
        var ids = UniquePartIDs()
        var diagnostics: [Diagnostic] = []
        let blocks = BodyParser.blocks(from: SourceText.lines(of: text), file: "x.txt", ids: &ids, diagnostics: &diagnostics)
        #expect(blocks.contains { $0.text == "39221" } && blocks.contains { $0.text == "2532514" })
        #expect(diagnostics.contains { $0.description.hasPrefix("x.txt:1: warning: a table printed one cell per line") })
    }
}

/// A regulation that prints its own 目录, without page numbers, before its text.
@Suite struct PrintedContentsTests {
    @Test func aContentsListWithoutPageNumbersStaysAContentsListLinkedToTheChapters() throws {
        // The 东莞 regulation of the corpus with the 目录 the official text prints above its chapters.
        let url = Samples.packageRoot.appendingPathComponent("Tests/Corpus/documents/dongguan-civilized-conduct.txt")
        let original = try String(contentsOf: url, encoding: .utf8)
        let chapters = original.split(separator: "\n").filter { $0.hasPrefix("## 第") }.map { String($0.dropFirst(3)) }
        #expect(chapters.count == 6)
        let text = original.replacingOccurrences(of: "<!-- INFO END -->", with: "目　　录\n\n" + chapters.joined(separator: "\n\n"))
        var diagnostics: [Diagnostic] = []
        let document = try #require(StandaloneDocumentParser(file: "x")
            .parse(SourceText.lines(of: text), id: "x", metadata: SourceMetadata(), diagnostics: &diagnostics))
        let blocks = document.body.flatMap(\.flattened)
        let entries = blocks.compactMap { block -> [String]? in if case .contents(let entries) = block.kind { entries } else { nil } }
        #expect(entries.first?.count == 6)
        #expect(entries.first?.first == "第一章 总则")
        // One set of headings: each chapter once, without a repeated number.
        let headings = blocks.filter { if case .heading(level: 1) = $0.kind { true } else { false } }.map(\.id.fragment)
        #expect(headings == (1...6).map { "chapter-\($0)" })
        #expect(!diagnostics.contains { $0.message.contains("repeats") })
    }
}

@Suite struct NameListTests {
    @Test func namesPrintedInColumnsKeepOnePairALine() {
        // Content/gazettes/wulong/2022-03.txt, lines 481–487.
        let text = "区政府其他领导同志分工不变。\n\nAB角：刘高永—马应华\n\n张 凯—张 永—邓 涛\n\n何圣春—刘 印\n\n赵龙华—王 东\n"
        var ids = UniquePartIDs()
        var diagnostics: [Diagnostic] = []
        let blocks = BodyParser.blocks(from: SourceText.lines(of: text), file: "x", ids: &ids, diagnostics: &diagnostics)
        #expect(blocks.map(\.text) == ["区政府其他领导同志分工不变。", "AB角：刘高永—马应华", "张 凯—张 永—邓 涛", "何圣春—刘 印", "赵龙华—王 东"])
    }
}

@Suite struct ShiftedTableTests {
    @Test func rowsOneCellShortOfAHeaderWithAnEmptyCellKeepTheirCellsUnderTheirHeadings() throws {
        // 专栏1 of the city plan, Content/documents/chongqing-rural-revitalization-plan.txt, lines 181–186.
        let text = """
            | 序号 | 指 标 |  | 2020 年 | 2025 年 | 指标属性 |
            |---|---|---|---|---|---|
            | 1 | 地区生产总值增长 (%) | 3.7 | 高于全市平均水平* | 预期性 |
            | 2 | 农村常住居民人均可支配收入增速 (%) | 8.3 | 高于全市平均水平* | 预期性 |
            | 3 | 农村义务教育巩固率（%） |  | 95 | 96 | 约束性 |
            """
        var ids = UniquePartIDs()
        var diagnostics: [Diagnostic] = []
        let blocks = BodyParser.blocks(from: SourceText.lines(of: text), file: "x", ids: &ids, diagnostics: &diagnostics)
        guard case .table(let rows) = try #require(blocks.first).kind else { Issue.record("no table"); return }
        #expect(rows[1] == ["1", "地区生产总值增长 (%)", "", "3.7", "高于全市平均水平*", "预期性"])
        #expect(rows[3] == ["3", "农村义务教育巩固率（%）", "", "95", "96", "约束性"])
        #expect(diagnostics.contains { $0.message.contains("one cell short of the header") })
    }
}
