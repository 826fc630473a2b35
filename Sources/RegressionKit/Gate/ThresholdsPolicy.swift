/// The `thresholds` policy: failure-forensics 0.1.1's regression guard, exactly, plus per-step maxima.
///
/// Delta = candidate minus baseline overall step failure rate (failed step records / step
/// records), in percentage points: > `regressionPP` (10) is REGRESSION_DETECTED, > `warningPP`
/// (5) is WARNING, else PASS; an improvement is a PASS. The worst step is the one whose rate
/// rose most (a step the baseline lacks counts from 0 %; ties go to the step logged first).
/// A candidate step above its `stepMaxFailureRate` is a regression (failure-forensics'
/// STEP_THRESHOLDS). Comparisons are exact, in integers: 4/20 vs 3/20 is 5 pp, not more.
///
/// This rule ignores sample size: with 10 runs one extra failure moves a step by 10 pp.
public struct ThresholdsPolicy: Sendable, Equatable {
    /// A rise of the overall step failure rate above this many percentage points is a regression.
    public var regressionPP: Double = 10
    /// A rise above this many percentage points (and up to `regressionPP`) is a warning.
    public var warningPP: Double = 5
    /// Per-step maximum candidate failure rate, 0...1: above it, the step is a regression.
    public var stepMaxFailureRate: [String: Double] = [:]

    /// Failure-forensics' defaults: 10 pp regression, 5 pp warning, no step maxima.
    public init(regressionPP: Double = 10, warningPP: Double = 5, stepMaxFailureRate: [String: Double] = [:]) {
        self.regressionPP = regressionPP
        self.warningPP = warningPP
        self.stepMaxFailureRate = stepMaxFailureRate
    }

    func classify(x0: Int, n0: Int, x1: Int, n1: Int) -> Verdict {
        precondition(n0 > 0 && n1 > 0, "a baseline and a candidate with records (the readers refuse empty ones)")
        if ExactRateArithmetic.deltaExceeds(x0: x0, n0: n0, x1: x1, n1: n1, thresholdPP: regressionPP) { return .regressionDetected }
        if ExactRateArithmetic.deltaExceeds(x0: x0, n0: n0, x1: x1, n1: n1, thresholdPP: warningPP) { return .warning }
        return .pass
    }

    func evaluate(baseline: VersionStats, candidate: VersionStats) -> GateResult {
        let overall = classify(x0: baseline.failedSteps, n0: baseline.totalSteps, x1: candidate.failedSteps, n1: candidate.totalSteps)
        let deltaPP = (candidate.stepFailureRate - baseline.stepFailureRate) * 100
        var explanation: [GateReason] = [.stepFailureRateChanged(deltaPP: deltaPP, verdict: overall, regressionPP: regressionPP, warningPP: warningPP)]

        var comparisons: [StepComparison] = []
        var verdict = overall
        for name in GateSteps.orderedNames(baseline: baseline, candidate: candidate) {
            let b = baseline.steps[name].map { StepCounts(total: $0.total, failed: $0.failed) }
            let c = candidate.steps[name].map { StepCounts(total: $0.total, failed: $0.failed) }
            var comparison = GateSteps.comparison(name, baseline: b, candidate: c)
            if let b, let c {
                comparison.verdict = classify(x0: b.failed, n0: b.total, x1: c.failed, n1: c.total)
            } else if let b, c == nil {
                // Failure-forensics ignores such a step; its verdict stays, but the report says so.
                explanation.append(.stepNotJudged(step: name, baselineRecords: b.total))
            }
            if let c, c.total > 0, let limit = stepMaxFailureRate[name],
               ExactRateArithmetic.rateExceeds(x: c.failed, n: c.total, limit: limit) {
                comparison.verdict = .regressionDetected
                comparison.remark = .aboveMaximum(limit)
                explanation.append(.aboveMaximum(step: name, failureRate: c.rate, maximum: limit))
                verdict = .regressionDetected
            }
            comparisons.append(comparison)
        }
        let worst = GateSteps.worstStep(baseline: baseline, candidate: candidate)
        return GateResult(
            verdict: verdict, policy: "thresholds",
            baseline: VersionSummary(baseline, judged: StepCounts(total: baseline.totalSteps, failed: baseline.failedSteps)),
            candidate: VersionSummary(candidate, judged: StepCounts(total: candidate.totalSteps, failed: candidate.failedSteps)),
            deltaPP: deltaPP, worstStep: worst?.name, worstStepDeltaPP: worst?.deltaPP,
            steps: comparisons, explanation: explanation)
    }
}
