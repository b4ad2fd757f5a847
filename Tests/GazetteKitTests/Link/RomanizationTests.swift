import Foundation
@testable import GazetteKit
import Testing

/// Addresses' words: Chinese read in Mandarin, ASCII taken as it is (without the transforms, which leave it so).
@Suite struct RomanizationTests {
    @Test func chineseIsReadAndASCIIIsKeptAsTheTransformsWouldKeepIt() {
        #expect(Romanization.words("武隆府办发") == ["wu", "long", "fu", "ban", "fa"])
        #expect(Romanization.slug("重庆市人民政府令") == "chong-qing-shi-ren-min-zheng-fu-ling", "ICU reads 重 as chóng")
        for text in ["bench", "Wulong-2022", "A_b c.D", "gazette 1", "x~y", "", "ABC123def"] {
            let latin = text.applyingTransform(.mandarinToLatin, reverse: false) ?? text
            let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
            let expected = plain.lowercased().unicodeScalars
                .split { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
                .map { String(String.UnicodeScalarView($0)) }
            #expect(Romanization.words(text) == expected, "\(text)")
        }
    }

    @Test func textsReadTogetherReadAsEachAlone() {
        let site = SampleSite.prepared.site
        var texts = Array(Set(site.documents.compactMap { $0.document.number?.code })).sorted()
        texts += ["重", "庆", "重庆市人民政府令", "bench", "", "武隆\n区", "甲-乙", "Ａ股", "武隆府办发"]
        #expect(texts.count > 10)
        #expect(Romanization.slugs(texts) == texts.map(Romanization.slug))
        #expect(Romanization.slugs(["武隆\n区"]) == ["wu-long-qu"])
        #expect(Romanization.slugs([]) == [])
    }
}
