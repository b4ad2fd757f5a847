/// Gives every issue and document of the site its permanent ASCII address, keeping every address the
/// ledger says was published before, and writing redirects for addresses that moved.
///
/// A document is known again by its 发文字号 and source, else by its source and title (or a title that
/// a changed parser reads a little differently); a new document gets an address from its own facts:
/// `documents/wu-long-fu-ban-fa-2022-44/` from 武隆府办发〔2022〕44号, `documents/wulong-2022-03-gyyf…/`
/// for one without 发文字号 (gazette, issue and the initials of its title).
struct AddressAssigner {
    var ledgerFile: String
    private(set) var ledger: AddressLedger
    private(set) var diagnostics: [Diagnostic] = []
    /// Without a ledger, the addresses an earlier version published (the Chinese ones) that are still in
    /// the output folder: they redirect from now on.
    private let legacyIsPublished: (String) -> Bool
    private var taken: Set<String> = []

    init(ledger: AddressLedger?, ledgerFile: String, legacyIsPublished: @escaping (String) -> Bool = { _ in false }) {
        self.ledgerFile = ledgerFile
        self.ledger = ledger ?? AddressLedger()
        self.legacyIsPublished = ledger == nil ? legacyIsPublished : { _ in false }
        // A hand-edited ledger may give one address twice: the first row keeps it.
        var kept: [AddressLedger.Entry] = []
        for entry in self.ledger.entries {
            guard taken.insert(entry.address).inserted else {
                diagnostics.append(.error("address ledger: \(entry.address) is given twice; this row is left out",
                                          at: SourceLocation(file: ledgerFile, line: entry.line)))
                continue
            }
            kept.append(entry)
        }
        self.ledger.entries = kept
        taken.formUnion(self.ledger.redirects.map(\.from))
    }

    /// What the assigner needs to know of a document.
    struct Candidate {
        var number: String?
        var source: String
        var title: String
        /// The address a new document gets, before making it unique: `documents/wu-long-fu-ban-fa-2022-44/`.
        var preferred: String
        /// Where earlier versions published it, if anywhere.
        var legacy: String?
        var location: SourceLocation
    }

    /// The addresses of the candidates, in their order.
    mutating func assign(documents candidates: [Candidate]) -> [String] {
        var result = [String?](repeating: nil, count: candidates.count)
        var unmatched = Set(ledger.entries.indices.filter { ledger.entries[$0].kind == .document })
        func take(_ entry: Int, for candidate: Int) {
            unmatched.remove(entry)
            result[candidate] = ledger.entries[entry].address
            // The row follows what the address is given to now (a renamed source, a title read anew).
            ledger.entries[entry].source = candidates[candidate].source
            ledger.entries[entry].title = candidates[candidate].title
            if let number = candidates[candidate].number { ledger.entries[entry].key = number }
        }
        let entries = ledger.entries
        // Ledger rows by what they were given to, each list in ledger order.
        var bySourceAndKey: [String: [Int]] = [:]
        var byKey: [String: [Int]] = [:]
        var bySource: [String: [Int]] = [:]
        var byTitle: [String: [Int]] = [:]
        for entry in unmatched.sorted() {
            let row = entries[entry]
            let title = row.key.isEmpty ? "\t" + SiteStatistics.comparable(row.title) : ""
            bySourceAndKey[row.source + "\t" + row.key + title, default: []].append(entry)
            byKey[row.key, default: []].append(entry)
            bySource[row.source, default: []].append(entry)
            if row.key.isEmpty { byTitle[SiteStatistics.comparable(row.title), default: []].append(entry) }
        }
        func first(_ rows: [Int]?, where condition: (Int) -> Bool = { _ in true }) -> Int? {
            rows?.first { unmatched.contains($0) && condition($0) }
        }
        // 1. The same 发文字号 (or none) from the same source, with the same title when it has no number.
        for (index, candidate) in candidates.enumerated() {
            let title = candidate.number == nil ? "\t" + SiteStatistics.comparable(candidate.title) : ""
            if let match = first(bySourceAndKey[candidate.source + "\t" + (candidate.number ?? "") + title]) {
                take(match, for: index)
            }
        }
        // 2. A source renamed or a title read differently: the same 发文字号 anywhere; without one, a
        //    title nearly the same in the same source, or the very same title in another source.
        let sources = Set(candidates.map(\.source))
        for (index, candidate) in candidates.enumerated() where result[index] == nil {
            let match: Int?
            if let number = candidate.number {
                match = first(byKey[number]) { !sources.contains(entries[$0].source) }
            } else {
                let current = SiteStatistics.comparable(candidate.title)
                match = first(bySource[candidate.source]) { entry in
                    entries[entry].key.isEmpty
                        && TitleSimilarity.score(SiteStatistics.comparable(entries[entry].title), current) >= 0.8
                } ?? first(byTitle[current]) { !sources.contains(entries[$0].source) }
            }
            if let match { take(match, for: index) }
        }
        // 3. New documents.
        var seen: [String: Int] = [:]
        for (index, candidate) in candidates.enumerated() where result[index] == nil {
            let address = claim(candidate.preferred)
            if address != candidate.preferred, let number = candidate.number {
                seen[number, default: 1] += 1
                diagnostics.append(.warning("\(number) is printed in more than one source; this copy is published at \(address)",
                                            at: candidate.location))
            }
            result[index] = address
            ledger.entries.append(.init(kind: .document, address: address, key: candidate.number ?? "",
                                        source: candidate.source, title: candidate.title))
            if let legacy = candidate.legacy, legacy != address, !taken.contains(legacy), legacyIsPublished(legacy) {
                taken.insert(legacy)
                ledger.redirects.append(.init(from: legacy, to: address))
            }
        }
        reportUnmatched(unmatched)
        return result.map { $0! }
    }

    /// The addresses of the issues, known by their gazette, year and number.
    mutating func assign(issues: [(key: String, source: String, preferred: String)]) -> [String] {
        var unmatched = Set(ledger.entries.indices.filter { ledger.entries[$0].kind == .issue })
        var result: [String] = []
        for issue in issues {
            if let entry = unmatched.sorted().first(where: { ledger.entries[$0].key == issue.key }) {
                unmatched.remove(entry)
                ledger.entries[entry].source = issue.source
                result.append(ledger.entries[entry].address)
                continue
            }
            let address = claim(issue.preferred)
            ledger.entries.append(.init(kind: .issue, address: address, key: issue.key, source: issue.source))
            result.append(address)
        }
        reportUnmatched(unmatched)
        return result
    }

    /// Checks the redirects against what is published: each must lead to a published page.
    mutating func finish(published: Set<String>) -> [AddressLedger.Redirect] {
        var valid: [AddressLedger.Redirect] = []
        var sources: Set<String> = []
        for redirect in ledger.redirects {
            let location = SourceLocation(file: ledgerFile, line: redirect.line)
            if published.contains(redirect.from) {
                diagnostics.append(.error("address ledger: \(redirect.from) is published and cannot also redirect", at: location))
            } else if !published.contains(redirect.to) {
                diagnostics.append(.error("address ledger: \(redirect.from) redirects to \(redirect.to), which is not published",
                                          at: location))
            } else if !sources.insert(redirect.from).inserted {
                diagnostics.append(.error("address ledger: \(redirect.from) redirects twice; the first row is kept", at: location))
            } else {
                valid.append(redirect)
            }
        }
        return valid
    }

    private mutating func reportUnmatched(_ unmatched: Set<Int>) {
        for entry in unmatched.sorted() {
            let row = ledger.entries[entry]
            let what = row.kind == .issue ? "issue \(row.key)" : (row.key.isEmpty ? row.title : row.key)
            diagnostics.append(.error(
                "address \(row.address) was published for \(what) from \(row.source), which no source gives now: "
                    + "restore it, replace this row by `redirect<TAB>\(row.address)<TAB>NEW/`, or delete the row",
                at: SourceLocation(file: ledgerFile, line: row.line)))
        }
    }

    /// The address itself if it is free, else with the first free suffix: `…-44-2/`.
    private mutating func claim(_ preferred: String) -> String {
        var address = preferred
        var suffix = 2
        while !taken.insert(address).inserted {
            address = String(preferred.dropLast()) + "-\(suffix)/"
            suffix += 1
        }
        return address
    }
}
