/// The one rule that makes indexed text and a reader's query comparable; `Templates/assets/search-core.js`
/// (`normalize`) applies the same rule in the browser, and both are tested on
/// `Tests/GazetteKitTests/Fixtures/search-normalization.json`.
///
/// Character by character: white space is dropped; a traditional character becomes its simplified form
/// (OpenCC `t2s` on the character alone, the table the browser receives as `search/chars.json`); full-width
/// ASCII becomes half-width; every bracket a 发文字号 is printed with (〔〕 [] () 【】 ［］ （） 〖〗) becomes `(` `)`;
/// Latin capitals become small letters.
public struct SearchNormalizer: Sendable {
    /// Traditional → simplified, one character to one character.
    public let characterMap: [Unicode.Scalar: Unicode.Scalar]

    static let openingBrackets: Set<Unicode.Scalar> = ["〔", "[", "(", "【", "［", "（", "〖"]
    static let closingBrackets: Set<Unicode.Scalar> = ["〕", "]", ")", "】", "］", "）", "〗"]

    /// ``characterMap`` for U+3400–U+9FFF as a flat table (0: unchanged), since nearly every character is there.
    private let ideographs: [UInt32]
    private static let ideographRange: ClosedRange<UInt32> = 0x3400...0x9FFF

    public init(converter: TraditionalToSimplified) {
        self.init(characterMap: converter.singleCharacterMap)
    }

    public init(characterMap: [Unicode.Scalar: Unicode.Scalar]) {
        self.characterMap = characterMap
        var table = [UInt32](repeating: 0, count: Self.ideographRange.count)
        for (key, value) in characterMap where Self.ideographRange.contains(key.value) {
            table[Int(key.value - Self.ideographRange.lowerBound)] = value.value
        }
        ideographs = table
    }

    /// The normalised characters of `text`, white space removed.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        forEachNormalized(in: text) { result.append($0) }
        return result
    }

    /// How many normalised characters `text` has: the length of ``normalize(_:)`` without making it.
    public func normalizedCount(_ text: String) -> Int {
        var count = 0
        forEachNormalized(in: text) { _ in count += 1 }
        return count
    }

    /// Calls `body` with each normalised character of `text`, in order, without making an array of them.
    func forEachNormalized(in text: String, _ body: (Unicode.Scalar) -> Void) {
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) { body(folded) }
        }
    }

    /// The normalised text as a string.
    public func normalizedString(_ text: String) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: normalize(text))
        return String(string)
    }

    /// One character folded, or nil for white space.
    public func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        // The common cases first, with the same outcome as the general rule below.
        if Self.ideographRange.contains(scalar.value) {
            let mapped = ideographs[Int(scalar.value - Self.ideographRange.lowerBound)]
            return mapped == 0 ? scalar : Unicode.Scalar(mapped)!
        }
        if scalar.isWhiteSpace || scalar == "\u{FEFF}" || scalar == "\u{200B}" { return nil }
        var scalar = characterMap[scalar] ?? scalar
        if (0xFF01...0xFF5E).contains(scalar.value) { scalar = Unicode.Scalar(scalar.value - 0xFEE0)! }
        if Self.openingBrackets.contains(scalar) { return "(" }
        if Self.closingBrackets.contains(scalar) { return ")" }
        if ("A"..."Z").contains(scalar) { return Unicode.Scalar(scalar.value + 32)! }
        return scalar
    }

    /// The traditional → simplified table as the browser reads it: pairs of characters, sorted, in one string.
    public var characterMapJSON: String {
        let pairs = characterMap.sorted { $0.key.value < $1.key.value }
        var text = String.UnicodeScalarView()
        for (key, value) in pairs { text.append(key); text.append(value) }
        return String(text)
    }
}
