/// One official document (公文) as printed: its header, body and closing parts.
public struct Document: Sendable, Hashable, Codable {
    /// Stable id, also its address under `documents/`: derived from the 发文字号 when there is one.
    public var id: String
    /// 发文机关标志, e.g. `重庆市武隆区人民政府办公室文件`; nil when the document is printed without one.
    public var issuerMark: String?
    /// 发文字号.
    public var number: DocumentNumber?
    public var title: String
    /// For a document published on its own: the title of the notice that issues it
    /// (`…关于印发…规划的通知`), when the document's own title is the plan's.
    public var noticeTitle: String?
    /// 发文机关: from the signature, else from the issuer mark, else from the title.
    public var issuer: String?
    /// 主送机关, without the closing colon.
    public var recipients: String?
    public var body: [Block]
    /// What is printed after the signature block: the issued plan or rules, the texts of the 附件.
    public var annex: [Block]
    /// 附件 list, one entry a line as printed after 附件：.
    public var attachments: [String]
    /// 发文机关署名 lines.
    public var signatures: [String]
    /// 成文日期.
    public var date: CalendarDate?
    /// 公开属性 such as `此件公开发布`, without brackets.
    public var disclosure: String?
    /// Where the document starts in its source.
    public var location: SourceLocation
    /// The page the table of contents prints for it.
    public var tocPage: Int?
    /// The source lines the document was read from, in reading order (text continued from another
    /// page is read where it belongs, so the numbers may jump).
    public var sourceLines: [Int] = []
    /// Citations, copies, related documents and status, from the link stage.
    public var links = DocumentLinks()
    /// Tables printed one cell per line (as web pages and PDFs give them), by their first source line:
    /// those whose columns were read, and those left one cell a line.
    public var cellLineTables: [Int] = []
    public var unreadCellLineTables: [Int] = []
    /// What the site knows of the document's parts (body, annex, source lines) while they are stored away in the
    /// build cache (``StoredParts``); nil while they are in place.
    public var digest: Digest?

    public init(
        id: String, issuerMark: String? = nil, number: DocumentNumber? = nil, title: String, issuer: String? = nil,
        recipients: String? = nil, body: [Block] = [], annex: [Block] = [], attachments: [String] = [], signatures: [String] = [],
        date: CalendarDate? = nil, disclosure: String? = nil, location: SourceLocation, tocPage: Int? = nil
    ) {
        self.id = id
        self.issuerMark = issuerMark
        self.number = number
        self.title = title
        self.issuer = issuer
        self.recipients = recipients
        self.body = body
        self.annex = annex
        self.attachments = attachments
        self.signatures = signatures
        self.date = date
        self.disclosure = disclosure
        self.location = location
        self.tocPage = tocPage
    }
}
