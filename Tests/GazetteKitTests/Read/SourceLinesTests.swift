import Foundation
import GazetteKit
import Testing

/// Source text cut into numbered lines, whatever line ends the file was saved with.
@Suite struct SourceLinesTests {
    @Test func linesAreNumberedFromOneWithoutTheirLineEnd() {
        let lines = SourceText.lines(of: "重庆市武隆区人民政府公报\n\n2022年第3期\n")
        #expect(lines.map(\.number) == [1, 2, 3])
        #expect(lines.map(\.text) == ["重庆市武隆区人民政府公报", "", "2022年第3期"])
    }

    /// A file saved on Windows (`\r\n`) is read line by line like one saved on Unix: the decoder makes every line end
    /// a line feed (split on characters, `\r\n` is one Character and would never be cut).
    @Test func windowsLineEndsGiveTheSameIssueAsUnixOnes() throws {
        let text = try Samples.text(of: "gazettes/wulong/2022-03.txt")
        let windows = try SourceTextDecoder.decode(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
                                                   file: "2022-03.txt").text
        #expect(SourceText.lines(of: windows) == SourceText.lines(of: text))
        let unix = IssueParser(file: "2022-03.txt").parse(SourceText.lines(of: text))
        let crlf = IssueParser(file: "2022-03.txt").parse(SourceText.lines(of: windows))
        #expect(crlf.issue?.documents.map(\.title) == unix.issue?.documents.map(\.title))
        #expect((unix.issue?.documents.count ?? 0) > 5)
    }
}
