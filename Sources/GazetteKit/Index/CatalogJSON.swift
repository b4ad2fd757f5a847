public import Foundation

/// `catalog.json`: every document of the site with its address and facts, for machines.
public enum CatalogJSON {
    struct Entry: Encodable {
        struct IssueFacts: Encodable {
            var gazette: String
            var year: Int
            var number: Int
            var url: String
        }

        var id: String
        var url: String
        /// The document's file in the JSON API: `api/documents/ID.json`.
        var api: String
        var docNumber: String?
        var title: String
        var issuer: String?
        var date: CalendarDate?
        var issue: IssueFacts?
        var tocPage: Int?
        var source: String
        /// The id of the complete document this one is another copy of.
        var copyOf: String?
        /// The id of the decision that repealed it.
        var repealedBy: String?
    }

    struct Catalog: Encodable {
        var documentCount: Int
        var documents: [Entry]
    }

    /// Encoded with sorted keys so that two builds give the same bytes.
    /// `source` is the path inside the content folder, the same whichever way the folder was named to the build.
    public static func data(for site: Site) throws -> Data {
        try SortedJSONEncoder.file(catalog(for: site))
    }

    static func catalog(for site: Site) -> Catalog {
        let entries = site.documents.map { published in
            let document = published.document
            return Entry(
                id: document.id, url: published.path, api: DocumentAPI.path(for: document.id), docNumber: document.number?.description, title: document.title,
                issuer: document.issuer, date: document.date,
                issue: published.issue.map { Entry.IssueFacts(gazette: $0.gazette, year: $0.year, number: $0.number, url: $0.path) },
                tocPage: document.tocPage, source: published.sourceRelativePath, copyOf: document.links.copyOf,
                repealedBy: document.links.repealedBy)
        }
        return Catalog(documentCount: entries.count, documents: entries)
    }
}
