import Foundation
import GazetteKit
import Testing

@Suite struct SourceTextDecoderTests {
    private let chinese = "重庆市武隆区人民政府公报\n2022年第3期\n"

    /// The error `decode` throws for `bytes`, or `nil` if it succeeds.
    private func decodingError(_ bytes: [UInt8]) -> SourceError? {
        do {
            _ = try SourceTextDecoder.decode(bytes, file: "in.txt")
            return nil
        } catch {
            return error
        }
    }

    @Test func utf8RoundTrips() throws {
        let decoded = try SourceTextDecoder.decode(Array(chinese.utf8), file: "in.txt")
        #expect(decoded.text == chinese)
        #expect(decoded.encoding == .utf8)
        #expect(decoded.note == nil)
    }

    @Test func utf16WithoutAByteOrderMarkIsRecognisedInEitherOrder() throws {
        let units = Array(chinese.utf16)
        let little = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (bytes, order) in [(little, "little-endian"), (big, "big-endian")] {
            let decoded = try SourceTextDecoder.decode(bytes, file: "in.txt")
            #expect(decoded.text == chinese)
            #expect(decoded.encoding == .utf16)
            #expect(decoded.note == "decoded as UTF-16 (\(order)) without a byte order mark")
        }
    }

    @Test func byteOrderMarkIsStripped() throws {
        let decoded = try SourceTextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(chinese.utf8), file: "in.txt")
        #expect(decoded.text == chinese)
        #expect(decoded.encoding == .utf8)
    }

    @Test func lineEndingsAreNormalised() throws {
        let decoded = try SourceTextDecoder.decode(Array("一\r\n二\r三\n\r\n四".utf8), file: "in.txt")
        #expect(decoded.text == "一\n二\n三\n\n四")
    }

    @Test func gb18030IsDecodedWithANote() throws {
        let url = try #require(Bundle.module.url(forResource: "gb18030-sample", withExtension: "txt", subdirectory: "Fixtures"))
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(bytes != Array(chinese.utf8))
        let decoded = try SourceTextDecoder.decode(bytes, file: "in.txt")
        #expect(decoded.text == chinese)
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.note == "decoded as GB18030")
    }

    @Test func randomHighBytesAreRejectedAtTheirLine() throws {
        let bytes = Array("title\nsecond line\n".utf8) + Array(repeating: [0xFF, 0xFE, 0xFD, 0x80, 0x81], count: 20).joined()
        let failure = try #require(decodingError(bytes))
        #expect(failure.diagnostic.message.contains("not UTF-8"))
        #expect(failure.diagnostic.message.contains("0xFF"))
        #expect(failure.diagnostic.location == SourceLocation(file: "in.txt", line: 3))
    }

    @Test func latin1IsRejected() throws {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" au lait, na".utf8) + [0xEF] + Array("ve\n".utf8)
        let failure = try #require(decodingError(bytes))
        #expect(failure.diagnostic.message == "not UTF-8 (invalid byte 0xE9) and not recognisable as GB18030")
        #expect(failure.diagnostic.location.line == 1)
    }

    @Test func pngIsBinary() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let failure = try #require(decodingError(png))
        #expect(failure.diagnostic.message == "binary file, not text")
        #expect(failure.diagnostic.location == SourceLocation(file: "in.txt", line: 3))  // the first NUL follows two line feeds
    }

    @Test func manyControlCharactersAreBinary() throws {
        let failure = try #require(decodingError(Array("a\u{1}b\u{2}c\u{3}\nd\u{1B}".utf8)))
        #expect(failure.diagnostic.message == "binary file, not text")
    }

    /// The check reads eight bytes at a time: a NUL or controls at every place within a word, and after a long run of
    /// text, are found as one at a time would find them.
    @Test func binaryIsFoundAtEveryPlaceOfAWord() throws {
        let text = Array(String(repeating: "公告正文第一段。\n", count: 40).utf8)
        for offset in 0..<24 {
            var withNUL = text
            withNUL.insert(0, at: text.count - offset)
            let line = withNUL[..<(text.count - offset)].count(where: { $0 == 0x0A }) + 1
            let failure = try #require(decodingError(withNUL), "\(offset)")
            #expect(failure.diagnostic.message == "binary file, not text")
            #expect(failure.diagnostic.location.line == line, "\(offset)")
            // Controls: binary above 2% of the bytes, the place of the first named.
            var withControls = Array(repeating: UInt8(ascii: "a"), count: 100 + offset) + text
            for place in stride(from: offset, to: offset + 21, by: 7) { withControls[place] = 0x1B }
            withControls.append(contentsOf: [0x0A])
            #expect(try SourceTextDecoder.decode(withControls, file: "in.txt").text.utf8.count == withControls.count)
            withControls.append(contentsOf: repeatElement(0x01, count: withControls.count / 40))
            let binary = try #require(decodingError(withControls), "\(offset)")
            #expect(binary.diagnostic.message == "binary file, not text")
            #expect(binary.diagnostic.location.line == 1)
        }
    }

    @Test func aStrayControlCharacterIsText() throws {
        let text = String(repeating: "公告正文第一段。\n", count: 10) + "\u{0B}"
        #expect(try SourceTextDecoder.decode(Array(text.utf8), file: "in.txt").text == text)
    }

    @Test(arguments: [[], Array(" \n\t\u{3000}\r\n".utf8), [0xEF, 0xBB, 0xBF, 0x0A], [0xFF, 0xFE, 0x20, 0x00]])
    func emptySourceIsRejected(bytes: [UInt8]) throws {
        let failure = try #require(decodingError(bytes))
        #expect(failure.diagnostic.message == "empty source")
        #expect(failure.diagnostic.location == SourceLocation(file: "in.txt", line: 1))
    }

    @Test func utf16LittleEndianWithBOMDecodes() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + chinese.replacingOccurrences(of: "\n", with: "\r\n").utf16.flatMap {
            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }
        let decoded = try SourceTextDecoder.decode(bytes, file: "in.txt")
        #expect(decoded.text == chinese)
        #expect(decoded.encoding == .utf16)
    }

    @Test func utf16BigEndianWithBOMDecodes() throws {
        let bytes: [UInt8] = [0xFE, 0xFF] + chinese.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try SourceTextDecoder.decode(bytes, file: "in.txt").text == chinese)
    }

    @Test func unpairedSurrogateIsRejected() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x0A, 0x00, 0x00, 0xD8, 0x41, 0x00]
        let failure = try #require(decodingError(bytes))
        #expect(failure.diagnostic.message.contains("invalid UTF-16"))
        #expect(failure.diagnostic.location.line == 2)
    }
}
