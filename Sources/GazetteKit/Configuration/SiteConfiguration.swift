public import Foundation
import TOMLKit

/// The site's settings: `gazette.toml` at the top of the project, read with TOMLKit; the command line
/// overrides each of them. Without the file every setting has its default, and the site builds as before.
///
/// ```toml
/// title = "重庆市区县政府公报文库"
/// base_url = "https://gazette.example.org/"
/// language = "zh-CN"
/// description = "…"
///
/// [paths]
/// content = "Content"
/// templates = "Templates"
/// output = "Output"
/// ledger = "Content/addresses.tsv"
///
/// [gazettes.wulong]
/// name = "武隆区人民政府公报"
///
/// [serve]
/// port = 8000
///
/// [search]
/// batch_characters = 16000000
/// ```
///
/// A key the file does not know, a value of the wrong type, a base URL without a scheme, a path outside the
/// project and a file that is not TOML are errors naming the file, the line and the key.
public struct SiteConfiguration: Sendable, Equatable {
    public static let fileName = "gazette.toml"
    public static let defaultTitle = "政府公报文库"

    /// The site's name; nil leaves it to `site.json` (deprecated) or the default.
    public var title: String?
    /// Where the site is published, ending in `/`: `https://gazette.example.org/archive/`. Sitemaps, feeds,
    /// canonical links and Open Graph need absolute addresses; without a base URL they are left out.
    public var baseURL: String?
    /// The language of the pages (`<html lang>`, feeds, JSON-LD).
    public var language = "zh-CN"
    /// The home page's meta description; nil: the site's title.
    public var description: String?
    public var content = "Content"
    public var templates = "Templates"
    public var output = "Output"
    /// nil: `addresses.tsv` in the content folder.
    public var ledger: String?
    /// Display names of gazettes by their folder name, replacing the name the masthead prints.
    public var gazetteNames: [String: String] = [:]
    /// The loopback port `gazette serve` listens on.
    public var port = 8000
    /// About how many characters of text a batch of the search index holds (``SearchIndex/batchCharacters``): a
    /// build makes again only the batches whose documents changed, and a query reads every batch.
    public var searchBatchCharacters = SearchIndex.batchCharacters
    /// The line each key was set on (`gazettes.wulong`), for messages about what the file says.
    public var lines: [String: Int] = [:]

    public init() {}

    /// Reads `url`; named `displayName` in messages. Paths in it are relative to the file's folder, and may not
    /// lead outside it.
    public static func load(from url: URL, displayName: String) throws -> SiteConfiguration {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SourceError("cannot read the configuration: \(ReadableError.describe(error))", at: SourceLocation(file: displayName, line: 0))
        }
        return try parse(text, file: displayName, project: url.deletingLastPathComponent())
    }

    public static func parse(_ text: String, file: String, project: URL) throws -> SiteConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SourceError("not valid TOML: \(error.description)", at: SourceLocation(file: file, line: error.source.begin.line))
        }
        let lines = TOMLKeyLines(text)
        func fail(_ message: String, _ path: [String]) -> SourceError {
            SourceError("\(path.joined(separator: ".")): \(message)", at: SourceLocation(file: file, line: lines.line(of: path)))
        }
        func string(_ value: any TOMLValueConvertible, _ path: [String]) throws -> String {
            guard let string = value.string else { throw fail("expected a string, found \(value.type)", path) }
            guard !string.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("may not be empty", path) }
            return string
        }
        func subtable(_ value: any TOMLValueConvertible, _ path: [String]) throws -> TOMLTable {
            guard let table = value.table else { throw fail("expected a table, found \(value.type)", path) }
            return table
        }
        var configuration = SiteConfiguration()
        for key in table.keys.sorted() {
            let value = table[key]!
            switch key {
            case "title": configuration.title = try string(value, [key])
            case "description": configuration.description = try string(value, [key])
            case "language":
                let language = try string(value, [key])
                guard language.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) != nil else {
                    throw fail("\"\(language)\" is not a language tag such as zh-CN", [key])
                }
                configuration.language = language
            case "base_url":
                let base = try string(value, [key])
                guard let normalized = baseURL(base) else {
                    throw fail("\"\(base)\" is not an absolute http or https address such as https://gazette.example.org/", [key])
                }
                configuration.baseURL = normalized
            case "paths":
                let paths = try subtable(value, [key])
                for name in paths.keys.sorted() {
                    let path = try string(paths[name]!, [key, name])
                    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : project.appendingPathComponent(path)
                    guard URL.isPath(url.resolvedPath, inside: project.resolvedPath) else {
                        throw fail("\"\(path)\" lies outside the project folder \(project.path)", [key, name])
                    }
                    switch name {
                    case "content": configuration.content = path
                    case "templates": configuration.templates = path
                    case "output": configuration.output = path
                    case "ledger": configuration.ledger = path
                    default: throw fail("unknown key (known: content, templates, output, ledger)", [key, name])
                    }
                }
            case "gazettes":
                let gazettes = try subtable(value, [key])
                for slug in gazettes.keys.sorted() {
                    let gazette = try subtable(gazettes[slug]!, [key, slug])
                    configuration.lines["\(key).\(slug)"] = lines.line(of: [key, slug])
                    for name in gazette.keys.sorted() {
                        guard name == "name" else { throw fail("unknown key (known: name)", [key, slug, name]) }
                        configuration.gazetteNames[slug] = try string(gazette[name]!, [key, slug, name])
                    }
                }
            case "serve":
                let serve = try subtable(value, [key])
                for name in serve.keys.sorted() {
                    guard name == "port" else { throw fail("unknown key (known: port)", [key, name]) }
                    guard let port = serve[name]!.int, (1...65535).contains(port) else {
                        throw fail("expected a port number from 1 to 65535", [key, name])
                    }
                    configuration.port = port
                }
            case "search":
                let search = try subtable(value, [key])
                for name in search.keys.sorted() {
                    guard name == "batch_characters" else {
                        throw fail("unknown key (known: batch_characters)", [key, name])
                    }
                    guard let size = search[name]!.int, (1...1_000_000_000).contains(size) else {
                        throw fail("expected a number of characters from 1 to 1000000000", [key, name])
                    }
                    configuration.searchBatchCharacters = size
                }
            default:
                let known = "title, base_url, language, description, [paths], [gazettes.NAME], [serve], [search]"
                throw fail("unknown key (known: \(known))", [key])
            }
        }
        return configuration
    }

    /// `https://example.org/archive` → `https://example.org/archive/`; nil for anything that is not an absolute
    /// http(s) address with a host, or that carries a query or fragment.
    public static func baseURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}

/// The line each key of a TOML text is set on, read from the text itself (TOMLKit keeps no positions), so that a
/// message can name it: `[paths]` then `content = …` is `paths.content`.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var inMultilineString = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let quotes = line.components(separatedBy: "\"\"\"").count - 1 + line.components(separatedBy: "'''").count - 1
            defer { if quotes % 2 == 1 { inMultilineString.toggle() } }
            if inMultilineString || line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.keyPath(String(name))
                record(table, line: index + 1)
            } else if let equals = line.firstIndex(of: "=") {
                record(table + Self.keyPath(String(line[..<equals])), line: index + 1)
            }
        }
    }

    private mutating func record(_ path: [String], line: Int) {
        let key = path.joined(separator: "\u{1F}")
        if lines[key] == nil { lines[key] = line }
    }

    /// `a."b.c" . d` → `["a", "b.c", "d"]`.
    static func keyPath(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The line of `path`, or of the nearest enclosing key that has one; 1 when none has.
    func line(of path: [String]) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: "\u{1F}")] { return line }
            path.removeLast()
        }
        return 1
    }
}
