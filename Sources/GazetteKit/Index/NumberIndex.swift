public import Foundation

/// `numbers.json`: every 发文字号 of the site and the page of its document, so that a number typed in
/// any bracket style (〔〕 [] () 【】), in full or short, leads to its document (`number.html` reads it).
///
///     {"numbers": {"武隆府办发〔2022〕44号": {"title": "…", "url": "documents/wu-long-fu-ban-fa-2022-44/index.html"}}}
///
/// A number printed by several sources leads to the first, complete copy.
public enum NumberIndex {
    struct Target: Encodable {
        var title: String
        var url: String
    }

    struct Index: Encodable {
        var numbers: [String: Target]
    }

    public static func data(for site: Site) throws -> Data {
        try SortedJSONEncoder(pretty: false).encode(index(for: site))
    }

    static func index(for site: Site) -> Index {
        var numbers: [String: Target] = [:]
        for published in site.documents where published.document.links.copyOf == nil {
            guard let number = published.document.number?.description, numbers[number] == nil else { continue }
            numbers[number] = Target(title: published.document.title, url: published.path)
        }
        return Index(numbers: numbers)
    }
}
