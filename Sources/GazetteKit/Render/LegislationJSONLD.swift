import Foundation

/// The JSON-LD of a document page: schema.org `Legislation` with its 发文字号 (`legislationIdentifier`), date,
/// issuer (`legislationPassedBy`) and the issue it was published in (`isPartOf`), for search engines.
///
/// It sits in `<script type="application/ld+json">`, a data block that browsers never run, so the page's
/// Content Security Policy (`script-src 'self'`) allows it; `<`, `>` and `&` are written as `\u003c` … so the
/// text can never close the element.
enum LegislationJSONLD {
    struct Thing: Encodable {
        var type: String
        var name: String?
        var url: String?
        var issueNumber: Int?
        var datePublished: String?
        var isPartOf: Box<Thing>?

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, issueNumber, datePublished, isPartOf
        }
    }

    /// Lets a value hold another of its own type.
    final class Box<Value: Encodable>: Encodable {
        let value: Value
        init(_ value: Value) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    struct Legislation: Encodable {
        var context = "https://schema.org"
        var type = "Legislation"
        var name: String
        var inLanguage: String
        var url: String?
        var legislationIdentifier: String?
        var legislationDate: String?
        var legislationPassedBy: Thing?
        var legislationLegalForce: String?
        var isPartOf: Thing?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, inLanguage, url, legislationIdentifier, legislationDate,
                 legislationPassedBy, legislationLegalForce, isPartOf
        }
    }

    static func json(for published: PublishedDocument, issue: PublishedIssue?, site: Site) -> String {
        let document = published.document
        var legislation = Legislation(
            name: document.title, inLanguage: site.configuration.language, url: AbsoluteURL.page(published.path, in: site),
            legislationIdentifier: document.number?.description, legislationDate: document.date?.description)
        if let issuer = document.issuer { legislation.legislationPassedBy = Thing(type: "GovernmentOrganization", name: issuer) }
        if document.links.repealedBy != nil { legislation.legislationLegalForce = "NotInForce" }
        if let issue {
            let masthead = issue.issue.masthead
            let periodical = Thing(type: "Periodical", name: masthead.gazette)
            legislation.isPartOf = Thing(
                type: "PublicationIssue", name: "\(masthead.gazette) \(issue.label)", url: AbsoluteURL.page(issue.path, in: site),
                issueNumber: masthead.number, datePublished: masthead.published?.description, isPartOf: Box(periodical))
        }
        guard let data = try? SortedJSONEncoder(pretty: false).encode(legislation) else {
            preconditionFailure("a Legislation of strings and numbers always encodes")
        }
        // `<`, `>` and `&` as JSON escapes: the JSON goes into a script element, where `</script>` would end it.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(data.count + 32)
        for byte in data {
            switch byte {
            case UInt8(ascii: "<"): escaped += "\\u003c".utf8
            case UInt8(ascii: ">"): escaped += "\\u003e".utf8
            case UInt8(ascii: "&"): escaped += "\\u0026".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
