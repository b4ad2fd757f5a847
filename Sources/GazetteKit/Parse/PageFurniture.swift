/// What printing adds to the pages around the text, recognised in this one place for every parser:
/// running headers (`湖北省人民政府公报　2023年第6期`, `二〇二二年第三期`), page numbers and footers
/// (`— 5 —`, `·6·`, `-12-`, `第 3 页`) and page notes (`（下转第37页）`, also in mid-sentence).
/// None of it is text of a document.
struct PageFurniture: Sendable {
    /// The running headers this issue prints, from its masthead: the gazette's name and the issue.
    var runningHeaders: Set<String> = []

    init(runningHeaders: Set<String> = []) {
        self.runningHeaders = runningHeaders
    }

    init(masthead: Masthead) {
        runningHeaders = [
            masthead.gazette, "\(masthead.year)年第\(masthead.number)期", "\(masthead.gazette)\(masthead.year)年第\(masthead.number)期",
        ]
    }

    /// Whether the whole line is furniture: a running header or a page number.
    func isFurniture(_ text: String) -> Bool {
        guard text.utf8.count <= 300 else { return false }
        let compact = LineClassifier.compact(HeaderText.stripMarkup(text))
        return runningHeaders.contains(compact) || Self.isRunningHeader(compact) || Self.isPageNumber(compact)
    }

    /// A gazette's name with an issue number, in either order, or the issue number alone, in Arabic,
    /// full-width or Chinese numerals, with or without 总第N期.
    static func isRunningHeader(_ compact: String) -> Bool {
        guard compact.containsText("年第"), compact.containsText("期"), compact.hasAtMost(characters: 50) else {
            return false
        }
        return compact.wholeMatch(of: runningHeader) != nil || compact.wholeMatch(of: runningHeaderIssueFirst) != nil
    }

    /// A page number between dashes or dots (`— 5 —`, `·6·`), or written out (`第3页`, `- 3 -`).
    static func isPageNumber(_ compact: String) -> Bool {
        // Both forms have an Arabic digit, which most lines show without a pattern run.
        compact.utf8.contains(where: { (0x30...0x39).contains($0) }) && compact.hasAtMost(characters: 12)
            && (compact.wholeMatch(of: pageFooter) != nil || compact.wholeMatch(of: pageLabel) != nil)
    }

    /// The text without the page notes printed in it (`…支持农民工在（下转第37页）`); nil when it has none.
    static func removingPageNotes(_ text: String) -> String? {
        // What every page note prints (页, 第, 转 or 接) looked for first: the pattern runs on the few lines with all.
        guard text.containsText("页"), text.containsText("第"), text.containsText("转") || text.containsText("接"),
              text.contains(pageNote) else { return nil }
        return text.replacing(pageNote, with: "")
    }

    nonisolated(unsafe) private static let runningHeader =
        /(?:\p{Han}{2,30}(?:公报|政报|政刊))?[0-9０-９〇零一二三四五六七八九]{4}年第[0-9０-９一二三四五六七八九十]{1,3}期(?:[（(]?总第[0-9０-９一二三四五六七八九十百零〇]{1,6}期[)）]?)?/
    nonisolated(unsafe) private static let runningHeaderIssueFirst =
        /[0-9０-９〇零一二三四五六七八九]{4}年第[0-9０-９一二三四五六七八九十]{1,3}期(?:[（(]?总第[0-9０-９一二三四五六七八九十百零〇]{1,6}期[)）]?)?\p{Han}{2,30}(?:公报|政报|政刊)/
    /// Decorations on both sides of a page number of at most three digits.
    nonisolated(unsafe) private static let pageFooter = /[—\-–·•－‐~～]{1,3}[0-9]{1,3}[—\-–·•－‐~～]{1,3}/
    nonisolated(unsafe) private static let pageLabel = /第[0-9]{1,3}页(?:共[0-9]{1,3}页)?/
    nonisolated(unsafe) private static let pageNote = /[（(]\s*[上下]\s*[接转]\s*第\s*(?:[0-9]{1,4}|[一二三四五六七八九十百]{1,4})\s*页\s*[）)]/
}
