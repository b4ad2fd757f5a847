#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM
import Foundation

/// Renders GitHub-Flavoured Markdown to HTML with cmark-gfm.
///
/// Tables, autolinks, strikethrough and the tag filter are enabled; quotes are left alone (no
/// `CMARK_OPT_SMART`). Raw HTML is passed through (`CMARK_OPT_UNSAFE`): it comes only from the templates
/// and from the ids the renderer writes, because every piece of source text is escaped by
/// `MarkdownEscaper` before it reaches Markdown, so no `<` of a source can open a tag.
/// All C pointers stay inside this file. Every call owns its own parser, but
/// cmark-gfm 0.29.0.gfm.6 (Debian's) keeps the inline parser's special-character
/// table in a global that each parse with extensions writes to (github/cmark-gfm#176),
/// so parsing is serialised; rendering runs concurrently.
public enum CommonMarkConverter {
    /// The GFM extensions attached to every parser.
    private static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter"]

    /// Registers cmark-gfm's core extensions exactly once (lazy statics are thread-safe).
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Parser and renderer options: raw HTML of the templates and the renderer kept.
    private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE

    /// Serialises parsing, which races on cmark-gfm's global special-character table.
    private static let parseLock = NSLock()

    /// Converts GitHub-Flavoured Markdown to an HTML fragment. The Markdown is let go once cmark has read it,
    /// and cmark's tree and parser before the HTML is copied: for a huge document, Markdown, tree, C string
    /// and copy were all in memory at once.
    public static func html(fromMarkdown markdown: consuming String) -> String {
        _ = registered
        // cmark-gfm returns NULL only when it cannot allocate memory: like any allocation in Swift, that stops the
        // program (a build is then reported as crashed on the source being rendered), never an empty page.
        guard let parser = cmark_parser_new(options) else { preconditionFailure("cmark-gfm could not allocate a parser") }
        var parserFreed = false
        defer { if !parserFreed { cmark_parser_free(parser) } }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }

        parseLock.lock()
        let length = markdown.utf8.count
        markdown.withCString { cmark_parser_feed(parser, $0, length) }
        let parsed = cmark_parser_finish(parser)
        parseLock.unlock()
        _ = consume markdown
        guard let document = parsed else { preconditionFailure("cmark-gfm could not allocate a document tree") }
        let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))
        cmark_node_free(document)
        cmark_parser_free(parser)
        parserFreed = true
        guard let html else { preconditionFailure("cmark-gfm could not allocate the HTML") }
        defer { free(html) }
        return String(cString: html)
    }
}
