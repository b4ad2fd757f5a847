/// Splits decoded source text into numbered lines.
public enum SourceText {
    public static func lines(of text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            lines.append(SourceLine(number: number, text: String(line)))
        }
        if lines.last?.text.isEmpty == true { lines.removeLast() }
        return lines
    }
}
