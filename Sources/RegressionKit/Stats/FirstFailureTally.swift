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

    /// Each failed run's first failure, by run id (failed runs only, so memory stays small).
    private var firstFailure: [ByteKey: Key] = [:]
    private struct Key: Hashable, Sendable { var step: String; var errorType: String }

    public init() {}

    /// Adds a record: the first failed record of each run counts.
    public mutating func add(_ record: StepRecord) {
        guard !record.success else { return }
        let run = ByteKey(record.runID)
        guard firstFailure[run] == nil else { return }
        firstFailure[run] = Key(step: record.stepName, errorType: record.normalizedErrorType ?? "unknown")
    }

    /// Adds a scanned record (the reader's fast path).
    mutating func add(_ raw: RawStepRecord) {
        guard !raw.success else { return }
        let run = ByteKey(raw, raw.runID)
        guard firstFailure[run] == nil else { return }
        let errorType = raw.errorType.flatMap { $0.isEmpty ? nil : raw.string($0) } ?? "unknown"
        firstFailure[run] = Key(step: raw.string(raw.stepName), errorType: errorType)
    }

    /// Adds `later`, gathered from records after these: a run already counted keeps its first failure.
    mutating func merge(_ later: FirstFailureTally) {
        firstFailure.merge(later.firstFailure) { earlier, _ in earlier }
    }

    /// Failed runs counted.
    public var failedRunCount: Int { firstFailure.count }

    private var counts: [Key: Int] {
        var counts: [Key: Int] = [:]
        for key in firstFailure.values { counts[key, default: 0] += 1 }
        return counts
    }

    public var causes: [Cause] {
        counts.map { Cause(step: $0.key.step, errorType: $0.key.errorType, runs: $0.value) }
            .sorted { ($1.runs, $0.step, $0.errorType) < ($0.runs, $1.step, $1.errorType) }
    }
}
