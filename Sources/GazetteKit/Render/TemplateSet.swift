public import Foundation
import Mustache

/// The Mustache templates of a site, loaded from the templates folder.
///
/// `document.md` renders a document to Markdown; `layout.html` wraps every page; `home.html`,
/// `issue.html` and `source.html` render the other pages' content; `anchor.html` is the link each part
/// of a document carries to itself; `redirect.html` the page left at an address that moved; `csp.html`
/// the Content Security Policy every page declares; `number.html` the look-up by 发文字号; `search.html`
/// the search page; `404.html` the page for a missing address; `sitemap.xml`, `feed.xml` (Atom) and
/// `robots.txt` the files for machines.
public struct TemplateSet: Sendable {
    /// Every template a site needs, by its file name without `.mustache`; a set lacking one is not loaded.
    enum Name: String, CaseIterable, Sendable {
        case layout = "layout.html", home = "home.html", issue = "issue.html", document = "document.md"
        case source = "source.html", anchor = "anchor.html", redirect = "redirect.html", csp = "csp.html"
        case number = "number.html", search = "search.html", notFound = "404.html", sitemap = "sitemap.xml"
        case feed = "feed.xml", robots = "robots.txt"
    }

    static let required = Name.allCases.map(\.rawValue)

    let library: MustacheLibrary
    public let folder: URL
    /// A fingerprint of every template's name and text: pages made with the same one are made the same way.
    public let fingerprint: ContentFingerprint

    public init(folder: URL, displayName: String) throws {
        self.folder = folder
        for name in Self.required where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).mustache").path) {
            throw SourceError("missing template \(name).mustache", at: SourceLocation(file: "\(displayName)/\(name).mustache", line: 0))
        }
        MustacheContentTypes.register(ValueEscaping(), named: ValueEscaping.name)
        var library = MustacheLibrary()
        var texts: [String] = []
        for name in Self.required {
            let path = folder.appendingPathComponent("\(name).mustache")
            let text = try String(contentsOf: path, encoding: .utf8)
            texts += [name, text]
            do {
                library.register(try MustacheTemplate(string: ValueEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber - ValueEscaping.pragmaLines
                let location = SourceLocation(file: "\(displayName)/\(name).mustache", line: max(1, line))
                throw SourceError("template error: \(error.error)", at: location)
            }
        }
        self.library = library
        fingerprint = ContentFingerprint(text: texts.joined(separator: "\u{0}"))
    }

    /// How `{{name}}` escapes values: as Mustache's own HTML escape does (``HTMLEscaper/escapeTemplateValue(_:)``),
    /// on bytes. The library escapes with its own unless a template names another content type, so every template
    /// starts with this one's pragma on a line of its own, which renders nothing; a template that names a content
    /// type itself (`{{% CONTENT_TYPE: TEXT}}`) still has it from there on.
    struct ValueEscaping: MustacheContentType {
        static let name = "GAZETTE_HTML"
        static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
        static let pragmaLines = 1

        func escapeText(_ text: String) -> String {
            HTMLEscaper.escapeTemplateValue(text)
        }
    }

    /// Renders template `name`, which the set holds: every name was checked when the set was loaded.
    func render(_ context: [String: Any], with name: Name) -> String {
        guard let text = library.render(context, withTemplate: name.rawValue) else {
            preconditionFailure("template \(name.rawValue) was checked when the set was loaded")
        }
        return text
    }
}
