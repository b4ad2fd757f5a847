/// Everything a build publishes, each page with its path inside the output folder.
public struct Site: Sendable {
    public var title: String
    public var issues: [PublishedIssue]
    /// Documents outside any issue.
    public var standalone: [PublishedDocument]
    /// The sources the site was made from (their texts are read again for the pages that show them).
    public var sources: [PublishedSource]
    /// Addresses published before that now lead to another page.
    public var redirects: [Redirect] = []
    /// What the link stage found: citations, relations, addresses.
    public var linkReport = LinkReport()
    /// Every document by its id, for pages that name other documents.
    public var summaries: [String: DocumentSummary] = [:]
    /// The settings of `gazette.toml`: base URL, language, description.
    public var configuration = SiteConfiguration()
    /// What each source was parsed from (by its relative path): the parse cache's fingerprint of its text, path,
    /// sidecar and the program, which determines everything the parser made of it. Empty without a build cache.
    public var parseKeys: [String: String] = [:]
    /// Where the parts of documents stored away after parsing are read back from.
    public var storedParts = StoredParts()

    /// What a page needs to name and link another document.
    public struct DocumentSummary: Sendable, Hashable, Codable {
        public var title: String
        public var number: DocumentNumber?
        public var date: CalendarDate?
        /// `documents/x/index.html`.
        public var path: String
    }

    /// An old address (a folder, `documents/武隆府办发-2022-44/`) and where its page is now.
    public struct Redirect: Sendable, Hashable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public init(title: String, issues: [PublishedIssue], standalone: [PublishedDocument], sources: [PublishedSource]) {
        self.title = title
        self.issues = issues
        self.standalone = standalone
        self.sources = sources
    }

    /// Every document, issues first in order, then the standalone ones.
    public var documents: [PublishedDocument] { issues.flatMap(\.documents) + standalone }

    /// The page of a source's original text: `sources/gazettes/wulong/2022-03.txt.html`.
    public static func sourcePath(for relativePath: String) -> String { "sources/\(relativePath).html" }

    /// The source's text as a plain UTF-8 file: `sources/gazettes/wulong/2022-03.txt`.
    public static func plainTextPath(for relativePath: String) -> String { "sources/\(relativePath)" }
}

/// An issue with the address of its page.
public struct PublishedIssue: Sendable, Codable {
    public var issue: Issue
    public var gazetteSlug: String
    /// `gazettes/wulong/2022-03/index.html`.
    public var path: String
    public var sourceRelativePath: String

    /// The issue's documents with their addresses, in printed order.
    public var documents: [PublishedDocument] {
        let reference = PublishedDocument.IssueReference(
            gazette: issue.masthead.gazette, year: issue.masthead.year, number: issue.masthead.number, path: path,
            published: issue.masthead.published)
        return issue.documents.enumerated().map { position, document in
            PublishedDocument(document: document, sourceRelativePath: sourceRelativePath, issue: reference,
                              position: position)
        }
    }

    /// `2022年第3期`.
    public var label: String { "\(issue.masthead.year)年第\(issue.masthead.number)期" }

    public static func path(gazette: String, masthead: Masthead) -> String {
        "gazettes/\(gazette)/\(masthead.year)-\(masthead.number < 10 ? "0" : "")\(masthead.number)/index.html"
    }
}

/// A document with the address of its page and where it came from.
public struct PublishedDocument: Sendable, Codable {
    public struct IssueReference: Sendable, Hashable, Codable {
        public var gazette: String
        public var year: Int
        public var number: Int
        public var path: String
        /// The issue's 出版日期, when its masthead prints one.
        public var published: CalendarDate?
    }

    public var document: Document
    public var sourceRelativePath: String
    public var issue: IssueReference?
    public var note: String?
    /// Its place among the documents of its source (0 for a document published on its own).
    public var position = 0

    /// The runs of documents from one source in a list of documents (``Site/documents`` gives a source's together).
    public static func runsBySource(_ documents: [PublishedDocument]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        for index in documents.indices {
            let source = documents[index].sourceRelativePath
            if let last = runs.last, documents[last.lowerBound].sourceRelativePath == source {
                runs[runs.count - 1] = last.lowerBound..<(index + 1)
            } else {
                runs.append(index..<(index + 1))
            }
        }
        return runs
    }

    /// `documents/wu-long-fu-ban-fa-2022-44/index.html`: the id is given by the link stage.
    public var path: String { "documents/\(document.id)/index.html" }
}
