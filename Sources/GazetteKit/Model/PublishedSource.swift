public import Foundation

/// A source as the site knows it once parsed: where it lies and what its text was. The text itself, the largest
/// thing a build reads, is not held: the pages that show it read it again (``text()``), and it must be what was
/// parsed.
public struct PublishedSource: Sendable {
    /// Path inside the content folder, with `/`: `gazettes/wulong/2022-03.txt`.
    public var relativePath: String
    /// Path as printed in diagnostics: `Content/gazettes/wulong/2022-03.txt`.
    public var displayPath: String
    /// The file it was read from.
    public var file: URL
    /// The size of its decoded text in UTF-8.
    public var textBytes: Int
    /// The fingerprint of the text that was parsed.
    public var textFingerprint: ContentFingerprint

    public init(relativePath: String, displayPath: String, file: URL, textBytes: Int,
                textFingerprint: ContentFingerprint) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.file = file
        self.textBytes = textBytes
        self.textFingerprint = textFingerprint
    }

    public init(_ source: Source) {
        relativePath = source.relativePath
        displayPath = source.displayPath
        file = source.file
        textBytes = source.text.utf8.count
        textFingerprint = source.textFingerprint
    }

    /// The decoded text, read from its file again; an error naming the file when the file can no longer be read or
    /// changed since it was parsed (its pages would not show what the site was made from).
    public func text() throws(SourceError) -> String {
        let location = SourceLocation(file: displayPath, line: 0)
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.bytes(at: file)
        } catch {
            throw SourceError("cannot read the source again for its pages: \(ReadableError.describe(error))",
                              at: location)
        }
        let text = try SourceTextDecoder.decode(bytes, file: displayPath).text
        guard ContentFingerprint(text: text) == textFingerprint else {
            throw SourceError("changed while the site was being built; build again", at: location)
        }
        return text
    }
}
