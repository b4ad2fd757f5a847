import Foundation
import GazetteKit
import Testing

@Suite struct SourceFileTests {
    @Test func aSampleIsReadByteForByte() throws {
        let url = Samples.content.appendingPathComponent("gazettes/wulong/2022-03.txt")
        #expect(try SourceFile.bytes(at: url) == [UInt8](Data(contentsOf: url)))
    }

    @Test func aFolderOrAMissingFileIsAnErrorInWords() {
        for (url, words) in [(Samples.content, "is a directory"), (Samples.content.appendingPathComponent("none.txt"), "no such file")] {
            do {
                _ = try SourceFile.bytes(at: url)
                Issue.record("\(url.path) was read")
            } catch {
                #expect(ReadableError.describe(error).contains(words), "\(ReadableError.describe(error))")
            }
        }
    }

    @Test func linesAreSplitAsTheTextPrintsThem() throws {
        let text = try Samples.text(of: "000_eaea1d1b9c0efc8a.txt")
        let lines = SourceText.lines(of: text)
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.map(\.text) == Array(expected.dropLast(expected.last == "" ? 1 : 0)))
        #expect(lines.map(\.number) == Array(1...lines.count))
        #expect(SourceText.lines(of: "甲\n\n乙").map(\.text) == ["甲", "", "乙"])
        #expect(SourceText.lines(of: "甲\n\n").map(\.text) == ["甲", ""])
        #expect(SourceText.lines(of: "").isEmpty)
    }
}
