public import Foundation

/// Refuses an output folder whose replacement would delete what the site is built from.
///
/// The build replaces the output folder as a whole, so it may not be, contain, or lie inside the content or
/// templates folder, and may not be or contain the project's folder (the current folder, with its `.git`).
/// Paths are compared as the file system resolves them: `.`, `..` and symbolic links included.
public enum OutputFolderCheck {
    /// A folder the output must keep clear of, with the name the user gave it.
    public struct Protected: Sendable {
        public var url: URL
        public var displayName: String
        /// Whether the output may lie inside it (true for the project's folder, where `Output/` usually is).
        public var mayContainOutput: Bool

        public init(url: URL, displayName: String, mayContainOutput: Bool = false) {
            self.url = url
            self.displayName = displayName
            self.mayContainOutput = mayContainOutput
        }
    }

    /// Throws an error naming the output and the folder it would delete or write into.
    public static func check(output: URL, outputDisplayName: String, protecting folders: [Protected]) throws(SourceError) {
        let target = output.resolvedPath
        for folder in folders {
            let protected = folder.url.resolvedPath
            let relation: String
            if target == protected {
                relation = "is"
            } else if isInside(protected, target) {
                relation = "contains"
            } else if !folder.mayContainOutput, isInside(target, protected) {
                relation = "lies inside"
            } else {
                continue
            }
            throw SourceError(
                "the output folder \(outputDisplayName) (\(target)) \(relation) the \(folder.displayName) (\(protected)); "
                    + "the build replaces its output folder as a whole, so choose another --output",
                at: SourceLocation(file: outputDisplayName, line: 0))
        }
    }

    static func isInside(_ path: String, _ folder: String) -> Bool { URL.isPath(path, inside: folder) }
}
