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
    ///
    /// The lines are changed in place: the array the caller hands over is the one returned, so a source of
    /// millions of lines is not held two or three times over while it is repaired.
    public func normalize(_ lines: consuming [SourceLine], file: String, diagnostics: inout [Diagnostic]) -> [SourceLine] {
        var lines = lines
        for index in lines.indices where converter.containsTraditional(lines[index].text) {
            lines[index].text = converter.convert(lines[index].text)
        }
        let repair = OCRRepair(lines)
        for index in lines.indices {
            let repaired = repair.repair(lines[index].text)
            for warning in repaired.warnings {
                diagnostics.append(.warning(warning, at: SourceLocation(file: file, line: lines[index].number)))
            }
            if repaired.text != lines[index].text { lines[index].text = repaired.text }
        }
        return lines
    }
}
