import Foundation

/// Told when the work on a source starts and ends: what was started and never finished when a build crashed
/// names the sources to suspect.
public struct SourceProgress: Sendable {
    public var started: @Sendable (String) -> Void
    public var finished: @Sendable (String) -> Void

    public init(started: @escaping @Sendable (String) -> Void, finished: @escaping @Sendable (String) -> Void) {
        self.started = started
        self.finished = finished
    }
}

/// A way for the tests to make the parser crash, as a bug in it would: when the environment variable
/// `GAZETTE_TEST_CRASH_MARKER` is set, a source whose text contains its value stops the process with a trap.
/// Only the tests of crash isolation set it.
enum CrashTestHook {
    static let marker: String? = {
        guard let value = ProcessInfo.processInfo.environment["GAZETTE_TEST_CRASH_MARKER"], !value.isEmpty else { return nil }
        return value
    }()

    static func crashIfMarked(_ text: String) {
        if let marker, text.contains(marker) { fatalError("crash forced by GAZETTE_TEST_CRASH_MARKER") }
    }
}
