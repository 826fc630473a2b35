/// One reason for a gate's verdict, as values: what was found, with the numbers and the policy's
/// limits it was held against. The gate lists them most important first; reports phrase them
/// (`GateResult.reasons` in Reports gives the sentences).
public enum GateReason: Sendable, Equatable {
    /// `statistical`: a failure rate that did not pass: the overall run failure rate (`step` nil)
    /// or a step's, its evidence and verdict, and the policy's tolerance in percentage points.
    case failureRate(step: String?, evidence: FailureRateEvidence, verdict: Verdict, tolerancePP: Double)
    /// `statistical`: a step's latency that did not pass, and the policy's tolerance (0.10 is 10 %).
    case latency(step: String, evidence: LatencyEvidence, tolerance: Double)
    /// `statistical`: a step the baseline ran in `baselineRuns` runs and the candidate never ran:
    /// its failures cannot be judged, which is a WARNING.
    case stepNotRun(step: String, baselineRuns: Int)
    /// `statistical`: nothing rose beyond noise, and a rise of more than `ruleOutPP` percentage
    /// points is ruled out by each of `tests` tests at one-sided level `alpha`.
    case nothingRose(tests: Int, alpha: Double, ruleOutPP: Double)
    /// `thresholds`: the overall step failure rate changed by `deltaPP` percentage points, judged
    /// `verdict` against the policy's `regressionPP` and `warningPP`.
    case stepFailureRateChanged(deltaPP: Double, verdict: Verdict, regressionPP: Double, warningPP: Double)
    /// `thresholds`: a step the baseline ran `baselineRecords` times and the candidate never ran;
    /// failure-forensics' rule, which this policy follows, does not judge it.
    case stepNotJudged(step: String, baselineRecords: Int)
    /// `thresholds`: a step whose candidate failure rate (0...1) is above its maximum (0...1).
    case aboveMaximum(step: String, failureRate: Double, maximum: Double)
    /// Any policy: a must-pass case with `failedRuns` failed runs of `runs`, a regression whatever
    /// the statistics say.
    case mustPassFailed(case: String, runs: Int, failedRuns: Int)
    /// Any policy: a must-pass case the candidate never ran, a WARNING.
    case mustPassNotRun(case: String)
    /// Any policy with a per-case minimum: a case whose pass rate (0...1) fell below `minimum`
    /// in the candidate while the baseline's was not, a regression.
    case casePassRateBelow(case: String, baselinePassRate: Double, candidatePassRate: Double, minimum: Double)
    /// Any policy: a step's tokens per record rose by `ratio` (1.5 is 50 % more), with the
    /// ratio's lower bound, the adjusted p-value, the verdict and the tolerance (0.10 is 10 %).
    case tokens(step: String, ratio: Double, ratioLow: Double, adjustedPValue: Double, verdict: Verdict, tolerance: Double)
    /// Any policy: a quarantined case, left out of every test until `until` (`YYYY-MM-DD`), with
    /// the candidate's runs of it and how many failed; decides nothing.
    case quarantined(case: String, until: String, runs: Int, failedRuns: Int)
    /// Any policy: a case whose quarantine ended on `until`, counted again in every test.
    case quarantineExpired(case: String, until: String, runs: Int, failedRuns: Int)
    /// Any policy: the models that served the baseline and the candidate differ (each sorted);
    /// decides nothing, but the numbers compare two models.
    case modelChanged(baseline: [String], candidate: [String])
}

/// Why a step's comparison reads as it does, when its verdict needs a word (as a value; reports phrase it).
public enum StepRemark: Sendable, Equatable {
    /// The candidate ran a step the baseline never ran.
    case newStep
    /// The baseline ran a step the candidate never ran.
    case missingStep
    /// The step's failing runs are exactly the failing runs: it was tested once, as the overall rate.
    case testedAsOverall
    /// The candidate's failure rate is above the policy's maximum for the step (0...1).
    case aboveMaximum(Double)
}
