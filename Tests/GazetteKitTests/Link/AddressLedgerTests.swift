import Foundation
@testable import GazetteKit
import Testing

/// Published addresses never move: the ledger keeps them through new sources, reprints and parser changes.
@Suite struct AddressLedgerTests {
    /// The sample content in a temporary folder, with room for more sources.
    static func content(in folder: TemporaryFolder) throws -> URL {
        let content = folder.url.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: Samples.content, to: content)
        try? FileManager.default.removeItem(at: content.appendingPathComponent(AddressLedger.fileName))
        return content
    }

    static func prepare(_ content: URL, ledger: URL) throws -> SiteBuilder.Prepared {
        try SiteBuilder(options: .init(content: content, templates: Samples.templates,
                                       output: content.deletingLastPathComponent().appendingPathComponent("Output"),
                                       contentDisplayName: "Content", ledger: ledger)).prepare()
    }

    /// The samples built once in `folder`, their ledger written (unless a test writes its own).
    static func publish(in folder: TemporaryFolder, keepingLedger: Bool = true) throws
        -> (content: URL, ledger: URL, first: SiteBuilder.Prepared) {
        let content = try Self.content(in: folder)
        let ledger = content.appendingPathComponent(AddressLedger.fileName)
        let first = try Self.prepare(content, ledger: ledger)
        if keepingLedger { try Data(first.ledger.text.utf8).write(to: ledger) }
        return (content, ledger, first)
    }

    /// Each document's address, by its source and 发文字号 or title.
    static func addresses(_ site: Site) -> [String: String] {
        Dictionary(uniqueKeysWithValues: site.documents.map {
            ("\($0.sourceRelativePath) \($0.document.number?.description ?? $0.document.title)", $0.path)
        })
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/sources/\(name)", withExtension: nil)!)
    }

    @Test func theFirstBuildRecordsEveryAddressAndRedirectsTheChineseOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.content(in: folder)
        // The site was published before by a version that gave documents Chinese addresses.
        try folder.write(Data("旧页面".utf8), to: "Output/documents/武隆府办发-2022-44/index.html")
        let prepared = try Self.prepare(content, ledger: content.appendingPathComponent(AddressLedger.fileName))
        #expect(prepared.ledger.entries.filter { $0.kind == .document }.count == 29)
        #expect(prepared.ledger.entries.filter { $0.kind == .issue }.count == 2)
        let redirect = try #require(prepared.site.redirects.first { $0.from == "documents/武隆府办发-2022-44/" })
        #expect(redirect.to == "documents/wu-long-fu-ban-fa-2022-44/")
        #expect(try prepared.renderPages().contains { $0.path == "documents/武隆府办发-2022-44/index.html" })
        // Only addresses that were published redirect: a new site gets no pages at addresses it never had.
        #expect(prepared.site.redirects.count == 1)
        for document in prepared.site.documents {
            #expect(document.path.allSatisfy { $0.isASCII }, "\(document.path)")
            #expect(document.path.count - "index.html".count <= 48, "\(document.path)")
        }
    }

    @Test func addingSourcesThatReprintNumbersOrSortFirstMovesNoAddress() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, ledgerURL, first) = try Self.publish(in: folder)
        // A gazette whose folder sorts before wulong reprints 武隆府办发〔2022〕40号 and 43号.
        try folder.write(Self.fixture("small-issue.txt"), to: "Content/gazettes/aaa/2022-03.txt")
        let second = try Self.prepare(content, ledger: ledgerURL)
        let before = Self.addresses(first.site)
        let after = Self.addresses(second.site)
        for (document, address) in before {
            #expect(after[document] == address, "\(document) moved from \(address) to \(after[document] ?? "nowhere")")
        }
        #expect(after["gazettes/aaa/2022-03.txt 武隆府办发〔2022〕40号"] == "documents/wu-long-fu-ban-fa-2022-40-2/index.html")
        #expect(second.diagnostics.contains { $0.message.contains("printed in more than one source") })
        #expect(!second.diagnostics.contains { $0.severity == .error }, "\(second.diagnostics.filter { $0.severity == .error })")
        // Every row of the first ledger is in the second, at the same address.
        for entry in first.ledger.entries {
            #expect(second.ledger.entries.contains { $0.address == entry.address && $0.kind == entry.kind })
        }
    }

    @Test func aParserThatReadsTitlesAndSourcesDifferentlyKeepsTheAddresses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, ledgerURL, first) = try Self.publish(in: folder, keepingLedger: false)
        // As if an earlier parser had read every title a little differently and the city plan came from
        // a file of another name.
        var ledger = first.ledger
        for index in ledger.entries.indices where ledger.entries[index].kind == .document {
            ledger.entries[index].title = String(ledger.entries[index].title.dropLast())
            if ledger.entries[index].key == "渝府办发〔2021〕149号" { ledger.entries[index].source = "documents/old-name.txt" }
        }
        try Data(ledger.text.utf8).write(to: ledgerURL)
        let second = try Self.prepare(content, ledger: ledgerURL)
        #expect(Self.addresses(second.site) == Self.addresses(first.site))
        #expect(!second.diagnostics.contains { $0.severity == .error }, "\(second.diagnostics.filter { $0.severity == .error })")
    }

    @Test func aLedgerAddressTheSiteNoLongerHasIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, ledgerURL, _) = try Self.publish(in: folder)
        try FileManager.default.removeItem(at: content.appendingPathComponent("documents/fuling-rural-revitalization-plan.txt"))
        let second = try Self.prepare(content, ledger: ledgerURL)
        let error = try #require(second.diagnostics.first { $0.severity == .error })
        #expect(error.location.file == "Content/addresses.tsv" && error.location.line > 0)
        #expect(error.message.contains("documents/fuling-rural-revitalization-plan/"))
        // The row stays: the page can come back at the same address.
        #expect(second.ledger.entries.contains { $0.address == "documents/fuling-rural-revitalization-plan/" })
    }

    @Test func aCorruptOrConflictingLedgerIsReportedByLineAndNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, ledgerURL, first) = try Self.publish(in: folder, keepingLedger: false)
        var text = first.ledger.text
        text += "nonsense\trow\n"
        text += "document\tno-slash\tx\ty\n"
        text += "redirect\tdocuments/wu-long-fu-ban-fa-2022-44/\tdocuments/yu-fu-ban-fa-2021-149/\n"
        text += "redirect\tdocuments/old/\tdocuments/nowhere/\n"
        text += "document\tdocuments/yu-fu-ban-fa-2021-149/\t\tdocuments/other.txt\t另一个文件\n"
        try Data(text.utf8).write(to: ledgerURL)
        let second = try Self.prepare(content, ledger: ledgerURL)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let errors = second.diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map(\.location.line)) == Set((lines - 4)...lines), "\(errors)")
        #expect(errors.allSatisfy { $0.location.file == "Content/addresses.tsv" })
        #expect(!second.ledgerIsWritable)
        #expect(Self.addresses(second.site) == Self.addresses(first.site))
    }

    @Test func addressesAreReadFromPrintedFactsAsTheREADMESays() {
        #expect(SiteLinker.address(for: DocumentNumber(code: "武隆府办发", year: 2022, serial: 44)) == "documents/wu-long-fu-ban-fa-2022-44/")
        #expect(SiteLinker.address(for: DocumentNumber(code: "重庆市人民政府令", year: nil, serial: 329))
            == "documents/chong-qing-shi-ren-min-zheng-fu-ling-329/")
        #expect(SiteLinker.initials("关于做好防汛工作的通知") == "zhfxgzdtz")
        #expect(SiteLinker.segment("fuling-rural-revitalization-plan") == "fuling-rural-revitalization-plan")
        #expect(SiteLinker.segment("《》") == "untitled")
    }

    @Test func theLedgerFileReadsBackAsWritten() {
        let ledger = AddressLedger(
            entries: [.init(kind: .document, address: "documents/a-2022-1/", key: "甲〔2022〕1号", source: "x.txt", title: "标题\t有制表符")],
            redirects: [.init(from: "documents/甲-2022-1/", to: "documents/a-2022-1/")])
        let (read, diagnostics) = AddressLedger.read(ledger.text, file: "addresses.tsv")
        #expect(diagnostics.isEmpty)
        #expect(read == ledger)
        #expect(read.entries[0].title == "标题 有制表符")
    }
}
