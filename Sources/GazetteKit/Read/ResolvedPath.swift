public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension URL {
    /// The absolute path with every symbolic link, `.` and `..` resolved; the part that does not exist yet is
    /// appended to the resolved part that does.
    public var resolvedPath: String {
        var components = standardizedFileURL.path.split(separator: "/").map(String.init)
        var missing: [String] = []
        while true {
            let path = "/" + components.joined(separator: "/")
            if let resolved = realpath(path, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                guard !missing.isEmpty else { return base }
                return (base == "/" ? "" : base) + "/" + missing.reversed().joined(separator: "/")
            }
            guard let last = components.popLast() else { return path }
            missing.append(last)
        }
    }

    /// Whether the resolved `path` lies strictly inside the resolved `folder`.
    public static func isPath(_ path: String, inside folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) && path != folder
    }
}
