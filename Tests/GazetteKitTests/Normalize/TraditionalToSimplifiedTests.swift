import Testing
@testable import GazetteKit

@Suite struct TraditionalToSimplifiedTests {
    let converter: TraditionalToSimplified

    init() throws {
        converter = try TraditionalToSimplified()
    }

    @Test(arguments: [
        ("鞏固拓展脫貧攻堅成果", "巩固拓展脱贫攻坚成果"),
        ("醫療保障", "医疗保障"),
        ("武隆區", "武隆区"),
    ])
    func convertsOCRSamples(traditional: String, simplified: String) {
        #expect(converter.convert(traditional) == simplified)
        #expect(converter.containsTraditional(traditional))
    }

    @Test func leavesSimplifiedTextIdentical() {
        let text = "为进一步推进医疗保障高质量发展，保障人民健康，促进共同富裕。\n后来在里面发现只有系统范围内的制度准则和历史，于是……"
        #expect(converter.convert(text) == text)
        #expect(!converter.containsTraditional(text))
        #expect(converter.traditionalCharacters(in: text).isEmpty)
    }

    @Test func keepsLegitimateSimplifiedCharacters() {
        let text = "乾安县、乾县和乾隆年间的蒜薹；於明同志；哪吒；毕昇。"
        #expect(converter.convert(text) == text)
        #expect(!converter.containsTraditional(text))
    }

    @Test func convertsOnlyTheTraditionalSentence() {
        let text = "第1条 乾安县2024年预算为3,500万元。\r\n第2条（醫療保障）：按ABC-12號文件執行！\n第3条 不变。"
        let expected = "第1条 乾安县2024年预算为3,500万元。\r\n第2条（医疗保障）：按ABC-12号文件执行！\n第3条 不变。"
        #expect(converter.convert(text) == expected)
        #expect(converter.traditionalCharacters(in: text) == ["醫", "療", "號", "執"])
    }

    @Test func convertsExcludedCharactersNextToTraditionalOnes() {
        #expect(converter.convert("關於乾淨的環境") == "关于干净的环境")
    }

    @Test func countsTraditionalCharacters() {
        #expect(converter.traditionalCharacters(in: "醫療醫保 and 区") == ["醫", "療", "醫"])
    }

    @Test func unknownConfigurationThrowsNamingIt() {
        let error = #expect(throws: OpenCCConfigurationError.self) {
            try TraditionalToSimplified(configuration: "no-such-config.json")
        }
        #expect(error?.configuration == "no-such-config.json")
        #expect(error?.description.contains("\"no-such-config.json\"") == true)
    }

    @Test func concurrentUseIsSafe() async {
        let inputs = ["鞏固拓展脫貧攻堅成果", "醫療保障", "武隆區", "为进一步推进医疗保障高质量发展。"]
        let converter = converter
        let expected = inputs.map(converter.convert)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask { (0..<50).flatMap { _ in inputs.map(converter.convert) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let repeated = Array((0..<50).flatMap { _ in expected })
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == repeated })
    }
}
