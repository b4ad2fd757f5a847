/// Escapes text for HTML, as cmark-gfm does (`&`, `<`, `>`, `"`): the one rule for text that goes into a
/// page without passing through Markdown (ids, the original text of a source).
enum HTMLEscaper {
    static func escape(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        append(text.utf8, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// The original text of a source, one numbered line after another; each line has the id `L<number>`
    /// and its number links to it, so a document can point to the lines it was read from.
    static func numberedLines(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count * 5 / 4 + 64)
        var number = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if number > 1 { result.append(UInt8(ascii: "\n")) }
            // `<span class="line" id="L7"><a class="line-number" href="#L7">7</a>…</span>`, without building a
            // string for each of the millions of lines of an archive.
            let digits = String(number).utf8
            result += lineStart
            result += digits
            result += lineLink
            result += digits
            result += lineNumber
            result += digits
            result += lineNumberEnd
            append(line, to: &result)
            result += lineEnd
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let lineStart = Array(#"<span class="line" id="L"#.utf8)
    private static let lineLink = Array(##""><a class="line-number" href="#L"##.utf8)
    private static let lineNumber = Array(#"">"#.utf8)
    private static let lineNumberEnd = Array("</a>".utf8)
    private static let lineEnd = Array("</span>".utf8)

    private static func append(_ bytes: some Sequence<UInt8>, to result: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            case UInt8(ascii: "\r"): continue
            default: result.append(byte)
            }
        }
    }
}
