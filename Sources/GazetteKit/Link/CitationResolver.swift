/// Matches citations to the archive's documents: by 发文字号 when one is printed, else by title (exact
/// after `TitleKey` normalisation, else the most similar title at or above `threshold` whose place
/// agrees). A citation is never resolved to a document dated after the citing one.
///
/// Titles are compared once per distinct title: an archive prints the same titles many times, and cites
/// the same laws in document after document. Similar titles are looked for only among those sharing a
/// character pair that few titles have, which any title similar enough must share.
struct CitationResolver: Sendable {
    /// Chosen on the samples: the Wulong plan cites the city plan under a variant title
    /// (《重庆市“十四五”期间实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接规划》, 0.82 alike), while titles of
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
    /// Every distinct title, the candidates printing it, and its character pairs' postings.
    private let titles: [TitleKey]
    private let owners: [[Int]]
    private let byTitle: [String: Int]
    private let pairPostings: [UInt64: [Int]]
    /// What a title already cited resolved to: distinct titles at or above the threshold, best first.
    private var memo: [String: [(title: Int, score: Double)]] = [:]
    /// The key of each title cited so far, by the title as printed: the archive cites the same titles thousands of
    /// times.
    private var keys: [String: TitleKey] = [:]

    init(candidates: [Candidate]) {
        self.candidates = candidates
        var byNumber: [DocumentNumber: [Int]] = [:]
        var titles: [TitleKey] = []
        var owners: [[Int]] = []
        var byTitle: [String: Int] = [:]
        for (index, candidate) in candidates.enumerated() {
            if let number = candidate.number { byNumber[number, default: []].append(index) }
            for title in candidate.titles {
                if let known = byTitle[title.text] {
                    if owners[known].last != index { owners[known].append(index) }
                } else {
                    byTitle[title.text] = titles.count
                    titles.append(title)
                    owners.append([index])
                }
            }
        }
        var postings: [UInt64: [Int]] = [:]
        for (index, title) in titles.enumerated() {
            for pair in Set(Self.pairs(title.text)) { postings[pair, default: []].append(index) }
        }
        self.byNumber = byNumber
        self.titles = titles
        self.owners = owners
        self.byTitle = byTitle
        pairPostings = postings
    }

    /// The titles a document can be cited by.
    static func titles(of document: Document) -> [TitleKey] {
        var titles = [document.title]
        if let notice = document.noticeTitle { titles.append(notice) }
        for title in [document.title, document.noticeTitle].compactMap({ $0 }) {
            if let issued = issuedTitle(in: title) { titles.append(issued) }
        }
        // A plan printed after its notice: the title it prints above its own text.
        if let annexTitle = document.annexTitle { titles.append(annexTitle) }
        return titles.map(TitleKey.init)
    }

    /// The id of the document a citation names, or nil.
    mutating func resolve(_ citation: Citation, citingDate: CalendarDate?) -> String? {
        func allowed(_ index: Int) -> Bool {
            guard let citingDate, let date = candidates[index].date else { return true }
            return date <= citingDate
        }
        // The first complete (not a copy) document allowed, in site order.
        func best(_ indices: [Int]) -> Int? {
            indices.filter(allowed).min { (candidates[$0].isCopy ? 1 : 0, $0) < (candidates[$1].isCopy ? 1 : 0, $1) }
        }
        if let number = citation.number {
            // A printed number decides: a title alike but numbered otherwise is another document (an earlier version).
            return best(byNumber[number] ?? []).map { candidates[$0].id }
        }
        guard let title = citation.title else { return nil }
        let key = keys[title] ?? TitleKey(title)
        keys[title] = key
        if let exact = byTitle[key.text], let found = best(owners[exact]) { return candidates[found].id }
        for match in similarTitles(to: key) {
            if let found = best(owners[match.title]) { return candidates[found].id }
        }
        return nil
    }

    /// Distinct titles at or above the threshold, most alike first (ties: the earlier title).
    private mutating func similarTitles(to key: TitleKey) -> [(title: Int, score: Double)] {
        if let known = memo[key.text] { return known }
        let pairs = Set(Self.pairs(key.text))
        // A pair printed in more than a twentieth of all titles says little; the rest are rare enough to search.
        let common = max(20, titles.count / 20)
        var seen: Set<Int> = []
        for pair in pairs {
            guard let posting = pairPostings[pair], posting.count <= common else { continue }
            seen.formUnion(posting)
        }
        let found = seen.compactMap { index -> (title: Int, score: Double)? in
            let score = key.similarity(to: titles[index])
            return score >= Self.threshold ? (index, score) : nil
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.title < $1.title }
        memo[key.text] = found
        return found
    }

    /// The character pairs of a text, each packed into one number.
    private static func pairs(_ text: String) -> [UInt64] {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count >= 2 else { return [] }
        return (1..<scalars.count).map { UInt64(scalars[$0 - 1]) << 32 | UInt64(scalars[$0]) }
    }

    /// The title of what a notice issues: 关于印发《X》的通知 → X. What the regular expression
    /// `关于(?:印发|转发|公布|发布)《?(.+?)》?的(?:通知|决定)$` matched, by hand: Swift's regular
    /// expression tried every position of every title in the site.
    static func issuedTitle(in title: String) -> String? {
        guard title.hasTextSuffix("的通知") || title.hasTextSuffix("的决定") else { return nil }
        let body = title.dropLast(3)
        var searched = body[...]
        while let about = searched.firstRange(of: "关于") {
            searched = body[about.upperBound...]
            guard let verb = ["印发", "转发", "公布", "发布"].first(where: { searched.hasTextPrefix($0) }) else { continue }
            var issued = searched.dropFirst(verb.count)
            // The brackets are left out when something is left between them.
            if issued.count > 1, issued.first == "《" { issued = issued.dropFirst() }
            if issued.count > 1, issued.last == "》" { issued = issued.dropLast() }
            if !issued.isEmpty { return String(issued) }
        }
        return nil
    }
}
