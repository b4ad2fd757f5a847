import Foundation

/// Decides how the site's documents stand to each other, once their addresses are known: copies of one
/// document, citations both ways, documents repealed by a decision, and related documents.
struct DocumentRelations {
    /// Plans of one family print one subject under different places (重庆市…规划, 武隆区…规划): the same
    /// subject once the place is set aside makes siblings.
    static let maximumRelated = 8

    /// Links every document of `documents` (in site order); returns them with `links` filled in, and the citations
    /// found in each. A document with a key in `textKeys` takes the citations `previous` found in the same text, when
    /// `previous` was found with the same codes.
    static func link(_ documents: [Document], sources: [String], textKeys: [String?] = [],
                     previous: FoundCitations? = nil) throws
        -> (documents: [Document], report: LinkReport, found: FoundCitations) {
        let published = zip(documents, sources).map { PublishedDocument(document: $0, sourceRelativePath: $1) }
        return try link(published, parts: StoredParts(), textKeys: textKeys, previous: previous)
    }

    /// ``link(_:sources:textKeys:previous:)`` for the documents of a site: the parts of those stored away are read
    /// back from `parts` to find citations in them, a source at a time.
    static func link(_ published: [PublishedDocument], parts: StoredParts, textKeys: [String?] = [],
                     previous: FoundCitations? = nil) throws
        -> (documents: [Document], report: LinkReport, found: FoundCitations) {
        var documents = published.map(\.document)
        let sources = published.map(\.sourceRelativePath)
        var report = LinkReport()
        let index = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.id, $0) })
        let titles = documents.concurrentMap(CitationResolver.titles(of:))

        // Copies: the same 发文字号 printed again, or a document without one that is another printing of a
        // numbered one (the same title as the plan that document issues).
        var firstWithNumber: [DocumentNumber: Int] = [:]
        for position in documents.indices {
            if let number = documents[position].number {
                if let original = firstWithNumber[number] {
                    markCopy(position, of: original, in: &documents)
                } else {
                    firstWithNumber[number] = position
                }
            }
        }
        var numberedByTitle: [String: Int] = [:]
        for position in documents.indices where documents[position].number != nil && documents[position].links.copyOf == nil {
            for title in titles[position] where numberedByTitle[title.text] == nil { numberedByTitle[title.text] = position }
        }
        for position in documents.indices where documents[position].number == nil {
            if let original = numberedByTitle[TitleKey(documents[position].title).text] {
                markCopy(position, of: original, in: &documents)
            }
        }
        report.copies = documents.filter { $0.links.copyOf != nil }.count

        // Citations.
        let codes = Set(documents.compactMap { $0.number?.code })
        let finder = CitationFinder(knownCodes: codes)
        var foundCitations = FoundCitations(knownCodes: codes.sorted())
        let reusable = previous?.knownCodes == foundCitations.knownCodes ? previous?.byDocument ?? [:] : [:]
        let keys = documents.indices.map { $0 < textKeys.count ? textKeys[$0] : nil }
        let resolver = CitationResolver(candidates: documents.enumerated().map { position, document in
            .init(id: document.id, number: document.number, titles: titles[position], date: document.date,
                  isCopy: document.links.copyOf != nil)
        })
        var citedBy: [Int: [String]] = [:]
        // Found in each document on all cores, a source at a time (the parts of its documents read back once when
        // they are stored away); resolved in document order, which decides ties.
        let found = try PublishedDocument.runsBySource(published).concurrentMap { run in
            let unknown = run.filter { position in keys[position].flatMap { reusable[$0] } == nil }
            let storedAway = unknown.filter { published[$0].document.partsAreStoredAway }
            let readBack = try parts.withParts(storedAway.map { published[$0] })
            let withParts = Dictionary(uniqueKeysWithValues: zip(storedAway, readBack.map(\.document)))
            return run.map { position in
                let document = published[position].document
                let known = keys[position].flatMap { reusable[$0] }
                let text = withParts[position] ?? document
                return (contents: document.contentsTargets, citations: known ?? finder.citations(in: text))
            }
        }.flatMap { $0 }
        for (position, key) in keys.enumerated() {
            if let key { foundCitations.byDocument[key] = found[position].citations }
        }
        // What each citation names, on all cores: a part of the documents each, with a resolver (and its memory of
        // the titles met) of its own.
        let dates = documents.map(\.date)
        let targets = Self.parts(of: documents.indices, count: ProcessInfo.processInfo.activeProcessorCount)
            .concurrentMap { part in
                var resolver = resolver
                return part.map { position in
                    found[position].citations.map { resolver.resolve($0, citingDate: dates[position]) }
                }
            }.flatMap { $0 }
        for position in documents.indices {
            documents[position].links.contents = found[position].contents
            var citations = found[position].citations
            for item in citations.indices {
                report.citationsFound += 1
                let target = targets[position][item]
                // A document naming itself (现将《…规划》印发给你们) or its own copy cites nothing.
                let own = [documents[position].id, documents[position].links.copyOf].compactMap { $0 }
                if let target, own.contains(target) || documents[position].links.copies.contains(target) {
                    report.selfCitations += 1
                    continue
                }
                citations[item].target = target
                if let target, let cited = index[target] {
                    report.citationsResolved += 1
                    citedBy[cited, default: []].append(documents[position].id)
                    if citations[item].repeals, documents[cited].links.repealedBy == nil {
                        documents[cited].links.repealedBy = documents[position].id
                        report.repealed += 1
                    }
                } else {
                    report.unresolved.append(.init(document: documents[position].id, source: sources[position],
                                                   line: citations[item].line, citation: citations[item].printed))
                }
            }
            documents[position].links.citations = citations.filter { $0.target != nil }
        }
        for (position, citing) in citedBy {
            documents[position].links.citedBy = uniqued(citing)
        }

        // Related: citations either way, then siblings of one family (the same subject under another place),
        // the nearest in the archive's order first.
        let subjects = documents.concurrentMap { TitleKey(TitleKey(issuedOrOwnTitle($0)).subject).text }
        var family: [String: [Int]] = [:]
        for position in documents.indices where documents[position].links.copyOf == nil && subjects[position].count >= 6 {
            family[subjects[position], default: []].append(position)
        }
        // Each pair of related documents once, by their positions.
        struct Pair: Hashable { var low, high: Int }
        var pairs: Set<Pair> = []
        for position in documents.indices where documents[position].links.copyOf == nil {
            var related: [String] = []
            func add(_ id: String) {
                guard !related.contains(id), id != documents[position].id,
                      index[id].map({ documents[$0].links.copyOf == nil }) ?? false else { return }
                related.append(id)
            }
            for citation in documents[position].links.citations { if let target = citation.target { add(target) } }
            for citing in documents[position].links.citedBy { add(citing) }
            for sibling in nearest(to: position, in: family[subjects[position]] ?? [], count: maximumRelated) {
                add(documents[sibling].id)
            }
            documents[position].links.related = Array(related.prefix(maximumRelated))
            for target in documents[position].links.related {
                guard let other = index[target] else { continue }
                pairs.insert(Pair(low: min(position, other), high: max(position, other)))
            }
        }
        report.relationPairs = pairs.count
        return (documents, report, foundCitations)
    }

    /// `range` cut into `count` consecutive parts of about the same size (fewer when it is shorter).
    static func parts(of range: Range<Int>, count: Int) -> [Range<Int>] {
        let size = max(1, (range.count + count - 1) / max(1, count))
        return stride(from: range.lowerBound, to: range.upperBound, by: size).map {
            $0..<min($0 + size, range.upperBound)
        }
    }

    /// Up to `count` members of a family (positions in ascending order) nearest to `position`, nearest first.
    static func nearest(to position: Int, in members: [Int], count: Int) -> [Int] {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle] < position { low = middle + 1 } else { high = middle }
        }
        var left = low - 1
        var right = low < members.count && members[low] == position ? low + 1 : low
        var result: [Int] = []
        while result.count < count, left >= 0 || right < members.count {
            let takeLeft = right >= members.count || (left >= 0 && position - members[left] <= members[right] - position)
            if takeLeft {
                result.append(members[left])
                left -= 1
            } else {
                result.append(members[right])
                right += 1
            }
        }
        return result
    }

    private static func markCopy(_ position: Int, of original: Int, in documents: inout [Document]) {
        documents[position].links.copyOf = documents[original].id
        documents[original].links.copies.append(documents[position].id)
    }

    /// The title of what a notice issues (the plan printed after it), else the document's own title.
    private static func issuedOrOwnTitle(_ document: Document) -> String {
        document.annexTitle ?? document.title
    }

    private static func uniqued(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
