/// Repairs what OCR did to the characters of a source before it is parsed: traditional characters
/// in simplified text become simplified (OpenCC t2s), and the damage `OCRRepair` knows is undone, line by
/// line so that line numbers stay true.
public struct SourceNormalizer: Sendable {
    public let converter: TraditionalToSimplified

    public init(converter: TraditionalToSimplified) {
        self.converter = converter
    }

    public func normalize(_ lines: [SourceLine]) -> [SourceLine] {
        var ignored: [Diagnostic] = []
        return normalize(lines, file: "", diagnostics: &ignored)
    }

    /// Traditional characters become simplified, then OCR damage a reader notices is repaired
    /// (`OCRRepair`); what was changed on a guess is reported as a warning naming the line.
    public func normalize(_ lines: [SourceLine], file: String, diagnostics: inout [Diagnostic]) -> [SourceLine] {
        let simplified = lines.map { line in
            converter.containsTraditional(line.text) ? SourceLine(number: line.number, text: converter.convert(line.text)) : line
        }
        let repair = OCRRepair(simplified)
        return simplified.map { line in
            let repaired = repair.repair(line.text)
            for warning in repaired.warnings {
                diagnostics.append(.warning(warning, at: SourceLocation(file: file, line: line.number)))
            }
            return repaired.text == line.text ? line : SourceLine(number: line.number, text: repaired.text)
        }
    }
}
