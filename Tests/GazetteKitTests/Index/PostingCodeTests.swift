import Testing
@testable import GazetteKit

/// The number code of the search index's records, which `Templates/assets/search-core.js` decodes.
@Suite struct PostingCodeTests {
    @Test func numbersBelowThirtyTwoAreOneCharacterOfTheAlphabet() {
        for value in 0..<32 {
            var bytes: [UInt8] = []
            PostingCode.append(value, to: &bytes)
            #expect(bytes == [PostingCode.alphabet[value]])
        }
    }

    @Test func everyNumberReadsBackWithTheCharactersTheBrowserKnows() {
        let values = Array(0..<70_000) + [1 << 20, (1 << 30) + 12_345, Int(Int32.max)]
        var bytes: [UInt8] = []
        for value in values { PostingCode.append(value, to: &bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.utf8.allSatisfy { PostingCode.alphabet.contains($0) })
        #expect(PostingCode.decode(text) == values)
        // Continuation characters (value ≥ 32) come before the last character of each number.
        var two: [UInt8] = []
        PostingCode.append(1_000, to: &two)
        #expect(String(decoding: two, as: UTF8.self) == "_8")
    }
}
