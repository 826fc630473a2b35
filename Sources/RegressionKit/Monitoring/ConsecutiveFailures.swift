/// Tracks, per step, whether its last `count` records all failed: failure-forensics' "N
/// consecutive failures" alert rule (`alerts.check_consecutive_failures`), kept as a stream.
///
/// Memory is `count` flags per step name.
/// ```swift
/// var tracker = ConsecutiveFailures(count: 3)
/// records.forEach { tracker.add($0) }
/// tracker.failingSteps   // ["citation"] when citation's last 3 records failed
/// ```
struct ConsecutiveFailures: Sendable, Equatable {
    /// How many failures in a row raise the alert.
    var count: Int
    private var recent: [String: [Bool]] = [:]
    private var order: [String] = []

    /// Tracks runs of `count` (at least 1) failures.
    init(count: Int = 3) { self.count = max(1, count) }

    /// Adds a record, in log order.
    mutating func add(_ record: StepRecord) {
        if recent[record.stepName] == nil { order.append(record.stepName) }
        var flags = recent[record.stepName] ?? []
        flags.append(record.success)
        if flags.count > count { flags.removeFirst(flags.count - count) }
        recent[record.stepName] = flags
    }

    /// Steps whose last `count` records all failed, in order of first appearance.
    var failingSteps: [String] {
        order.filter { step in
            let flags = recent[step]!
            return flags.count == count && flags.allSatisfy { !$0 }
        }
    }
}
