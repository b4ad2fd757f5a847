/// The link stage, between parsing and rendering: decides once for the whole site where every issue
/// and document is published (see `AddressAssigner`), which earlier addresses redirect, and how
/// documents link to each other (citations, copies, related documents).
public struct SiteLinker: Sendable {
    /// How the address ledger is named in messages: `Content/addresses.tsv`.
    public var ledgerFile: String
    /// The citations an earlier build found, taken again for a document whose text is the same (by the site's
    /// parse keys).
    public var previousCitations: FoundCitations?

    public init(ledgerFile: String, previousCitations: FoundCitations? = nil) {
        self.ledgerFile = ledgerFile
        self.previousCitations = previousCitations
    }

    public struct Result: Sendable {
        public var site: Site
        /// The ledger with every address of this build added.
        public var ledger: AddressLedger
        public var diagnostics: [Diagnostic]
        /// The citations found in each document whose source has a parse key, for the next build.
        public var foundCitations: FoundCitations
    }

    /// `legacyIsPublished` tells whether an address of an earlier version (a folder such as
    /// `documents/武隆府办发-2022-44/`) is still published; without a ledger, those that are redirect.
    public func link(_ parsed: Site, ledger: AddressLedger?, legacyIsPublished: @escaping (String) -> Bool = { _ in false })
        throws -> Result {
        var site = parsed
        var diagnostics: [Diagnostic] = []
        site.issues.sort { ($0.gazetteSlug, $0.issue.masthead.year, $0.issue.masthead.number)
            < ($1.gazetteSlug, $1.issue.masthead.year, $1.issue.masthead.number) }
        var issueKeys: Set<String> = []
        site.issues = site.issues.filter { issue in
            guard issueKeys.insert(Self.key(of: issue)).inserted else {
                diagnostics.append(.error("another source is already \(issue.label) of this gazette; this one is left out",
                                          at: issue.issue.source))
                return false
            }
            return true
        }
        site.standalone.sort { $0.sourceRelativePath < $1.sourceRelativePath }

        // A gazette's or a code's segment is romanized once: thousands of issues and documents share it. All are
        // romanized together, in one pass of the ICU transforms (each pass builds a transliterator).
        var texts = Set(site.issues.map(\.gazetteSlug))
        for issue in site.issues { texts.formUnion(issue.issue.documents.compactMap { $0.number?.code }) }
        texts.formUnion(site.standalone.compactMap { $0.document.number?.code })
        let ordered = texts.sortedByUTF8()
        var segments = Dictionary(uniqueKeysWithValues: zip(ordered, Self.segments(ordered)))
        func segment(_ text: String) -> String {
            if let known = segments[text] { return known }
            let made = Self.segment(text)
            segments[text] = made
            return made
        }
        var assigner = AddressAssigner(ledger: ledger, ledgerFile: ledgerFile, legacyIsPublished: legacyIsPublished)
        let issueAddresses = assigner.assign(issues: site.issues.map { issue in
            let masthead = issue.issue.masthead
            let issueSegment = "\(masthead.year)-\(Self.twoDigits(masthead.number))"
            let preferred = "gazettes/\(segment(issue.gazetteSlug))/\(issueSegment)/"
            return (Self.key(of: issue), issue.sourceRelativePath, preferred)
        })
        for index in site.issues.indices {
            site.issues[index].path = issueAddresses[index] + "index.html"
        }

        // Documents: those of the issues in order, then the standalone ones.
        var legacyIDs = UniqueIDs()
        func address(for number: DocumentNumber) -> String {
            Self.address(for: number, codeSegment: segment(number.code))
        }
        var candidates: [AddressAssigner.Candidate] = []
        for issue in site.issues {
            let masthead = issue.issue.masthead
            let prefix = "\(segment(issue.gazetteSlug))-\(masthead.year)-\(Self.twoDigits(masthead.number))"
            for document in issue.issue.documents {
                let preferred = document.number.map(address(for:))
                    ?? "documents/\(prefix)-\(Self.initials(document.title))/"
                candidates.append(candidate(document, source: issue.sourceRelativePath, preferred: preferred,
                                            legacy: "documents/\(legacyIDs.claim(document.id))/"))
            }
        }
        for published in site.standalone {
            let document = published.document
            let preferred = document.number.map(address(for:)) ?? "documents/\(Self.segment(document.id))/"
            candidates.append(candidate(document, source: published.sourceRelativePath, preferred: preferred,
                                        legacy: "documents/\(legacyIDs.claim(document.id))/"))
        }
        var addresses = assigner.assign(documents: candidates)[...]
        for issue in site.issues.indices {
            var renamed: [String: String] = [:]
            for index in site.issues[issue].issue.documents.indices {
                let id = Self.id(fromAddress: addresses.removeFirst())
                renamed[site.issues[issue].issue.documents[index].id] = id
                site.issues[issue].issue.documents[index].id = id
            }
            for entry in site.issues[issue].issue.tableOfContents.indices {
                if let id = site.issues[issue].issue.tableOfContents[entry].documentID {
                    site.issues[issue].issue.tableOfContents[entry].documentID = renamed[id]
                }
            }
        }
        for index in site.standalone.indices {
            site.standalone[index].document.id = Self.id(fromAddress: addresses.removeFirst())
        }

        // The documents gathered once with their addresses (the property gathers them anew on each call).
        let all = site.documents
        let published = Set(site.issues.map { Self.address(ofPage: $0.path) } + all.map { Self.address(ofPage: $0.path) })
        site.redirects = assigner.finish(published: published).map { Site.Redirect(from: $0.from, to: $0.to) }
        diagnostics += assigner.diagnostics

        // Citations, copies, repeals and related documents, over all documents at once.
        // A document's text is named by its source's parse key and its place in the source.
        var textKeys: [String?] = []
        for issue in site.issues {
            let parseKey = site.parseKeys[issue.sourceRelativePath]
            textKeys += issue.issue.documents.indices.map { position in
                parseKey.map { FoundCitations.key(parseKey: $0, position: position) }
            }
        }
        textKeys += site.standalone.map { published in
            site.parseKeys[published.sourceRelativePath].map { FoundCitations.key(parseKey: $0, position: 0) }
        }
        let (linked, report0, foundCitations) = try DocumentRelations.link(
            all, parts: site.storedParts, textKeys: textKeys, previous: previousCitations)
        var report = report0
        var next = linked.makeIterator()
        for issue in site.issues.indices {
            for index in site.issues[issue].issue.documents.indices {
                site.issues[issue].issue.documents[index] = next.next()!
            }
        }
        for index in site.standalone.indices { site.standalone[index].document = next.next()! }
        report.addressesPublished = published.count
        report.addressesRedirected = site.redirects.count
        let linkedDocuments = site.documents
        report.longestAddress = linkedDocuments.concurrentMap { document in
            let fragment = document.document.longestFragment
            return Self.address(ofPage: document.path) + (fragment.map { "#" + $0 } ?? "")
        }.max { ($0.count, $1) < ($1.count, $0) } ?? ""
        site.linkReport = report
        site.summaries = Dictionary(linkedDocuments.map { published in
            let document = published.document
            return (document.id, Site.DocumentSummary(title: document.title, number: document.number, date: document.date,
                                                       path: published.path))
        }, uniquingKeysWith: { first, _ in first })
        return Result(site: site, ledger: assigner.ledger, diagnostics: diagnostics, foundCitations: foundCitations)
    }

    private func candidate(_ document: Document, source: String, preferred: String, legacy: String) -> AddressAssigner.Candidate {
        AddressAssigner.Candidate(number: document.number?.description, source: source, title: document.title,
                                  preferred: preferred, legacy: legacy, location: document.location)
    }

    /// `documents/wu-long-fu-ban-fa-2022-44/` for 武隆府办发〔2022〕44号; `…-ling-329/` for 令第329号.
    static func address(for number: DocumentNumber) -> String {
        address(for: number, codeSegment: segment(number.code))
    }

    /// ``address(for:)`` with the code's segment made already.
    static func address(for number: DocumentNumber, codeSegment code: String) -> String {
        "documents/\(code)\(number.year.map { "-\($0)" } ?? "")-\(number.serial)/"
    }

    /// One ASCII segment of an address; never empty.
    static func segment(_ text: String) -> String {
        segments([text])[0]
    }

    /// ``segment(_:)`` of each text, romanized together.
    static func segments(_ texts: [String]) -> [String] {
        Romanization.slugs(texts).map { slug in slug.isEmpty ? "untitled" : String(slug.prefix(80)) }
    }

    /// The initials of a title, without the 关于 that most titles start with: at most 16 letters.
    static func initials(_ title: String) -> String {
        let trimmed = title.hasPrefix("关于") ? String(title.dropFirst(2)) : title
        let initials = Romanization.initials(trimmed)
        return initials.isEmpty ? "document" : String(initials.prefix(16))
    }

    static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// `wulong 2022 3`: how the ledger knows an issue.
    static func key(of issue: PublishedIssue) -> String {
        "\(issue.gazetteSlug) \(issue.issue.masthead.year) \(issue.issue.masthead.number)"
    }

    /// `documents/x/index.html` → `documents/x/`.
    static func address(ofPage path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// `documents/x/` → `x`, the id of a document.
    static func id(fromAddress address: String) -> String {
        String(address.dropFirst("documents/".count).dropLast())
    }
}
