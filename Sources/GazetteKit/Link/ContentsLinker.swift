import Foundation

/// Links the entries of a 目录 that a document prints to the headings they name: the same text, or
/// nearly (OCR), with the same printed number.
enum ContentsLinker {
    /// For each printed 目录 of the document (by its id), the heading each entry names, if any.
    static func targets(in document: Document) -> [PartID: [PartID?]] {
        let parts = (document.body + document.annex).flatMap(\.flattened)
        let headings = parts.filter { if case .heading = $0.kind { true } else { false } }
        var result: [PartID: [PartID?]] = [:]
        for part in parts {
            guard case .contents(let entries) = part.kind else { continue }
            result[part.id] = entries.map { target(forEntry: $0, headings: headings) }
        }
        return result
    }

    static func target(forEntry entry: String, headings: [Block]) -> PartID? {
        let title = String(entry.components(separatedBy: " …… ").first ?? entry)
        let key = SiteStatistics.comparable(title)
        if let exact = headings.first(where: { SiteStatistics.comparable($0.text) == key }) { return exact.id }
        let label = Numbering.parse(title)?.label
        return headings.filter { $0.label == label }
            .map { ($0.id, TitleSimilarity.score(SiteStatistics.comparable($0.text), key)) }
            .filter { $0.1 >= 0.8 }.max { $0.1 < $1.1 }?.0
    }
}
