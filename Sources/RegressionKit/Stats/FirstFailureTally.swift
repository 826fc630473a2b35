/// Why runs failed, counted the simple way: for each failed run, the step that failed first
/// (in log order) and its error type.
///
/// A minimal tally for the reports; the Forensics module owns root-cause categories and
/// recommendations. Memory grows with the number of failed runs (their ids), not records.
///
/// ```swift
/// var tally = FirstFailureTally()
/// records.forEach { tally.add($0) }
/// tally.causes.first   // (step: "citation", errorType: "no_citation", runs: 41)
/// ```
public struct FirstFailureTally: Sendable, Equatable {
    /// A first failure and how many runs it ended.
    public struct Cause: Sendable, Equatable {
        /// The step that failed first in the run.
        public var step: String
        /// Its error type; `unknown` when the record named none.
        public var errorType: String
        /// Failed runs whose first failure this was.
        public var runs: Int
    }

    private var failedRuns: Set<String> = []
    private var counts: [Key: Int] = [:]
    private struct Key: Hashable, Sendable { var step: String; var errorType: String }

    /// An empty tally.
    public init() {}

    /// Counts `record` when it is the first failed step of its run.
    public mutating func add(_ record: StepRecord) {
        guard !record.success, failedRuns.insert(record.runID).inserted else { return }
        counts[Key(step: record.stepName, errorType: record.normalizedErrorType ?? "unknown"), default: 0] += 1
    }

    /// Runs with a failed step.
    public var failedRunCount: Int { failedRuns.count }

    /// Every (step, error type) that ended a run first, most runs first (ties by step, then error type).
    public var causes: [Cause] {
        counts.map { Cause(step: $0.key.step, errorType: $0.key.errorType, runs: $0.value) }
            .sorted { ($1.runs, $0.step, $0.errorType) < ($0.runs, $1.step, $1.errorType) }
    }
}
