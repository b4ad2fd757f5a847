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
            result += Array("<span class=\"line\" id=\"L\(number)\"><a class=\"line-number\" href=\"#L\(number)\">\(number)</a>".utf8)
            append(line, to: &result)
            result += Array("</span>".utf8)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func append(_ bytes: some Sequence<UInt8>, to result: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): result += Array("&amp;".utf8)
            case UInt8(ascii: "<"): result += Array("&lt;".utf8)
            case UInt8(ascii: ">"): result += Array("&gt;".utf8)
            case UInt8(ascii: "\""): result += Array("&quot;".utf8)
            case UInt8(ascii: "\r"): continue
            default: result.append(byte)
            }
        }
    }
}
