/// What one step of one version did: counts, error types and latency.
public struct StepStats: Sendable, Equatable {
    /// Records of this step (executions, retries included).
    public var total = 0
    /// Records of this step with `success: false`.
    public var failed = 0
    /// Runs that reached this step at least once.
    public var runs = 0
    /// Runs in which this step failed at least once.
    public var failedRuns = 0
    /// Failed records per error type; a failure with no error type counts under `"unknown"`.
    public var errorTypes: [String: Int] = [:]
    /// Latency of the step's records, in ms.
    var latency = DDSketch()
    /// Token counts of the step's records that carry one above 0 (0 means unknown).
    var tokens = DDSketch()
    /// Records and tokens per `model_name` (records without one are not counted here).
    package var models: [String: ModelUse] = [:]
    /// Per-case outcomes at this step: runs of the case that reached it, and runs in which it failed.
    var cases: [String: CaseOutcome] = [:]

    /// Creates empty statistics.
    init() {}

    /// Failed records / records, 0...1: failure-forensics' per-step `rate` (0 when there are none).
    public var failureRate: Double { total == 0 ? 0 : Double(failed) / Double(total) }

    /// Median latency in ms (within 1 %), nil when no record had a latency.
    public var latencyP50MS: Double? { latency.quantile(0.50) }

    /// 95th-percentile latency in ms (within 1 %), nil when no record had a latency.
    public var latencyP95MS: Double? { latency.quantile(0.95) }

    /// Adds `other`'s counts (of disjoint runs) to these.
    mutating func merge(_ other: StepStats) {
        total += other.total
        failed += other.failed
        runs += other.runs
        failedRuns += other.failedRuns
        errorTypes.merge(other.errorTypes, uniquingKeysWith: +)
        latency.merge(other.latency)
        tokens.merge(other.tokens)
        models.merge(other.models) { var u = $0; u.add($1); return u }
        cases.merge(other.cases) { CaseOutcome(runs: $0.runs + $1.runs, failures: $0.failures + $1.failures) }
    }
}

/// How much one model served a step: its records, and the tokens they used (0 when unknown).
package struct ModelUse: Sendable, Equatable {
    package var records = 0
    package var tokens = 0

    mutating func add(_ other: ModelUse) {
        records += other.records
        tokens += other.tokens
    }
}
