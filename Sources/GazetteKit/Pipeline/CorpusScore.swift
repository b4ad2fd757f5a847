public import Foundation

/// How right the build is on a corpus of sources with hand-checked facts: facts right of facts
/// checked, structure counts right of those checked, and source text lost from the pages.
///
/// The corpus is a content folder (`documents/`, `gazettes/NAME/`) with `expected.json` beside them.
public struct CorpusScore: Sendable {
    /// What `expected.json` records for each source, checked by hand against the text.
    public struct Expectations: Sendable, Decodable {
        public var sources: [ExpectedSource]
    }

    public struct ExpectedSource: Sendable, Decodable {
        /// The source's path inside the corpus folder.
        public var source: String
        /// Where the text comes from (a public collection and its path), for readers of the corpus.
        public var origin: String?
        /// True for a probe written to imitate a layout rather than taken from a real publication: it tests
        /// the parser, but the score counts it apart so that it is never taken for evidence about real texts.
        public var synthetic: Bool?
        public var documents: [ExpectedDocument]

        public var isSynthetic: Bool { synthetic ?? false }
        /// Whether the source is a whole issue of a gazette (`gazettes/NAME/…`) rather than a document on its own.
        public var isIssue: Bool { source.hasPrefix("gazettes/") }
    }

    public struct ExpectedDocument: Sendable, Decodable {
        public var number: String?
        public var title: String
        public var issuer: String?
        public var date: String?
        public var chapters: Int?
        public var sections: Int?
        public var articles: Int?
        public var tables: Int?
        public var boxes: Int?
    }

    public var factsRight = 0
    public var factsChecked = 0
    public var structureRight = 0
    public var structureChecked = 0
    /// Pieces of source lines that appear on no page.
    public var piecesLost = 0
    public var sourceCount = 0
    public var documentCount = 0
    /// Sources marked synthetic, and their documents: counted in the totals, and named apart in the report.
    public var syntheticSourceCount = 0
    public var syntheticDocumentCount = 0
    /// Whole issues of gazettes taken from real publications, and those written as probes.
    public var realIssueCount = 0
    public var syntheticIssueCount = 0
    /// Facts right and checked on real sources only.
    public var realFactsRight = 0
    public var realFactsChecked = 0
    /// One line for each check that failed: `file: what: expected …, found …`.
    public var failures: [String] = []

    public var isPerfect: Bool { factsRight == factsChecked && structureRight == structureChecked && piecesLost == 0 }

    public static func load(from url: URL) throws -> Expectations {
        try JSONDecoder().decode(Expectations.self, from: Data(contentsOf: url))
    }

    public init(_ prepared: SiteBuilder.Prepared, expected: Expectations, converter: TraditionalToSimplified) throws {
        let statistics = try SiteStatistics(prepared, converter: converter)
        let figures = Dictionary(zip(prepared.site.documents.map(\.path), statistics.documents), uniquingKeysWith: { first, _ in first })
        let pages = Dictionary(try prepared.renderPages().map { ($0.path, $0.html) },
                               uniquingKeysWith: { first, _ in first })
        let published = try prepared.site.storedParts.withParts(prepared.site).documents
        for source in expected.sources {
            sourceCount += 1
            if source.isSynthetic {
                syntheticSourceCount += 1
                syntheticDocumentCount += source.documents.count
                if source.isIssue { syntheticIssueCount += 1 }
            } else if source.isIssue {
                realIssueCount += 1
            }
            let factsBefore = (right: factsRight, checked: factsChecked)
            defer {
                if !source.isSynthetic {
                    realFactsRight += factsRight - factsBefore.right
                    realFactsChecked += factsChecked - factsBefore.checked
                }
            }
            let found = published.filter { $0.sourceRelativePath == source.source }
            check(fact: "number of documents", in: source.source, expected: "\(source.documents.count)", found: "\(found.count)")
            for (index, wanted) in source.documents.enumerated() {
                documentCount += 1
                let place = "\(source.source) #\(index + 1)"
                guard index < found.count else {
                    factsChecked += 4
                    failures.append("\(place): \(wanted.title) not found")
                    continue
                }
                let document = found[index].document
                check(fact: "number", in: place, expected: wanted.number ?? "none", found: document.number?.description ?? "none")
                check(fact: "title", in: place, expected: wanted.title, found: document.title)
                check(fact: "issuer", in: place, expected: wanted.issuer ?? "none", found: document.issuer ?? "none")
                check(fact: "date", in: place, expected: wanted.date ?? "none", found: document.date?.description ?? "none")
                guard let counted = figures[found[index].path] else { continue }
                let structure: [(String, Int?, Int)] = [
                    ("chapters", wanted.chapters, counted.chapters), ("sections", wanted.sections, counted.sections),
                    ("articles", wanted.articles, counted.articles), ("tables", wanted.tables, counted.tables),
                    ("boxes", wanted.boxes, counted.boxes),
                ]
                for (name, expectedCount, foundCount) in structure {
                    guard let expectedCount else { continue }
                    structureChecked += 1
                    if expectedCount == foundCount { structureRight += 1 } else {
                        failures.append("\(place): \(name): expected \(expectedCount), found \(foundCount)")
                    }
                }
            }
            guard let text = try prepared.site.sources.first(where: { $0.relativePath == source.source })?.text() else {
                continue
            }
            let lines = SourceNormalizer(converter: converter).normalize(SourceText.lines(of: text))
            for document in found {
                let lost = TextCoverage.missing(document, page: pages[document.path] ?? "", lines: lines)
                piecesLost += lost.count
                failures += lost.prefix(5).map { "\(source.source): text lost: \($0)" }
            }
        }
    }

    private mutating func check(fact: String, in place: String, expected: String, found: String) {
        factsChecked += 1
        if expected == found { factsRight += 1 } else { failures.append("\(place): \(fact): expected \(expected), found \(found)") }
    }

    /// The score in a few lines, then every failed check.
    public var report: String {
        func percent(_ right: Int, _ checked: Int) -> String {
            checked == 0 ? "-" : String(format: "%.1f%%", Double(right) * 100 / Double(checked))
        }
        let realSources = sourceCount - syntheticSourceCount
        var lines = [
            "sources: \(sourceCount) (\(realSources) real, \(syntheticSourceCount) synthetic probes), "
                + "documents: \(documentCount) (\(documentCount - syntheticDocumentCount) in real sources)",
            "whole issues of other gazettes: \(realIssueCount) real, \(syntheticIssueCount) synthetic probes",
            "facts right: \(factsRight) / \(factsChecked) (\(percent(factsRight, factsChecked))); "
                + "on real sources \(realFactsRight) / \(realFactsChecked) "
                + "(\(percent(realFactsRight, realFactsChecked)))",
            "structure right: \(structureRight) / \(structureChecked) (\(percent(structureRight, structureChecked)))",
            "text lost: \(piecesLost) pieces of source lines",
        ]
        if !failures.isEmpty { lines += ["", "failed checks:"] + failures.map { "  \($0)" } }
        return lines.joined(separator: "\n")
    }
}
