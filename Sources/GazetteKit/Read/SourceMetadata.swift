public import Foundation

/// Facts about a source that its text does not print, read from an optional sidecar file
/// `NAME.json` beside `NAME.txt`. What the text does print is detected; the sidecar fills gaps
/// and overrides a misprint.
public struct SourceMetadata: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A whole gazette issue with masthead, table of contents and several documents.
        case issue
        /// One document (a plan, a set of rules) outside any issue.
        case document
    }

    public var kind: Kind?
    /// For documents: the stable address under `documents/` when the document has no 发文字号.
    public var slug: String?
    public var title: String?
    public var issuer: String?
    public var date: CalendarDate?
    public var docNumber: DocumentNumber?
    /// For issues: masthead facts.
    public var gazette: String?
    public var year: Int?
    public var issue: Int?
    public var totalIssue: Int?
    public var published: CalendarDate?
    /// Free text shown to readers under the title, e.g. where the copy comes from.
    public var note: String?

    public init() {}

    /// Reads a sidecar; a malformed one is an error naming the file.
    public static func load(from url: URL, displayPath: String) throws(SourceError) -> SourceMetadata {
        do {
            let data = try Data(contentsOf: url)
            let metadata = try JSONDecoder().decode(SourceMetadata.self, from: data)
            if let slug = metadata.slug, slug.utf8.count > maximumNameLength {
                throw SourceError("invalid metadata: slug is \(slug.utf8.count) bytes long; an address segment holds at most "
                                  + "\(maximumNameLength)", at: SourceLocation(file: displayPath, line: 1))
            }
            if let slug = metadata.slug, !isValidSlug(slug) {
                throw SourceError("invalid metadata: slug \"\(slug)\" must be one path segment without / \\ # ? % or spaces", at: SourceLocation(file: displayPath, line: 1))
            }
            return metadata
        } catch let error as SourceError {
            throw error
        } catch let error as DecodingError {
            throw SourceError("invalid metadata: \(ReadableError.describe(error))", at: SourceLocation(file: displayPath, line: 1))
        } catch {
            throw SourceError("cannot read metadata: \(ReadableError.describe(error))", at: SourceLocation(file: displayPath, line: 1))
        }
    }

    /// The longest name (in UTF-8 bytes) of a file or folder that becomes part of an address: the file system
    /// allows 255 bytes for a name, and the site adds `.html` or a suffix to some.
    public static let maximumNameLength = 200

    /// A slug is one segment of an address: no separators, nothing a URL would read specially.
    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug != "." && slug != ".." && !slug.contains { "/\\#?%".contains($0) || $0.isWhitespace }
    }

    /// The masthead the text prints, with the sidecar's facts filling gaps and taking precedence.
    func masthead(overriding detected: Masthead?) -> Masthead? {
        guard let gazette = gazette ?? detected?.gazette, let year = year ?? detected?.year,
              let number = issue ?? detected?.number
        else { return nil }
        return Masthead(gazette: gazette, year: year, number: number,
                        totalNumber: totalIssue ?? detected?.totalNumber, published: published ?? detected?.published)
    }
}
