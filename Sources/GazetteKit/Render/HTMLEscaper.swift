/// Escapes text for HTML, as cmark-gfm does (`&`, `<`, `>`, `"`): the one rule for text that goes into a
/// page without passing through Markdown (ids, the original text of a source); and values put into templates
/// by `{{name}}`, as Mustache does (`'` too).
enum HTMLEscaper {
    static func escape(_ text: String) -> String {
        escape(text, .commonMark)
    }

    /// A value of a template (`{{name}}`): `&`, `<`, `>`, `"` and `'`, as Mustache's own escape replaces them (which
    /// reads the text by character and looks each one up in a dictionary).
    static func escapeTemplateValue(_ text: String) -> String {
        escape(text, .templateValue)
    }

    /// Whose escape: cmark-gfm's (a carriage return dropped) or Mustache's for a template value (`'` escaped too).
    private enum Rule {
        case commonMark, templateValue
    }

    private static func escape(_ text: String, _ rule: Rule) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 16)
            append(bytes, to: &result, rule)
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The original text of a source, one numbered line after another; each line has the id `L<number>`
    /// and its number links to it, so a document can point to the lines it was read from.
    static func numberedLines(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count * 5 / 4 + 64)
            var number = 0
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
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
                append(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &result, .commonMark)
                result += lineEnd
                start = end + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    private static let lineStart = Array(#"<span class="line" id="L"#.utf8)
    private static let lineLink = Array(##""><a class="line-number" href="#L"##.utf8)
    private static let lineNumber = Array(#"">"#.utf8)
    private static let lineNumberEnd = Array("</a>".utf8)
    private static let lineEnd = Array("</span>".utf8)

    /// What an escape writes for a byte of text: `nil` when the byte stays.
    private static func replacement(for byte: UInt8, _ rule: Rule) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'") where rule == .templateValue: "&#39;"
        case UInt8(ascii: "\r") where rule == .commonMark: ""
        default: nil
        }
    }

    /// Appends `bytes` escaped: runs that need no escape are copied whole.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt8], _ rule: Rule) {
        var run = 0
        for index in bytes.indices {
            // Only ASCII punctuation and controls are ever replaced: other bytes are not looked at twice.
            let byte = bytes[index]
            guard byte < 0x40, let replaced = replacement(for: byte, rule) else { continue }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            result += replaced.utf8
            run = index + 1
        }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
}
