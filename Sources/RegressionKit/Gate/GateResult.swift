/// The gate's decision with everything a report shows about it.
public struct GateResult: Sendable, Equatable {
    /// The overall verdict: the most severe of the overall metric and the steps.
    public var verdict: Verdict
    /// The policy's name, e.g. `thresholds`.
    public var policy: String
    /// The baseline version's totals.
    public var baseline: VersionSummary
    /// The candidate version's totals.
    public var candidate: VersionSummary
    /// Change of the overall failure rate, candidate minus baseline, in percentage points (positive is worse).
    public var deltaPP: Double
    /// The step whose failure rate rose most (or fell least); nil when the candidate has no steps.
    public var worstStep: String?
    /// That step's change, in percentage points.
    public var worstStepDeltaPP: Double?
    /// Every step of either side: the candidate's in log order, then steps only the baseline ran.
    public var steps: [StepComparison]
    /// Why the verdict is what it is, as values, most important first (`reasons` phrases them).
    public var explanation: [GateReason]
    /// The overall metric's statistical evidence (`statistical` policy), else nil.
    public var overallEvidence: FailureRateEvidence?
    /// The overall metric's own verdict, when the gate's verdict may come from elsewhere (a step, latency).
    public var overallVerdict: Verdict?
    /// The one-sided significance level the verdict was taken at (`statistical` policy), else nil.
    public var alpha: Double?
    /// How many failure-rate tests form the family the p-values were adjusted over, else nil.
    public var familySize: Int?
    /// Cases that newly fail or were fixed, when the versions ran the same cases.
    public var caseChanges: CaseChanges?
    /// How the policy's must-pass cases fared, when it names any.
    package var mustPass: MustPassOutcome?
    /// The policy's quarantined cases, active or expired, when it names any.
    package var quarantined: [QuarantinedCase] = []
    /// Tokens per step compared, and the cost when the policy prices models.
    package var tokens: TokenComparison?

    /// Creates a result; policies build these.
    init(verdict: Verdict, policy: String, baseline: VersionSummary, candidate: VersionSummary,
                deltaPP: Double, worstStep: String?, worstStepDeltaPP: Double?, steps: [StepComparison], explanation: [GateReason]) {
        self.verdict = verdict
        self.policy = policy
        self.baseline = baseline
        self.candidate = candidate
        self.deltaPP = deltaPP
        self.worstStep = worstStep
        self.worstStepDeltaPP = worstStepDeltaPP
        self.steps = steps
        self.explanation = explanation
    }
}

/// One version's totals as a report shows them.
public struct VersionSummary: Sendable, Equatable {
    /// The `prompt_version`.
    public var version: String
    /// Distinct runs.
    public var runs: Int
    /// Runs with any failed step.
    public var failedRuns: Int
    /// Step records.
    public var steps: Int
    /// Failed step records.
    public var failed: Int
    /// The counts the policy judges: step records for `thresholds`, runs for `statistical`.
    public var judged: StepCounts

    /// Summarizes `stats`, judged by `judged` (its failed out of its total).
    init(_ stats: VersionStats, judged: StepCounts) {
        version = stats.version
        runs = stats.runs
        failedRuns = stats.failedRuns
        steps = stats.totalSteps
        failed = stats.failedSteps
        self.judged = judged
    }

    /// The failure rate the policy judges, 0...1 (`thresholds`: failed steps / steps; `statistical`: failed runs / runs).
    public var failureRate: Double { judged.rate }

    /// Failed runs / runs, 0...1.
    public var runFailureRate: Double { runs == 0 ? 0 : Double(failedRuns) / Double(runs) }
    /// Failed step records / step records, 0...1.
    public var stepFailureRate: Double { steps == 0 ? 0 : Double(failed) / Double(steps) }
}

/// One step compared across the two versions.
public struct StepComparison: Sendable, Equatable {
    /// Which sides ran the step.
    public enum Presence: String, Sendable, Equatable {
        /// Both versions ran it.
        case both
        /// Only the baseline ran it: the candidate never reached or dropped it.
        case baselineOnly = "baseline_only"
        /// Only the candidate ran it: a new step.
        case candidateOnly = "candidate_only"
    }

    /// The step's name.
    public var step: String
    /// Which sides ran it.
    public var presence: Presence
    /// Baseline counts, nil when the baseline did not run the step.
    public var baseline: StepCounts?
    /// Candidate counts, nil when the candidate did not run the step.
    public var candidate: StepCounts?
    /// Candidate rate minus baseline rate in percentage points; nil unless both ran it.
    public var deltaPP: Double?
    /// The step's own verdict.
    public var verdict: Verdict
    /// Why the verdict needs a word, when it does (a maximum exceeded, a missing side; reports phrase it).
    public var remark: StepRemark?
    /// The failure-rate evidence (`statistical` policy); nil for a step whose rate is the overall rate's, or one side missing.
    public var evidence: FailureRateEvidence?
    /// The latency comparison (`statistical` policy), when both sides logged latencies.
    public var latency: LatencyEvidence?

    /// Creates a comparison; policies build these.
    init(step: String, presence: Presence, baseline: StepCounts?, candidate: StepCounts?,
                deltaPP: Double?, verdict: Verdict, remark: StepRemark? = nil) {
        self.step = step
        self.presence = presence
        self.baseline = baseline
        self.candidate = candidate
        self.deltaPP = deltaPP
        self.verdict = verdict
        self.remark = remark
    }
}

/// A failure count out of a total.
public struct StepCounts: Sendable, Equatable {
    /// Executions (step records, or runs for run-level metrics).
    public var total: Int
    /// Failed executions.
    public var failed: Int

    /// Creates counts.
    init(total: Int, failed: Int) {
        self.total = total
        self.failed = failed
    }

    /// failed / total, 0...1 (0 when total is 0).
    public var rate: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}
