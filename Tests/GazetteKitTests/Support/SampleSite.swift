import Foundation
import GazetteKit

/// The sample content read, parsed and rendered in memory once for all tests that need it.
enum SampleSite {
    static let prepared: SiteBuilder.Prepared = {
        let options = SiteBuilder.Options(
            content: Samples.content, templates: Samples.templates,
            output: FileManager.default.temporaryDirectory.appendingPathComponent("unused"), contentDisplayName: "Content")
        return try! SiteBuilder(options: options).prepare()
    }()

    /// Every page of the sample site, made once.
    static let pages: [SiteRenderer.Page] = try! prepared.renderPages()

    static func document(_ id: String) -> PublishedDocument? {
        prepared.site.documents.first { $0.document.id == id }
    }

    static func page(_ path: String) -> String? {
        pages.first { $0.path == path }?.html
    }
}
