/// A document's text as plain text, read from the model in page order: each heading, article, paragraph,
/// table row (cells separated by tabs) and closing part on its own line, parts separated by an empty line.
public enum DocumentPlainText {
    public static func text(of document: Document) -> String {
        var pieces: [String] = []
        if let notice = document.noticeTitle { pieces.append(notice) }
        if let recipients = document.recipients { pieces.append(recipients + "：") }
        pieces += document.body.map(text(of:))
        if !document.attachments.isEmpty { pieces.append("附件：" + document.attachments.joined(separator: "\n")) }
        let closing = document.signatures + [document.date?.chinese].compactMap { $0 }
        if !closing.isEmpty { pieces.append(closing.joined(separator: "\n")) }
        if let disclosure = document.disclosure { pieces.append("（\(disclosure)）") }
        pieces += document.annex.map(text(of:))
        return pieces.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    static func text(of block: Block) -> String {
        let own: String
        switch block.kind {
        // A heading prints its number in its text (第一章 总则); a box its title.
        case .heading, .box: own = block.text
        case .article: own = [block.label, block.text].compactMap { $0 }.joined(separator: "　")
        case .paragraph: own = block.text
        case .table(let rows): own = rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        case .contents(let entries): own = (["目录"] + entries).joined(separator: "\n")
        }
        return ([own] + block.children.map(text(of:))).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
