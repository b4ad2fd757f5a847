/// Repairs what OCR did to the characters of a source before it is parsed: traditional characters
/// in simplified text become simplified (OpenCC t2s), line by line so that line numbers stay true.
public struct SourceNormalizer: Sendable {
    public let converter: TraditionalToSimplified

    public init(converter: TraditionalToSimplified) {
        self.converter = converter
    }

    public func normalize(_ lines: [SourceLine]) -> [SourceLine] {
        lines.map { line in
            converter.containsTraditional(line.text) ? SourceLine(number: line.number, text: converter.convert(line.text)) : line
        }
    }
}
