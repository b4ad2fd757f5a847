import Foundation
@testable import GazetteKit
import Synchronization
import Testing

/// A rebuild keeps the pages whose inputs did not change, and makes again every page that shows something that did:
/// a document named by another, a neighbour in its issue, the site's settings.
@Suite struct PageInputsTests {
    /// The sample site as prepared by a build with a cache (which gives every source its parse key).
    static func prepared() throws -> (SiteBuilder.Prepared, TemporaryFolder) {
        let folder = try TemporaryFolder()
        var options = SiteBuilder.Options(content: Samples.content, templates: Samples.templates,
                                          output: folder.url.appendingPathComponent("Output"))
        options.outputCache = folder.url.appendingPathComponent("cache")
        return (try SiteBuilder(options: options).prepare(), folder)
    }

    /// Renders `site` keeping every page the last inputs allow; returns the paths of the pages made.
    static func made(
        _ renderer: SiteRenderer, _ site: Site, last: SiteRenderer.PageInputs
    ) throws -> (Set<String>, SiteRenderer.Rendered) {
        let made = Mutex<Set<String>>([])
        let rendered = try renderer.render(site, reusing: .init(previous: last, keep: { _ in true })) { page in
            _ = made.withLock { $0.insert(page.path) }
        }
        return (made.withLock { $0 }, rendered)
    }

    @Test func pagesWhoseInputsDidNotChangeAreKeptAndTheOthersMadeAgain() throws {
        let (prepared, folder) = try Self.prepared()
        defer { folder.remove() }
        let site = prepared.site, renderer = prepared.renderer
        let first = try renderer.render(site) { _ in }
        #expect(first.kept == 0)
        #expect(first.inputs.pages.count == site.issues.count + site.documents.count + site.sources.count)

        // Nothing changed: every page of an issue, a document or a source is kept; the few site-wide ones are made.
        let (made, again) = try Self.made(renderer, site, last: first.inputs)
        #expect(again.kept == first.inputs.pages.count)
        #expect(again.inputs == first.inputs)
        #expect(made.allSatisfy { !$0.hasPrefix("documents/") && !$0.hasPrefix("sources/") && !$0.hasPrefix("gazettes/") })
        #expect(made.contains("index.html"))

        // A document named by another (cited, citing, related, a copy) gets a new title (as if its source changed):
        // the page that names it, its neighbours in its issue, its issue's page and its source's page are made again.
        func named(_ document: PublishedDocument) -> [String] {
            let links = document.document.links
            return (links.citations.compactMap(\.target) + links.citedBy + links.related + links.copies
                + [links.copyOf, links.repealedBy].compactMap { $0 }).filter { $0 != document.document.id }
        }
        let inIssues = Set(site.issues.flatMap { $0.issue.documents.map(\.id) })
        let citing = try #require(site.documents.first { named($0).contains(where: inIssues.contains) })
        let citedID = try #require(named(citing).first(where: inIssues.contains))
        var changed = site
        changed.summaries[citedID]?.title += "（修订）"
        let issueIndex = try #require(changed.issues.firstIndex { $0.issue.documents.contains { $0.id == citedID } })
        let position = try #require(changed.issues[issueIndex].issue.documents.firstIndex { $0.id == citedID })
        changed.issues[issueIndex].issue.documents[position].title += "（修订）"
        let (remade, _) = try Self.made(renderer, changed, last: first.inputs)
        #expect(remade.contains(citing.path), "the page that names the document shows its title")
        let issue = changed.issues[issueIndex]
        #expect(remade.contains(issue.path))
        #expect(remade.contains(Site.sourcePath(for: issue.sourceRelativePath)))
        for neighbour in [position - 1, position + 1] where issue.issue.documents.indices.contains(neighbour) {
            #expect(remade.contains("documents/\(issue.issue.documents[neighbour].id)/index.html"))
        }
        let untouched = site.documents.filter { document in
            document.sourceRelativePath != issue.sourceRelativePath && !named(document).contains(citedID)
        }
        #expect(!untouched.isEmpty)
        #expect(untouched.allSatisfy { !remade.contains($0.path) }, "pages that do not show the title are kept")

        // Another gazette name (a setting) changes the masthead every page of its issues shows.
        var renamed = site
        renamed.issues[0].issue.masthead.gazette += "（新名）"
        let (renamedPages, _) = try Self.made(renderer, renamed, last: first.inputs)
        let ofIssue = renamed.issues[0].documents.map(\.path) + [renamed.issues[0].path]
        #expect(ofIssue.allSatisfy(renamedPages.contains))

        // The site's title is on every page: none is kept.
        var retitled = site
        retitled.title += "（测试）"
        let (_, all) = try Self.made(renderer, retitled, last: first.inputs)
        #expect(all.kept == 0)

        // Without parse keys (a build without a cache) nothing is kept.
        var unkeyed = site
        unkeyed.parseKeys = [:]
        let (_, none) = try Self.made(renderer, unkeyed, last: first.inputs)
        #expect(none.kept == 0 && none.inputs.pages.isEmpty)
    }
}
