/// Gives the headings, articles and boxes of rendered HTML the stable ids of their blocks, so a link
/// can point to one chapter, one 第N条 or one 专栏 (cmark-gfm writes no ids).
enum AnchorInjector {
    /// What to find in the HTML, in document order.
    enum Target {
        /// A heading with this text: `<hN>TEXT</hN>`.
        case heading(text: String, id: String)
        /// An article's paragraph, which starts with its label in bold: `<p><strong>第五条</strong>`.
        case article(label: String, id: String)
        /// A box, a block quote that starts with its title in bold.
        case box(title: String, id: String)
    }

    static func targets(for blocks: [Block]) -> [Target] {
        blocks.flatMap(\.flattened).compactMap { block in
            switch block.kind {
            case .heading: .heading(text: block.text, id: block.id)
            case .article: block.label.map { .article(label: $0, id: block.id) }
            case .box: .box(title: block.text, id: block.id)
            default: nil
            }
        }
    }

    static func apply(to html: String, targets: [Target]) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + targets.count * 24)
        var rest = html[...]
        for target in targets {
            let found: (insertAt: Substring.Index, after: Substring.Index)?
            switch target {
            case .heading(let text, _):
                found = rest.firstRange(of: ">" + escape(text) + "</h").flatMap { range in
                    // Back up to the `<hN` that opens this heading.
                    rest[..<range.lowerBound].suffix(3).hasPrefix("<h") ? (range.lowerBound, range.upperBound) : nil
                }
            case .article(let label, _):
                found = rest.firstRange(of: "<p><strong>" + escape(label) + "</strong>").map { ($0.lowerBound, $0.upperBound) }
                    .map { (rest.index($0.0, offsetBy: 2), $0.1) }
            case .box(let title, _):
                found = rest.firstRange(of: "<blockquote>\n<p><strong>" + escape(title) + "</strong>").map { (rest.index($0.lowerBound, offsetBy: 11), $0.upperBound) }
            }
            guard let found else { continue }
            result += rest[..<found.insertAt]
            result += " id=\"\(escape(id(of: target)))\""
            result += rest[found.insertAt..<found.after]
            rest = rest[found.after...]
        }
        result += rest
        return result
    }

    /// Adds a class to the first paragraph that starts with `prefix` (already HTML-escaped), so the
    /// stylesheet can set the issuer mark, the facts, the signature and the 公开属性 apart as printed.
    static func addClass(_ name: String, toParagraphStartingWith prefix: String, in html: String) -> String {
        guard let range = html.firstRange(of: "<p>" + prefix) else { return html }
        var result = html
        result.replaceSubrange(range, with: "<p class=\"\(name)\">" + prefix)
        return result
    }

    private static func id(of target: Target) -> String {
        switch target {
        case .heading(_, let id), .article(_, let id), .box(_, let id): id
        }
    }

    /// As cmark-gfm escapes text in HTML (`&`, `<`, `>`, `"`); line breaks become spaces unless kept.
    static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): result += Array("&amp;".utf8)
            case UInt8(ascii: "<"): result += Array("&lt;".utf8)
            case UInt8(ascii: ">"): result += Array("&gt;".utf8)
            case UInt8(ascii: "\""): result += Array("&quot;".utf8)
            case UInt8(ascii: "\n") where !keepingLineBreaks: result.append(UInt8(ascii: " "))
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
