import Foundation

/// Told when the work on a source starts and ends, and which line of it the parser has reached: what was started
/// and never finished when a build crashed names the sources to suspect, and the last line reached names the
/// document.
public struct SourceProgress: Sendable {
    public var started: @Sendable (String) -> Void
    public var finished: @Sendable (String) -> Void
    /// The source (by relative path) and the first line of the document the parser starts on: told before each
    /// document, so that a crash in it can be reported at that line.
    public var reached: @Sendable (String, Int) -> Void

    public init(started: @escaping @Sendable (String) -> Void, finished: @escaping @Sendable (String) -> Void,
                reached: @escaping @Sendable (String, Int) -> Void = { _, _ in }) {
        self.started = started
        self.finished = finished
        self.reached = reached
    }
}

/// A way for the tests to make the parser crash, as a bug in it would: when the environment variable
/// `GAZETTE_TEST_CRASH_MARKER` is set, a document whose text contains its value stops the process with a trap when
/// the parser starts on it. Only the tests of crash isolation set it; no text can trigger it without the variable.
enum CrashTestHook {
    static let marker: String? = {
        guard let value = ProcessInfo.processInfo.environment["GAZETTE_TEST_CRASH_MARKER"], !value.isEmpty else { return nil }
        return value
    }()

    static func crashIfMarked(_ lines: [SourceLine]) {
        guard let marker else { return }
        if lines.contains(where: { $0.text.contains(marker) }) { fatalError("crash forced by GAZETTE_TEST_CRASH_MARKER") }
    }
}
