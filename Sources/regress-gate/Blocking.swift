import Dispatch
import Foundation

/// Runs `operation` on the concurrency runtime and waits for its result on the calling thread.
///
/// The tool's entry point is synchronous so that commands that only read files never start the
/// concurrency runtime (a faster start, and profilers such as valgrind can run them); `alert`,
/// the one command that waits on the network, goes through here.
func waitFor<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
        box.value = await operation()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// The result slot `waitFor` hands from the task to the waiting thread; the semaphore orders
/// the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
