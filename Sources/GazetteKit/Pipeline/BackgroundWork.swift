import Dispatch
import Synchronization

/// Work started on another thread at once, whose result is waited for where it is needed: reading and writing the
/// build cache's records while the steps that do not need them run on one core (a one-issue rebuild spent most of
/// its time on one of the two cores). What the work throws is thrown where its result is asked for.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            finished.signal()
        }
    }

    /// Waits for the work to finish and returns its result (each time it is asked).
    func value() throws -> Value {
        finished.wait()
        finished.signal()
        return try result.withLock { $0! }.get()
    }
}
