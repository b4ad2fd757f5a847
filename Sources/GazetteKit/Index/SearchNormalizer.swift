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

    /// ``fold(_:)`` of every character of the Basic Multilingual Plane, where nearly every character of a text is,
    /// by its value (``dropped`` for white space): made once by the rule, then looked up without hashing.
    private let basicPlane: [UInt32]
    private static let dropped = UInt32.max

    public init(converter: TraditionalToSimplified) {
        self.init(characterMap: converter.singleCharacterMap)
    }

    public init(characterMap: [Unicode.Scalar: Unicode.Scalar]) {
        self.characterMap = characterMap
        basicPlane = (0..<UInt32(0x10000)).map { value in
            // The surrogates' values are no characters: they stay, never looked up.
            guard let scalar = Unicode.Scalar(value) else { return value }
            return Self.fold(scalar, characterMap: characterMap)?.value ?? Self.dropped
        }
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
    @inline(__always)
    public func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.value < 0x10000 else { return Self.fold(scalar, characterMap: characterMap) }
        let folded = basicPlane.withUnsafeBufferPointer { $0[Int(scalar.value)] }
        return folded == Self.dropped ? nil : Unicode.Scalar(folded).unsafelyUnwrapped
    }

    /// The rule of ``fold(_:)``, for one character.
    private static func fold(_ scalar: Unicode.Scalar, characterMap: [Unicode.Scalar: Unicode.Scalar]) -> Unicode.Scalar? {
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
