public import Foundation

/// Crawls a built site and finds every internal link that leads nowhere: a page that is not there, or an
/// anchor (`#article-5`, `#L120`) that the page does not have. Links to other sites are not followed.
public struct LinkChecker: Sendable {
    public struct BrokenLink: Sendable, Hashable, CustomStringConvertible {
        /// The page that links, relative to the site's root.
        public var page: String
        public var link: String
        public var reason: String

        public var description: String { "\(page): broken link \(link): \(reason)" }
    }

    public struct Result: Sendable {
        public var pages = 0
        public var links = 0
        public var anchors = 0
        public var broken: [BrokenLink] = []
    }

    public var site: URL

    public init(site: URL) {
        self.site = site
    }

    public func check() throws -> Result {
        let pages = try htmlPages()
        var result = Result()
        result.pages = pages.count
        var idsByPage: [String: Set<String>] = [:]
        func ids(of page: String) throws -> Set<String> {
            if let known = idsByPage[page] { return known }
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let found = Set(Self.attributeValues("id", in: html))
            idsByPage[page] = found
            return found
        }
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            var targets = Self.attributeValues("href", in: html) + Self.attributeValues("src", in: html)
            targets += html.matches(of: Self.refresh).map { String($0.1) }
            for link in targets {
                let decoded = Self.unescape(link)
                guard !Self.isExternal(decoded) else { continue }
                result.links += 1
                var path = decoded
                var fragment: String?
                if let hash = path.firstIndex(of: "#") {
                    fragment = String(path[path.index(after: hash)...]).removingPercentEncoding
                    path = String(path[..<hash])
                }
                if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
                let target: String
                if path.isEmpty {
                    target = page
                } else {
                    guard let resolved = Self.resolve(path.removingPercentEncoding ?? path, from: page) else {
                        result.broken.append(.init(page: page, link: link, reason: "leads outside the site"))
                        continue
                    }
                    target = resolved
                }
                var isFolder: ObjCBool = false
                let file = site.appendingPathComponent(target)
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else {
                    result.broken.append(.init(page: page, link: link, reason: "no file \(target)"))
                    continue
                }
                let targetPage = isFolder.boolValue ? target + (target.hasSuffix("/") ? "" : "/") + "index.html" : target
                guard let fragment, !fragment.isEmpty, targetPage.hasSuffix(".html") else { continue }
                result.anchors += 1
                if !(try ids(of: targetPage)).contains(fragment) {
                    result.broken.append(.init(page: page, link: link, reason: "\(targetPage) has no id \"\(fragment)\""))
                }
            }
        }
        return result
    }

    private func htmlPages() throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: site.path) else {
            throw SourceError("no site to check", at: SourceLocation(file: site.path, line: 0))
        }
        var pages: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".html") { pages.append(path) }
        return pages.sorted()
    }

    /// A path relative to `page`, as a path from the site's root; nil when it climbs out of the site.
    static func resolve(_ path: String, from page: String) -> String? {
        var parts = path.hasPrefix("/") ? [] : page.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }

    static func isExternal(_ link: String) -> Bool {
        if link.hasPrefix("//") { return true }
        guard let colon = link.firstIndex(of: ":") else { return false }
        return !link[..<colon].contains { $0 == "/" || $0 == "#" || $0 == "?" }
    }

    static func attributeValues(_ name: String, in html: String) -> [String] {
        let pattern = " \(name)=\""
        var values: [String] = []
        var rest = html[...]
        while let range = rest.range(of: pattern) {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
        return values
    }

    /// Undoes the HTML escapes an attribute value may hold.
    static func unescape(_ value: String) -> String {
        guard value.containsText("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    nonisolated(unsafe) private static let refresh = /http-equiv="refresh" content="[0-9]+;\s*url=([^"]+)"/
}
