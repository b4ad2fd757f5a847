/// One line of the record a regulation prints under its title (题注): when which body adopted,
/// approved, promulgated, amended it or when it takes effect.
///
/// `2022年12月6日 云浮市第七届人民代表大会常务委员会第七次会议通过`,
/// `（2023年2月10日 广东省第十四届人民代表大会常务委员会第一次会议批准）`,
/// `2022年4月14日 国家市场监督管理总局令第56号公布`, `根据2016年11月25日……的决定修正`, `2022年7月1日 施行`.
struct EnactmentRecord: Sendable, Hashable {
    enum Act: Sendable, Hashable {
        /// 通过: the body that enacts the text.
        case adopted
        /// 批准: a higher standing committee approves a city's regulation.
        case approved
        /// 公布, 发布: promulgated, usually by a decree (令).
        case promulgated
        /// 修正, 修订, 修改: a later amendment.
        case amended
        /// 施行: takes effect.
        case effective
    }

    var date: CalendarDate
    var act: Act
    /// The body that acted, without its term and session: `云浮市人民代表大会常务委员会`, `国家市场监督管理总局`.
    var body: String?
    /// The decree that promulgated the text: `国家市场监督管理总局令第56号`.
    var number: DocumentNumber?

    /// Reads a record line; nil for any other line.
    static func parse(_ text: String) -> EnactmentRecord? {
        guard text.utf8.count <= 900 else { return nil }
        let compact = LineClassifier.compact(HeaderText.stripMarkup(text))
        // A record prints a date and one of its verbs, looked for first: the pattern runs on the few lines with both.
        guard compact.containsText("年"), compact.containsText("月"), compact.containsText("日"),
              verbs.contains(where: compact.containsText), compact.count <= 240,
              let match = compact.wholeMatch(of: pattern),
              let date = CalendarDate(chinese: String(match.1))
        else { return nil }
        let verb = String(match.3)
        let act: Act
        switch verb {
        case "通过": act = .adopted
        case "批准": act = .approved
        case "公布", "发布", "公布施行", "发布施行": act = .promulgated
        case "施行": act = .effective
        default: act = .amended
        }
        let actor = String(match.2)
        // Amendments name the deciding text (`…通过的《关于修改…的决定》`): no body of their own is read.
        guard act != .amended else { return EnactmentRecord(date: date, act: act) }
        guard !actor.containsText("《") else { return EnactmentRecord(date: date, act: act) }
        // Two records printed on one line are read one by one (`all(in:)`).
        guard actor.firstMatch(of: /[0-9０-９〇零一二三四五六七八九]{4}年/) == nil else { return nil }
        var record = EnactmentRecord(date: date, act: act)
        if let decree = actor.firstMatch(of: decreeNumber), let serial = Int(decree.2) {
            record.number = DocumentNumber(code: String(decree.1), year: nil, serial: serial)
            record.body = String(decree.1.dropLast())
        } else if !actor.isEmpty {
            var body = actor.replacing(term, with: "").replacing(session, with: "")
            if act == .promulgated, body.hasTextSuffix("公告") { body.removeLast(2) }  // …常务委员会公告公布
            record.body = body.count >= 2 ? body : nil
        }
        return record
    }

    /// The records of one line: a database copy prints them on one line, in brackets, after a label:
    /// `【题注】 (2001年4月29日…会议通过 2001年6月3日…会议批准)`.
    static func all(in text: String) -> [EnactmentRecord] {
        if let one = parse(text) { return [one] }
        guard text.containsText("年"), text.utf8.count <= 1200 else { return [] }
        var line = HeaderText.stripMarkup(text).trimmingGazetteWhitespace()
        if let label = line.prefixMatch(of: /【\p{Han}{2,4}】/) { line = String(line[label.range.upperBound...]).trimmingGazetteWhitespace() }
        if let first = line.first, "（(".contains(first), let last = line.last, "）)".contains(last) {
            line = String(line.dropFirst().dropLast())
        }
        let parts = line.split(separator: recordStart).map(String.init)
        let records = parts.compactMap(parse)
        return records.count == parts.count ? records : []
    }

    /// The record lines under the title (blank lines, converter comments and a few labelled facts of a
    /// database copy, such as `颁布日期:2001-6-3`, between them).
    static func records(in lines: [SourceLine], after end: Int) -> [EnactmentRecord] {
        var found: [EnactmentRecord] = []
        var skipped = 0
        for line in lines.dropFirst(max(0, end + 1)) {
            if line.isBlank || LineMarkup(line.text).text.isEmpty { continue }
            let records = all(in: line.text)
            if records.isEmpty {
                guard found.isEmpty, skipped < 4, LineClassifier.recipients(line.text) == nil, line.trimmed.count <= 40,
                      line.trimmed.contains(where: { ":：".contains($0) })
                else { break }
                skipped += 1
                continue
            }
            found += records
        }
        return found
    }

    /// The facts a title's record gives the document: its issuer and date from the line that enacts
    /// it (通过, else 公布, else 批准), and the decree number that promulgated it.
    struct Facts: Sendable, Hashable {
        var issuer: String?
        var date: CalendarDate?
        var number: DocumentNumber?
    }

    static func facts(of records: [EnactmentRecord]) -> Facts? {
        guard !records.isEmpty else { return nil }
        let enacting = records.first { $0.act == .adopted }
            ?? records.first { $0.act == .promulgated } ?? records.first { $0.act == .approved }
        let number = records.lazy.compactMap(\.number).first
        return Facts(issuer: enacting?.body, date: enacting?.date, number: number)
    }

    /// The verbs of ``pattern``, one of which every record prints.
    private static let verbs = ["通过", "批准", "公布", "发布", "施行", "修正", "修订", "修改"]
    // A date, then who acted, then the verb; brackets and `经`/`根据` as printed around it.
    nonisolated(unsafe) private static let pattern =
        /[（(]?(?:根据)?([0-9０-９〇零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日)(?:经)?(.*?)(通过|批准|公布施行|发布施行|公布|发布|施行|修正|修订|修改)[，,。]?[）)]?/
    /// White space before a date: where the next record of a line begins.
    nonisolated(unsafe) private static let recordStart = /[ \t\u{3000}]+(?=(?:根据)?[0-9０-９〇零一二三四五六七八九]{4}年)/
    nonisolated(unsafe) private static let decreeNumber = /(\p{Han}{2,30}令)[（(]?第([0-9]{1,5})号[）)]?/
    nonisolated(unsafe) private static let term = /第[一二三四五六七八九十百零〇0-9]{1,4}届/
    nonisolated(unsafe) private static let session = /第[一二三四五六七八九十百零〇0-9]{1,4}次\p{Han}{0,4}?会议$|(?:常务|全体)?会议$/
}
