#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits decoded source text into numbered lines.
public enum SourceText {
    /// The lines of `text`, split at line feeds (the decoder turned every line ending into one), numbered from 1;
    /// a final line feed ends the last line rather than starting an empty one.
    ///
    /// Splits on the UTF-8 bytes, not on characters (a line feed is always a character of its own here), and
    /// makes each line's string at once, without an array of substrings in between: linear, with one copy of
    /// the text in the lines.
    public static func lines(of text: String) -> [SourceLine] {
        // The line feeds found on the text's buffer (by memchr), then the lines cut at them.
        var buffer = text
        let lineFeeds = buffer.withUTF8 { bytes in
            var offsets: [Int] = []
            guard let base = bytes.baseAddress else { return offsets }
            var start = 0
            while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                offsets.append(offset)
                start = offset + 1
            }
            return offsets
        }
        let utf8 = text.utf8
        var lines: [SourceLine] = []
        lines.reserveCapacity(lineFeeds.count + 1)
        var start = utf8.startIndex
        for offset in lineFeeds {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(SourceLine(number: lines.count + 1, text: String(text[start..<end])))
            start = utf8.index(after: end)
        }
        if start < utf8.endIndex { lines.append(SourceLine(number: lines.count + 1, text: String(text[start...]))) }
        return lines
    }
}
