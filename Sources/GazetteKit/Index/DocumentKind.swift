/// The kind of a document as readers look for it (通知, 决定, 规划 …), read from the end of its title.
enum DocumentKind {
    /// Kinds by the word the title ends with; longer words first, so 实施方案 is a 方案 and not mistaken.
    static let kinds = ["通知", "决定", "规划", "方案", "办法", "条例", "规定", "细则", "意见", "通报", "公告", "通告",
                        "批复", "报告", "纲要", "计划", "预案", "规则", "制度", "函"]

    /// What is shown for a document whose title names none of the kinds.
    static let other = "其他"

    /// The kind of a document: a 令 by its 发文字号 (`重庆市人民政府令第329号`), else by its title's last word.
    static func of(_ document: Document) -> String {
        if let number = document.number, number.year == nil, number.code.hasTextSuffix("令") { return "令" }
        var title = Substring(document.title)
        // A closing bracket after the title (`（试行）`, `（2021—2025年）`) does not name the kind.
        while let last = title.last, "）)】".contains(last), let open = title.lastIndex(where: { "（(【".contains($0) }) {
            title = title[..<open]
        }
        return kinds.first { title.hasTextSuffix($0) } ?? other
    }
}
