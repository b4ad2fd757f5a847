import Foundation
import GazetteKit
import Testing

/// Structure recovery may join, move and label text, but never drop it: every piece of every line a
/// document was read from (after character repair) appears in the text of its rendered page.
@Suite struct TextCoverageTests {
    static let documents = SampleSite.prepared.site.documents.map(\.document.id)

    @Test(arguments: documents)
    func everyCharacterOfTheSourceAppearsOnThePage(_ id: String) throws {
        try Self.check(id, in: SampleSite.prepared, pages: SampleSite.pages)
    }

    /// The corpus of other governments' documents and issues (Tests/Corpus) too.
    @Test func everyCharacterOfEveryCorpusSourceAppearsOnItsPage() throws {
        let prepared = CorpusScoreTests.prepared
        let pages = try prepared.renderPages()
        for source in prepared.site.sources {
            // Each source repaired once for all its documents.
            let text = try source.text()
            let lines = SourceNormalizer(converter: Samples.converter).normalize(SourceText.lines(of: text))
            for published in prepared.site.documents where published.sourceRelativePath == source.relativePath {
                try Self.check(published.document.id, in: prepared, pages: pages, lines: lines)
            }
        }
    }

    static func check(_ id: String, in prepared: SiteBuilder.Prepared, pages: [SiteRenderer.Page],
                      lines repaired: [SourceLine]? = nil) throws {
        let published = try #require(prepared.site.documents.first { $0.document.id == id })
        let html = try #require(pages.first { $0.path == published.path }?.html)
        let page = Self.comparable(SiteStatistics.visibleText(of: html))
        let source = try #require(prepared.site.sources.first { $0.relativePath == published.sourceRelativePath })
        let normalizer = SourceNormalizer(converter: Samples.converter)
        let lines = try repaired ?? normalizer.normalize(SourceText.lines(of: try source.text()))
        let byNumber = Dictionary(uniqueKeysWithValues: lines.map { ($0.number, $0.text) })
        var missing: [String] = []
        for number in published.document.sourceLines {
            for piece in Self.pieces(of: byNumber[number] ?? "") where !page.contains(piece) {
                missing.append("line \(number): \(piece.prefix(40))")
            }
        }
        #expect(missing.isEmpty, "\(published.sourceRelativePath): \(missing.prefix(10).joined(separator: "\n"))")
    }

    /// What a line contributes to the page, as comparable pieces: the text without page notes,
    /// markup and layout, split into table cells.
    static func pieces(of line: String) -> [String] {
        var text = line
        if let note = LineClassifierProbe.pageNoteRemainder(text) { text = note }
        // A page number between dashes or dots (`— 5 —`, `·4·`) is page furniture.
        if text.trimmingCharacters(in: .whitespaces).wholeMatch(of: /[—\-–·•－‐~～]{1,3}\s*\d{1,3}\s*[—\-–·•－‐~～]{1,3}/) != nil { return [] }
        // A page note in mid-sentence is page furniture too.
        text = text.replacing(/[（(]\s*[上下]\s*[接转]\s*第\s*\d{1,4}\s*页\s*[）)]/, with: "")
        if let number = DocumentNumber(parsing: text) { return [comparable(number.description)] }
        if let date = CalendarDate(chinese: text) { return [comparable(date.chinese)] }
        let cells: [String]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("|") || text.contains("\t") {
            cells = trimmed.split(whereSeparator: { $0 == "|" || $0 == "\t" }).map(String.init)
        } else {
            cells = [text]
        }
        // Dot leaders and bracketed page numbers of a printed 目录 are layout, not text.
        return cells.map { comparable(stripMarkup($0).replacing(/[.．…·]{2,}\s*$/, with: "").replacing(/^\s*[（(]\s*(\d+)\s*[)）]\s*$/) { String($0.1) }) }
            .filter { !$0.isEmpty && !$0.allSatisfy { "-:—–".contains($0) } }
    }

    static func stripMarkup(_ text: String) -> String {
        var line = text.trimmingCharacters(in: .whitespaces)
        // A converter's comment and a database copy's field label (`【章名】 `) are no text.
        line = line.replacing(/<!--.*?-->/, with: "").replacing(/^【\p{Han}{2,4}】\s+/, with: "")
        while line.hasPrefix("#") { line.removeFirst() }
        line = line.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("- ") { line.removeFirst(2) }
        // Markdown escapes (`\*`) and superscript carets (`^①`) are markup a converter added, not text.
        return line.replacing(/<\/?(b|strong|i|em|u|p|br|span|font|sup|sub|div)\b[^<>]*>/.ignoresCase(), with: "")
            .replacing(/\\([!-\/:-@\[-`{-~])/) { String($0.1) }
            .replacing(/\^\s*([①-⑳])/) { String($0.1) }
            .replacingOccurrences(of: "**", with: "")
    }

    /// Without white space, with ASCII brackets and colons in their full-width form: as the corpus
    /// score compares.
    static func comparable(_ text: String) -> String { TextCoverage.comparable(text) }
}

/// Page notes as the parser reads them, for the coverage check.
enum LineClassifierProbe {
    static func pageNoteRemainder(_ text: String) -> String? {
        guard let match = text.trimmingCharacters(in: .whitespaces).prefixMatch(of: /[（(]\s*[上下]\s*[接转]\s*第\s*\d{1,4}\s*页\s*[）)]/) else { return nil }
        return String(text.trimmingCharacters(in: .whitespaces)[match.range.upperBound...])
    }
}
