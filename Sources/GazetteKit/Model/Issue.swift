/// One issue of a gazette: masthead, printed table of contents, editorial board, documents and closing catalogue.
public struct Issue: Sendable, Hashable, Codable {
    public var masthead: Masthead
    public var tableOfContents: [TableOfContentsEntry]
    public var editorialBoard: [EditorialField]
    public var documents: [Document]
    /// The closing 主要文件目录, part of the issue rather than of its last document.
    public var closingCatalog: ClosingCatalog?
    public var source: SourceLocation

    public init(
        masthead: Masthead, tableOfContents: [TableOfContentsEntry], editorialBoard: [EditorialField],
        documents: [Document], closingCatalog: ClosingCatalog?, source: SourceLocation
    ) {
        self.masthead = masthead
        self.tableOfContents = tableOfContents
        self.editorialBoard = editorialBoard
        self.documents = documents
        self.closingCatalog = closingCatalog
        self.source = source
    }
}

/// The facts printed at the head of an issue.
public struct Masthead: Sendable, Hashable, Codable {
    /// e.g. `重庆市武隆区人民政府公报`.
    public var gazette: String
    public var year: Int
    /// Issue number within the year (第N期).
    public var number: Int
    /// Running number since the first issue (总第N期).
    public var totalNumber: Int?
    /// 出版日期.
    public var published: CalendarDate?

    public init(gazette: String, year: Int, number: Int, totalNumber: Int? = nil, published: CalendarDate? = nil) {
        self.gazette = gazette
        self.year = year
        self.number = number
        self.totalNumber = totalNumber
        self.published = published
    }
}

/// One line of the printed table of contents.
public struct TableOfContentsEntry: Sendable, Hashable, Codable {
    /// The group it is printed under, e.g. `重庆市武隆区人民政府办公室文件` or `文件检索`.
    public var group: String?
    public var title: String
    public var page: Int?
    public var line: Int
    /// The 发文字号 printed with the title, if any.
    public var number: DocumentNumber?
    /// The id of the document this entry points to, once matched.
    public var documentID: String?

    public init(group: String?, title: String, page: Int?, line: Int, number: DocumentNumber? = nil, documentID: String? = nil) {
        self.group = group
        self.title = title
        self.page = page
        self.line = line
        self.number = number
        self.documentID = documentID
    }
}

/// A labelled line of the editorial board block: `主任：刘高永`, `出版日期：2022年7月10日`.
public struct EditorialField: Sendable, Hashable, Codable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// The 主要文件目录 printed at the end of an issue: the period's documents, grouped by issuer.
public struct ClosingCatalog: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var title: String
        public var number: DocumentNumber?
        public var line: Int
    }

    public struct Group: Sendable, Hashable, Codable {
        /// The issuer mark that heads the group (`重庆市武隆区人民政府办公室文件`), if printed.
        public var name: String?
        public var entries: [Entry]
    }

    public var heading: String
    public var groups: [Group]
    /// The lines it was read from.
    public var lines: [SourceLine]

    public init(heading: String, groups: [Group], lines: [SourceLine]) {
        self.heading = heading
        self.groups = groups
        self.lines = lines
    }
}
