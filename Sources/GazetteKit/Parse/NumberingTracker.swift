/// Follows the printed numbering through a document: gives headings ids from their place in it
/// (`chapter-2-section-1-part-3`) and notices numbers that skip or repeat.
struct NumberingTracker {
    /// The last number seen at each kind of numbering still open.
    private var last: [Numbering.Kind: Int] = [:]

    /// Records a heading or article number; returns a warning when it does not follow the previous one.
    mutating func record(_ numbering: Numbering) -> String? {
        let kind = numbering.kind
        let previous = last[kind]
        // Deeper numbering starts again under each new heading; articles run through the whole document.
        for deeper in last.keys where deeper > kind && deeper != .article && deeper != .box { last[deeper] = nil }
        last[kind] = numbering.value
        guard [.chapter, .section, .article, .item].contains(kind) else { return nil }
        let expected = (previous ?? 0) + 1
        if numbering.value == expected { return nil }
        let what = previous.map { "after number \($0)" } ?? "as the first"
        if let previous, numbering.value == previous { return "heading number \(numbering.label) repeats the previous one" }
        return "heading number \(numbering.label) skips: it comes \(what) (expected \(expected))"
    }

    /// The id of a heading: the numbers of the open headings above it and its own
    /// (第二章 第一节 → `chapter-2-section-1`).
    func path(for numbering: Numbering) -> PartID {
        let open = last.keys.filter { $0 < numbering.kind && $0 != .article && $0 != .box }.sorted()
        let steps = open.compactMap { kind in last[kind].map { PartID.Step(kind.partKind, $0) } }
        return PartID(steps + [PartID.Step(numbering.kind.partKind, numbering.value)])
    }
}
