/// Splits decoded source text into numbered lines.
public enum SourceText {
    /// The lines of `text`, split at line feeds (the decoder turned every line ending into one), numbered from 1;
    /// a final line feed ends the last line rather than starting an empty one.
    ///
    /// Splits on the UTF-8 bytes, not on characters (a line feed is always a character of its own here), and
    /// makes each line's string at once, without an array of substrings in between: linear, with one copy of
    /// the text in the lines.
    public static func lines(of text: String) -> [SourceLine] {
        let utf8 = text.utf8
        var lines: [SourceLine] = []
        lines.reserveCapacity(utf8.count(where: { $0 == 0x0A }) + 1)
        var start = utf8.startIndex
        while let end = utf8[start...].firstIndex(of: 0x0A) {
            lines.append(SourceLine(number: lines.count + 1, text: String(text[start..<end])))
            start = utf8.index(after: end)
        }
        if start < utf8.endIndex { lines.append(SourceLine(number: lines.count + 1, text: String(text[start...]))) }
        return lines
    }
}
