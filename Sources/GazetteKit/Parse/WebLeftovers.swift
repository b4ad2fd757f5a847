/// Text that a web page left after a document's end: an end mark (`THE END`, `—END—`), the page's
/// "related reading" block, or a list of links to other sites. It is no part of the document: the
/// parser stops before it, and it stays only on the original-text page.
enum WebLeftovers {
    /// The index of the first line of leftovers, if the text has any.
    static func start(in lines: [SourceLine]) -> Int? {
        var linkRun: (start: Int, count: Int)?
        for (index, line) in lines.enumerated() {
            let compact = LineClassifier.compact(line.text).uppercased()
            if compact.isEmpty { continue }
            if endMarks.contains(compact) || readingMarks.contains(where: { compact.hasTextPrefix($0) }) { return index }
            // Three or more lines in a row that each carry an address: a list of links, not a document.
            if line.text.containsText("http://") || line.text.containsText("https://") {
                let run = linkRun.map { ($0.start, $0.count + 1) } ?? (index, 1)
                linkRun = run
                if run.1 >= 3 { return run.0 }
            } else {
                linkRun = nil
            }
        }
        return nil
    }

    private static let endMarks: Set<String> = ["THEEND", "END", "—END—", "-END-", "——END——", "(END)", "（END）"]
    private static let readingMarks = ["相关阅读", "推荐阅读", "相关推荐", "猜你喜欢", "热门推荐", "延伸阅读", "扫一扫在手机打开"]
}
