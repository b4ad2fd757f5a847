/// Matches citations to the archive's documents: by 发文字号 when one is printed, else by title (exact
/// after `TitleKey` normalisation, else the most similar title at or above `threshold` whose place
/// agrees). A citation is never resolved to a document dated after the citing one.
struct CitationResolver {
    /// Chosen on the samples: the Wulong plan cites the city plan under a variant title
    /// (《重庆市“十四五”期间实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接规划》, 0.76 alike), while titles of
    /// different documents of one issue stay below 0.7 once their places agree.
    static let threshold = 0.7

    struct Candidate {
        var id: String
        var number: DocumentNumber?
        /// The document's own title, the notice's title, and the title of what it issues (关于印发X的通知 → X).
        var titles: [TitleKey]
        var date: CalendarDate?
        var isCopy: Bool
    }

    let candidates: [Candidate]
    private let byNumber: [DocumentNumber: [Int]]
    private let byTitle: [String: [Int]]

    init(candidates: [Candidate]) {
        self.candidates = candidates
        var byNumber: [DocumentNumber: [Int]] = [:]
        var byTitle: [String: [Int]] = [:]
        for (index, candidate) in candidates.enumerated() {
            if let number = candidate.number { byNumber[number, default: []].append(index) }
            for title in Set(candidate.titles.map(\.text)) { byTitle[title, default: []].append(index) }
        }
        self.byNumber = byNumber
        self.byTitle = byTitle
    }

    /// The titles a document can be cited by.
    static func titles(of document: Document) -> [TitleKey] {
        var titles = [document.title]
        if let notice = document.noticeTitle { titles.append(notice) }
        for title in [document.title, document.noticeTitle].compactMap({ $0 }) {
            if let issued = title.firstMatch(of: Self.issuedTitle) { titles.append(String(issued.1)) }
        }
        // A plan printed after its notice: the title it prints above its own text.
        if let first = document.annex.first, case .heading(level: 0) = first.kind, first.label == nil {
            titles.append(first.text)
        }
        return titles.map(TitleKey.init)
    }

    /// The id of the document a citation names, or nil.
    func resolve(_ citation: Citation, citingDate: CalendarDate?) -> String? {
        func allowed(_ index: Int) -> Bool {
            guard let citingDate, let date = candidates[index].date else { return true }
            return date <= citingDate
        }
        func best(_ indices: [Int]) -> Int? {
            indices.filter(allowed).min { (candidates[$0].isCopy ? 1 : 0, $0) < (candidates[$1].isCopy ? 1 : 0, $1) }
        }
        if let number = citation.number {
            // A printed number decides: a title alike but numbered otherwise is another document (an earlier version).
            return best(byNumber[number] ?? []).map { candidates[$0].id }
        }
        guard let title = citation.title else { return nil }
        let key = TitleKey(title)
        if let exact = best(byTitle[key.text] ?? []) { return candidates[exact].id }
        var scored: [(index: Int, score: Double)] = []
        for index in candidates.indices where allowed(index) {
            let score = candidates[index].titles.map { key.similarity(to: $0) }.max() ?? 0
            if score >= Self.threshold { scored.append((index, score)) }
        }
        let chosen = scored.sorted { left, right in
            if left.score != right.score { return left.score > right.score }
            let copies = (candidates[left.index].isCopy ? 1 : 0, candidates[right.index].isCopy ? 1 : 0)
            return copies.0 != copies.1 ? copies.0 < copies.1 : left.index < right.index
        }.first
        return chosen.map { candidates[$0.index].id }
    }

    nonisolated(unsafe) private static let issuedTitle = /关于(?:印发|转发|公布|发布)《?(.+?)》?的(?:通知|决定)$/
}
