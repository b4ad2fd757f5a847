public import Foundation

/// One source file of the content folder, decoded, with its sidecar metadata.
public struct Source: Sendable {
    /// Path inside the content folder, with `/`: `gazettes/wulong/2022-03.txt`.
    public var relativePath: String
    /// Path as printed in diagnostics: `Content/gazettes/wulong/2022-03.txt`.
    public var displayPath: String
    public var kind: SourceMetadata.Kind
    /// The decoded text exactly as it arrived (before any repair).
    public var text: String
    public var metadata: SourceMetadata
    /// The file it was read from.
    public var file: URL
    /// The fingerprint of `text`, made once.
    public let textFingerprint: ContentFingerprint

    public init(relativePath: String, displayPath: String, kind: SourceMetadata.Kind, text: String,
                metadata: SourceMetadata, file: URL) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.kind = kind
        self.text = text
        self.metadata = metadata
        self.file = file
        textFingerprint = ContentFingerprint(text: text)
    }

    /// The file name without its extension, made safe for an address: `2022-03`.
    public var stem: String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        let stem = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
        return String(stem.map { "#?%\\".contains($0) || $0.isWhitespace ? "-" : $0 })
    }

    /// For an issue under `gazettes/NAME/`, NAME: the gazette's address.
    public var gazetteSlug: String? {
        let parts = relativePath.split(separator: "/")
        return parts.count >= 3 && parts[0] == "gazettes" ? String(parts[1]) : nil
    }
}
