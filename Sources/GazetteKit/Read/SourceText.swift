/// Splits decoded source text into numbered lines.
public enum SourceText {
    public static func lines(of text: String) -> [SourceLine] {
        // Split on UTF-8 bytes: splitting Characters breaks graphemes, is slow, and never splits `\r\n` (one
        // Character), which would read a file with Windows line ends as a single line.
        var lines: [SourceLine] = []
        var number = 0
        let utf8 = text.utf8
        var start = utf8.startIndex
        while true {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var lineEnd = end
            if lineEnd > start, utf8[utf8.index(before: lineEnd)] == UInt8(ascii: "\r") { lineEnd = utf8.index(before: lineEnd) }
            number += 1
            lines.append(SourceLine(number: number, text: String(text[start..<lineEnd])))
            guard end < utf8.endIndex else { break }
            start = utf8.index(after: end)
        }
        if lines.last?.text.isEmpty == true { lines.removeLast() }
        return lines
    }
}
