import Foundation

/// Work started on a thread of its own, whose value is waited for later: the gate decodes its
/// baseline while it merges and counts what it read, which leaves the other cores idle.
///
/// ```swift
/// let decoding = BackgroundWork { try BaselineSnapshot(jsonBytes: bytes, path: path) }
/// // ... other work
/// let baseline = try decoding.value()
/// ```
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?   // written once, before `done` is signalled
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            result = Result { try work() }
            done.signal()
        }.start()
    }

    /// Waits for the work to end; returns its value or throws its error.
    func value() throws -> Value {
        done.wait()
        done.signal()   // so that a later call returns at once
        return try result!.get()
    }
}
