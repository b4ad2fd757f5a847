/// A plain-text account of a parsed issue, for `gazette inspect` and for reviewing parser changes.
public struct IssueSummary: Sendable {
    public var text: String

    public init(_ issue: Issue) {
        var lines: [String] = []
        let masthead = issue.masthead
        lines.append("\(masthead.gazette) \(masthead.year)年第\(masthead.number)期 总第\(masthead.totalNumber.map(String.init) ?? "?")期 出版日期 \(masthead.published?.description ?? "?")")
        lines.append("目录:")
        for entry in issue.tableOfContents {
            lines.append("  [\(entry.group ?? "")] \(entry.title) …… \(entry.page.map(String.init) ?? "?") → \(entry.documentID ?? "-")")
        }
        lines.append("编辑委员会: " + issue.editorialBoard.map { "\($0.label)=\($0.value)" }.joined(separator: "; "))
        for document in issue.documents {
            lines.append("文件 \(document.id) @\(document.location.line) p.\(document.tocPage.map(String.init) ?? "?")")
            lines.append("  发文字号 \(document.number?.description ?? "-")  发文机关 \(document.issuer ?? "-")  成文日期 \(document.date?.description ?? "-")  \(document.disclosure ?? "")")
            lines.append("  标题 \(document.title)")
            lines.append("  主送 \(document.recipients ?? "-")")
            if !document.attachments.isEmpty { lines.append("  附件 " + document.attachments.joined(separator: " | ")) }
            lines.append("  正文 \(document.body.count) blocks, 附 \(document.annex.count) blocks")
        }
        if let catalog = issue.closingCatalog {
            lines.append("主要文件目录: \(catalog.heading) (\(catalog.lines.count) lines from line \(catalog.lines.first?.number ?? 0))")
        }
        text = lines.joined(separator: "\n")
    }
}
