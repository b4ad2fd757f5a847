/// What a source line carries besides its text: Markdown heading marks and emphasis that a PDF
/// converter added, and stray HTML tags. They are hints, never structure.
struct LineMarkup {
    /// The text without marks and formatting tags.
    var text: String
    /// The number of `#` the line started with (0 when none).
    var headingHint: Int
    /// Formatting tags opened on the line and never closed, such as `b`.
    var unclosedTags: [String]

    /// Tags that only format text; anything else in angle brackets is kept as text (and escaped).
    static let formattingTags: Set<String> = ["b", "strong", "i", "em", "u", "p", "br", "span", "font", "sup", "sub", "div", "center", "small", "big"]

    init(_ line: String) {
        var text = line.trimmingGazetteWhitespace()
        var hint = 0
        while text.hasPrefix("#") {
            text.removeFirst()
            hint += 1
        }
        if hint > 0, text.first?.isGazetteWhitespace == false, hint > 6 { hint = 0 }
        var unclosed: [String] = []
        if text.contains("<") {
            var open: [String: Int] = [:]
            text = text.replacing(Self.tag) { match in
                let name = match.2.lowercased()
                guard Self.formattingTags.contains(name) else { return String(match.0) }
                if !["p", "br"].contains(name) { open[name, default: 0] += match.1.isEmpty ? 1 : -1 }
                // A paragraph or line break inside a table cell separates words.
                return ["p", "br", "div"].contains(name) && match.1.isEmpty ? " " : ""
            }
            unclosed = open.filter { $0.value > 0 }.map(\.key).sorted()
        }
        text = text.replacingOccurrences(of: "**", with: "")
        self.text = text.trimmingGazetteWhitespace()
        headingHint = hint
        unclosedTags = unclosed
    }

    nonisolated(unsafe) private static let tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/
}
