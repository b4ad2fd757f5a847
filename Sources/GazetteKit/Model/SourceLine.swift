/// One line of a decoded source with its 1-based line number.
public struct SourceLine: Sendable, Hashable, Codable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }

    /// The text without surrounding white space (ASCII, ideographic and no-break spaces).
    public var trimmed: String { text.trimmingGazetteWhitespace() }

    public var isBlank: Bool { trimmed.isEmpty }
}
