import Foundation
@testable import GazetteKit
import Testing

/// A document number is written as its printed text and read back as the same number: at once when the text is
/// exactly a number's ``DocumentNumber/description``, else through the parser, as before.
@Suite struct DocumentNumberCodingTests {
    static func decoded(_ text: String) throws -> DocumentNumber {
        try JSONDecoder().decode(DocumentNumber.self, from: JSONEncoder().encode(text))
    }

    @Test func everySampleNumberReadsBackAsItself() throws {
        let site = SampleSite.prepared.site
        let numbers = site.documents.compactMap(\.document.number)
        #expect(numbers.count > 5)
        for number in numbers {
            #expect(DocumentNumber(description: number.description) == number)
            #expect(try Self.decoded(number.description) == number)
            #expect(DocumentNumber(parsing: number.description) == number)
        }
    }

    @Test func printedFormsAreReadAtOnceAndOthersByTheParser() throws {
        let exact = ["武隆府办发〔2022〕44号", "重庆市人民政府令第329号", "渝府办发〔2021〕149号",
                     "武隆府〔2019〕1号", "国务院令第732号"]
        for text in exact {
            let number = try #require(DocumentNumber(description: text), "\(text)")
            #expect(number == DocumentNumber(parsing: text))
            #expect(try Self.decoded(text) == number)
        }
        // Printed otherwise: the parser reads them, as it did before the quick reading.
        let other = ["渝府办发[2021]149号", "武隆府办发〔2022〕044号", "（武隆府办〔2021〕17号）",
                     "深圳市人民政府令（第350号）", "武隆府办发〔2022〕 44号"]
        for text in other {
            #expect(DocumentNumber(description: text) == nil, "\(text)")
            let parsed = try #require(DocumentNumber(parsing: text), "\(text)")
            #expect(try Self.decoded(text) == parsed)
        }
        let broken = ["", "号", "〔2022〕44号", "第3号", "武隆府办发〔22〕44号", "武隆府办发2022〕44号",
                      "武隆府办发〔2022〕号"]
        for text in broken {
            #expect(DocumentNumber(description: text) == nil, "\(text)")
        }
        #expect(throws: DecodingError.self) { try Self.decoded("不是文号") }
    }
}
