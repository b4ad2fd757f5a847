/// Gives the headings of rendered HTML the stable ids of their blocks, so that a link can point
/// to one chapter, section or article (cmark-gfm writes headings without ids).
enum HeadingAnchors {
    /// Adds `id="…"` to each `<hN>` whose text is the next expected heading, in document order.
    static func apply(to html: String, headings: [(text: String, anchor: String)]) -> String {
        guard !headings.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var expected = headings.makeIterator()
        var next = expected.next()
        var rest = html[...]
        while let open = rest.firstMatch(of: headingOpen) {
            result += rest[..<open.range.lowerBound]
            let inner = rest[open.range.upperBound...]
            guard let next_ = next, let close = inner.range(of: "</h") else {
                result += rest[open.range]
                rest = inner
                continue
            }
            if comparable(String(inner[..<close.lowerBound])) == comparable(next_.text) {
                result += "<h\(open.1) id=\"\(escapeAttribute(next_.anchor))\">"
                next = expected.next()
            } else {
                result += rest[open.range]
            }
            rest = inner
        }
        result += rest
        return result
    }

    nonisolated(unsafe) private static let headingOpen = /<h([1-6])>/

    private static func comparable(_ text: String) -> String {
        text.replacing(/<[^>]*>/, with: "")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .filter { !$0.isWhitespace && $0 != "\\" }
    }

    static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
