/// The `<meta name="description">` of a page, from the model: the page's own facts and the start of its text,
/// on one line and at most `limit` characters.
enum MetaDescription {
    static let limit = 120

    static func make(_ parts: [String?]) -> String {
        let text = parts.compactMap { $0 }.map(collapse).filter { !$0.isEmpty }.joined(separator: " ")
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Runs of white space become one space.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A document: its 发文字号, issuer and date, then the start of its first paragraph.
    static func of(_ document: Document) -> String {
        let facts = [document.number?.description, document.issuer, document.date?.chinese].compactMap { $0 }.joined(separator: " ")
        let paragraph = (document.body + document.annex).lazy.flatMap(\.flattened).first { block in
            if case .paragraph = block.kind { return true }
            if case .article = block.kind { return true }
            return false
        }
        return make([facts, paragraph?.text])
    }
}
