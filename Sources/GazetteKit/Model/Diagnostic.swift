/// A problem found in a source, tied to its file and line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// `Content/x.txt:12: error: reason`
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// An error that stops one source from being built; it names the file and line.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic

    public init(_ message: String, at location: SourceLocation) {
        diagnostic = .error(message, at: location)
    }

    public var description: String { diagnostic.description }
}
