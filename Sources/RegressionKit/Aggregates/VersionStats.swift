/// How one test case (a query, or a `case_id`) fared in one version.
package struct CaseOutcome: Sendable, Equatable {
    /// Runs of this case.
    var runs: Int
    /// Runs of this case in which any step failed.
    var failures: Int

    /// Creates an outcome of `failures` failed runs out of `runs`.
    init(runs: Int, failures: Int) {
        self.runs = runs
        self.failures = failures
    }

    /// Adds `other`'s runs and failures (the same case counted in two places).
    mutating func add(_ other: CaseOutcome) {
        runs += other.runs
        failures += other.failures
    }
}

/// Everything the gate needs to know about one version: counts per run, step and case.
///
/// Two failure rates are kept, both 0...1: `stepFailureRate` (failed step records / step
/// records, failure-forensics' figure) and `runFailureRate` (runs with any failed step / runs).
public struct VersionStats: Sendable, Equatable {
    /// The `prompt_version` these statistics describe.
    public var version: String
    /// Step records.
    public var totalSteps = 0
    /// Step records with `success: false`.
    public var failedSteps = 0
    /// Distinct run ids.
    public var runs = 0
    /// Runs with at least one failed step.
    public var failedRuns = 0
    /// Per-step statistics by step name.
    public var steps: [String: StepStats] = [:]
    /// Step names in the order they first appear in the logs.
    public var stepOrder: [String] = []
    /// Per-case outcomes by case key (`case_id`, else `input_summary`); runs without a key are not listed.
    package var cases: [String: CaseOutcome] = [:]
    /// Earliest `timestamp` seen, as written (ISO 8601 strings compare in time order for one offset); nil when no record had one.
    public var firstTimestamp: String?
    /// Latest `timestamp` seen, as written; nil when no record had one.
    public var lastTimestamp: String?

    /// Creates empty statistics for `version`.
    init(version: String) { self.version = version }

    /// Failed step records / step records, 0...1 (failure-forensics' `failure_rate`, unrounded).
    public var stepFailureRate: Double { totalSteps == 0 ? 0 : Double(failedSteps) / Double(totalSteps) }

    /// Failed runs / runs, 0...1.
    public var runFailureRate: Double { runs == 0 ? 0 : Double(failedRuns) / Double(runs) }
}
