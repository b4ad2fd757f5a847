import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Says in words what went wrong with a file, instead of `NSCocoaErrorDomain error 256`.
public enum ReadableError {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let error as SourceError:
            return error.diagnostic.message
        case let error as DecodingError:
            return describe(error)
        default:
            let error = error as NSError
            // Foundation wraps the system's reason (`Is a directory`, `Permission denied`) in a generic error.
            if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error,
               (underlying as NSError).domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32((underlying as NSError).code))).lowercased()
            }
            if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))).lowercased() }
            switch CocoaError.Code(rawValue: error.code) {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission: return "permission denied"
            case .fileReadCorruptFile: return "the data is not valid JSON"
            case .fileReadTooLarge: return "the file is too large"
            default: return error.localizedDescription
            }
        }
    }

    /// `slug: Expected to decode String but found a number instead.`
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            var reason = context.debugDescription
            if let underlying = context.underlyingError as NSError?,
               let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                reason += " (\(detail))"
            }
            return path.isEmpty ? reason : "\(path): \(reason)"
        @unknown default:
            return "\(error)"
        }
    }
}
