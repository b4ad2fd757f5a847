/// Follows the printed numbering through a document: gives headings ids from their place in it
/// (`第二章-第一节-三`) and notices numbers that skip or repeat.
struct NumberingTracker {
    /// The last number seen at each kind of numbering still open.
    private var last: [Numbering.Kind: Int] = [:]
    private var labels: [Numbering.Kind: String] = [:]

    /// Records a heading or article number; returns a warning when it does not follow the previous one.
    mutating func record(_ numbering: Numbering) -> String? {
        let kind = numbering.kind
        let previous = last[kind]
        // Deeper numbering starts again under each new heading; articles run through the whole document.
        for deeper in last.keys where deeper > kind && deeper != .article && deeper != .box { last[deeper] = nil; labels[deeper] = nil }
        last[kind] = numbering.value
        labels[kind] = numbering.label.filter { $0 != "、" && $0 != "." }
        guard [.chapter, .section, .article, .item].contains(kind) else { return nil }
        let expected = (previous ?? 0) + 1
        if numbering.value == expected { return nil }
        let what = previous.map { "after number \($0)" } ?? "as the first"
        if let previous, numbering.value == previous { return "heading number \(numbering.label) repeats the previous one" }
        return "heading number \(numbering.label) skips: it comes \(what) (expected \(expected))"
    }

    /// The id of a heading: the labels of the open headings above it and its own.
    func path(for numbering: Numbering) -> String {
        let open = last.keys.filter { $0 < numbering.kind && $0 != .article && $0 != .box }.sorted()
        return (open.compactMap { labels[$0] } + [labels[numbering.kind] ?? numbering.label]).joined(separator: "-")
    }
}
