import Foundation
@testable import GazetteKit
import Testing

/// Structure recovery on excerpts of the real samples.
@Suite struct BodyParserTests {
    func parse(_ text: String) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        var ids = UniquePartIDs()
        var diagnostics: [Diagnostic] = []
        let blocks = BodyParser.blocks(from: SourceText.lines(of: text), file: "Content/x.txt", ids: &ids, diagnostics: &diagnostics)
        return (blocks, diagnostics)
    }

    func headings(_ blocks: [Block]) -> [String] {
        blocks.flatMap(\.flattened).compactMap { if case .heading(let level) = $0.kind { "\(level) \($0.text)" } else { nil } }
    }

    @Test func headingLevelsComeFromTheNumberingNotFromMarkdownMarks() {
        // From the city plan: `####` on a chapter, `##` on a section, `**` around a chapter.
        let (blocks, _) = parse("""
            #### **第四章 巩固拓展“两不愁三保障”及饮水安全成果**

            ## 第一节 巩固拓展“两不愁”成果

            健全农村低收入人口常态化帮扶机制。

            ### 第二节 巩固拓展义务教育保障成果

            一、发展基础

            （一）指导思想。

            （二）突出打击重点。要针对不同监管对象多发、高发的违规行为特点，聚焦重点、分类打击。
            """)
        #expect(headings(blocks) == [
            "1 第四章 巩固拓展“两不愁三保障”及饮水安全成果", "2 第一节 巩固拓展“两不愁”成果", "2 第二节 巩固拓展义务教育保障成果",
            "3 一、发展基础", "4 （一）指导思想。",
        ])
        #expect(blocks.last?.kind == .paragraph)
        #expect(blocks.map(\.id.fragment).contains("chapter-4-section-2"))
    }

    @Test func linesBrokenInMidSentenceAreJoinedAndParagraphEndsKept() {
        let (blocks, _) = parse("""
            “十三五”期间，多层次医疗保障制度体系框架基本形成，医保基金安全可持

            续。医疗保障工作为缓解群众看病难、看病贵问题发挥了重要作用。

            制度体系更加完善。以基本医疗保险为主体，医疗救助为托底。
            （下转第8页）
            """)
        #expect(blocks.map(\.text) == [
            "“十三五”期间，多层次医疗保障制度体系框架基本形成，医保基金安全可持续。医疗保障工作为缓解群众看病难、看病贵问题发挥了重要作用。",
            "制度体系更加完善。以基本医疗保险为主体，医疗救助为托底。",
        ])
    }

    @Test func pageNotesAndRunningHeadersAreRemovedButTheTextAfterANoteIsKept() {
        var ids = UniquePartIDs()
        var diagnostics: [Diagnostic] = []
        let lines = SourceText.lines(of: """
            各有关部门要严格按照办理时限要求，抓好工作的落

            重庆市武隆区人民政府公报

            （上接第34页）实，确保任务全面完成。
            (下转第56页)
            """)
        let blocks = BodyParser.blocks(from: lines, file: "x", runningHeaders: ["重庆市武隆区人民政府公报"], ids: &ids, diagnostics: &diagnostics)
        #expect(blocks.map(\.text) == ["各有关部门要严格按照办理时限要求，抓好工作的落实，确保任务全面完成。"])
    }

    @Test func textThatOnlyLooksLikeStructureStaysText() {
        let (blocks, diagnostics) = parse("""
            违反本办法规定的，依照《中华人民共和国安全生产法》
            第十二条的规定处理。
            一、\t总则
            详见《重庆市人民政府公报》2021年第12期
            2021-2025
            #1号楼和#2号楼拆除重建。
            """)
        #expect(!blocks.contains { $0.kind == .article })
        #expect(blocks[0].text == "违反本办法规定的，依照《中华人民共和国安全生产法》第十二条的规定处理。")
        #expect(!blocks.contains { if case .table = $0.kind { true } else { false } })
        #expect(blocks.contains { $0.text.contains("详见《重庆市人民政府公报》2021年第12期") })
        #expect(blocks.contains { $0.text.contains("2021-2025") })
        #expect(blocks.contains { $0.text.contains("#1号楼和#2号楼拆除重建。") })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func eachAttachmentRestartsTheNumberingAndPrefixesItsIds() {
        let (blocks, diagnostics) = parse("""
            附件1

            一、总体要求

            二、主要任务

            附件2

            一、适用范围

            第一条 本办法适用于全区。
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(blocks.map(\.id.fragment) == [
            "annex-1", "annex-1-part-1", "annex-1-part-2", "annex-2", "annex-2-part-1", "annex-2-article-1",
        ])
    }

    @Test func articlesAreTheirOwnAddressableUnits() {
        let (blocks, diagnostics) = parse("""
            第一章 总 则

            第一条 为贯彻落实《国家政务信息化项目建设管理办法》要求，进一步规范武隆区政务信息化项目管理，制定本办法。

            第二条 本办法所称项目建设单位，是指使用自有收入、区级及以上财政资金开展信息化项目建设的下列单位：

            （一）区委、区人大、区政府、区政协所属部门及其归口管理单位和下属各单位；

            第三条 区级政务信息化项目建设管理应当坚持统筹规划、数据驱动、共建共享、业务协同、安全可靠的原则。
            """)
        let articles = blocks.filter { $0.kind == .article }
        #expect(articles.map(\.id.fragment) == ["article-1", "article-2", "article-3"])
        #expect(articles[0].text.hasPrefix("为贯彻落实"))
        #expect(diagnostics.isEmpty)
    }

    @Test func aBoxHoldsItsTableAndNotesAndTheInterruptedParagraphGoesOn() throws {
        // 武隆府办发〔2022〕37号: a box printed in the middle of a paragraph.
        let (blocks, _) = parse("""
            执行全市统一规范医疗救助制度。健全救助对象及时精准识别机制，实现救助对象范围、参保

            专栏2 重大疾病救助工程

            1. 建立救助对象及时精准识别机制，加强部门协同。
            2. 强化高额医疗费用支出预警监测，依申请落实综合保障政策。

            有效衔接乡村振兴战略。优化救助对象资助参保政策。

            专栏1 “十四五”时期重庆市武隆区医疗保障发展主要指标

            类 别\t主 要 指 标\t2020 年\t2025 年\t指标属性
            参保覆盖\t基本医疗保险参保率（%）\t>95\t>95\t约束性
            \t基本医疗保险（含生育保险）基金支出（亿元）\t5.6 亿元\t支出规模与经济社会发展水平相适应\t预期性

            注：①指“十四五”期间基本医疗保险参保率每年保持在95%以上。

            展望2035年，我区基本医疗保障制度更加规范。
            """)
        #expect(blocks.count == 4)
        #expect(blocks[0].text.hasSuffix("参保有效衔接乡村振兴战略。优化救助对象资助参保政策。"))
        #expect(blocks[1].kind == .box && blocks[1].id.fragment == "box-2" && blocks[1].children.count == 2)
        let box = blocks[2]
        #expect(box.kind == .box && box.text.hasSuffix("医疗保障发展主要指标"))
        guard case .table(let rows) = box.children.first?.kind else { Issue.record("no table in the box"); return }
        #expect(rows.count == 3)
        #expect(rows[2] == ["", "基本医疗保险（含生育保险）基金支出（亿元）", "5.6 亿元", "支出规模与经济社会发展水平相适应", "预期性"])
        #expect(box.children.last?.text.hasPrefix("注：") == true)
        #expect(blocks[3].text.hasPrefix("展望2035年"))
    }

    @Test func aTableCutAcrossPagesIsMergedAndCellMarkupBecomesText() throws {
        // 武隆府办发〔2021〕35号: the header printed again on every page, <p> inside cells.
        let (blocks, diagnostics) = parse("""
            | 工作任务 | 贯彻举措 | 牵头单位 | 责任单位 | |
            |---|--|--|---|---|
            | 一、深化政务服务公开 | （一）做好各类规划主动公开。 | 区发展改革委 | 区级各部门 |

            | 工作任务 | 贯彻举措 | 牵头单位 | 责任单位 |
            |---|--|---|---|
            | 深化政务公开 工作方式 | <p>1. 探索建立“政策解读专员”制度。</p><p>2. 加强解读。</p> | 区政府办公室 |
            """)
        #expect(blocks.count == 1)
        guard case .table(let rows) = blocks[0].kind else { Issue.record("not a table"); return }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.count == 4 })
        #expect(rows[2][1] == "1. 探索建立“政策解读专员”制度。  2. 加强解读。" || rows[2][1].contains("制度。") && !rows[2][1].contains("<p>"))
        #expect(rows[2][3] == "")
        #expect(diagnostics.isEmpty)
    }

    @Test func aPrintedTableOfContentsIsNotTakenForHeadings() {
        let (blocks, _) = parse("""
            # 目 录

            <b>第一章 工作基础和环境</b> .....\t( 6 )
            第一节 工作基础.....\t( 6 )
            <b>第六章</b>\t<b>壮大脱贫地区乡村特色产业 .....</b>\t<b>( 26 )</b>

            ## 第一章 工作基础和环境
            """)
        #expect(blocks.count == 2)
        #expect(blocks[0].kind == .contents(entries: ["第一章 工作基础和环境 …… 6", "第一节 工作基础 …… 6", "第六章 壮大脱贫地区乡村特色产业 …… 26"]))
        #expect(headings(blocks) == ["1 第一章 工作基础和环境"])
    }

    @Test func badStructureIsRenderedFaithfullyWithWarningsAtTheirLines() {
        let (blocks, diagnostics) = parse("""
            第一章 总则

            第三章 附则

            第三章 附则

            <b>未闭合的标签
            甲\t乙
            1\t2\t3
            """)
        let messages = diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("Content/x.txt:3: warning: heading number 第三章 skips") })
        #expect(messages.contains { $0.hasPrefix("Content/x.txt:5: warning: heading number 第三章 repeats") })
        #expect(messages.contains { $0.hasPrefix("Content/x.txt:7: warning: unclosed <b> tag") })
        #expect(messages.contains { $0.hasPrefix("Content/x.txt:9: warning: table rows have more cells than the header") })
        // Nothing is dropped: both 第三章 headings, the text of the unclosed tag and every cell are there.
        #expect(headings(blocks).filter { $0.contains("第三章") }.count == 2)
        #expect(blocks.contains { $0.text == "未闭合的标签" })
        guard case .table(let rows) = blocks.last?.kind else { Issue.record("no table"); return }
        #expect(rows == [["甲", "乙", ""], ["1", "2", "3"]])
        #expect(Set(blocks.map(\.id)).count == blocks.count)
    }
}

extension Block.Kind {
    static func == (lhs: Block.Kind, rhs: Block.Kind) -> Bool {
        switch (lhs, rhs) {
        case (.heading(let a), .heading(let b)): a == b
        case (.article, .article), (.paragraph, .paragraph), (.box, .box): true
        case (.table(let a), .table(let b)): a == b
        case (.contents(let a), .contents(let b)): a == b
        default: false
        }
    }
}
