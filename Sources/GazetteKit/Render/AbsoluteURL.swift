import Foundation

/// Absolute addresses, from the base URL of `gazette.toml`: only where a format requires them (sitemap, feeds,
/// canonical links, Open Graph, JSON-LD). Links between pages stay relative (``RelativeURL``).
enum AbsoluteURL {
    /// `documents/x/index.html` → `https://example.org/documents/x/`; nil without a base URL.
    static func page(_ path: String, in site: Site) -> String? {
        guard let base = site.configuration.baseURL else { return nil }
        var path = path
        if path == "index.html" {
            path = ""
        } else if path.hasSuffix("/index.html") {
            path.removeLast("index.html".count)
        }
        return base + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    }

    /// The path part of the base URL, `/archive/`: where a page served at any depth (404.html) finds the site.
    static func rootPath(in site: Site) -> String? {
        guard let base = site.configuration.baseURL, let components = URLComponents(string: base) else { return nil }
        return components.path.isEmpty ? "/" : components.path
    }
}
