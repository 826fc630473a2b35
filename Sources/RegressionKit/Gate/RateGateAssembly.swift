/// How the `statistical` and `sequential` policies turn their judged rates and latencies into a
/// result: each step's comparison, the reasons most important first, the worst step. The
/// policies differ in how they judge (fixed-sample or anytime-valid), not in how they report.
struct RateGateAssembly {
    var policy: String
    var baseline: VersionStats
    var candidate: VersionStats
    /// The steps, in report order.
    var names: [String]
    var tolerancePP: Double
    var ruleOutPP: Double
    var latencyTolerance: Double
    var alpha: Double
    /// The tests alpha was shared among.
    var familySize: Int
    var pairing: Bool

    /// The result from the overall rate's evidence, each tested step's, and the latency evidence
    /// by index in `names`.
    func result(overall overallJudged: (FailureRateEvidence, Verdict), steps evidence: [String: (FailureRateEvidence, Verdict)],
                latencies: [(Int, LatencyEvidence)]) -> GateResult {
        let (overall, overallVerdict) = overallJudged
        // Most important first: by verdict; within one, the overall rate, the steps' rates, steps
        // the candidate skipped, then latencies, each largest first (pp for rates, % slower for latency).
        var ranked: [(verdict: Verdict, kind: Int, size: Double, reason: GateReason)] = []
        var verdict = overallVerdict
        if overallVerdict != .pass { ranked.append((overallVerdict, 0, overall.estimatePP, .failureRate(step: nil, evidence: overall, verdict: overallVerdict, tolerancePP: tolerancePP))) }
        var comparisons: [StepComparison] = []
        for name in names {
            let b = baseline.steps[name].map { StepCounts(total: $0.runs, failed: $0.failedRuns) }
            let c = candidate.steps[name].map { StepCounts(total: $0.runs, failed: $0.failedRuns) }
            var comparison = GateSteps.comparison(name, baseline: b, candidate: c)
            if let (e, v) = evidence[name] {
                comparison.evidence = e
                comparison.verdict = v
                if v != .pass { ranked.append((v, 1, e.estimatePP, .failureRate(step: name, evidence: e, verdict: v, tolerancePP: tolerancePP))) }
                verdict = max(verdict, v)
            } else if comparison.presence == .both {
                comparison.evidence = overall
                comparison.verdict = overallVerdict
                comparison.remark = .testedAsOverall
            } else if comparison.presence == .baselineOnly, let runs = baseline.steps[name]?.runs {
                // A step the candidate never ran cannot fail, so its failures vanish from every
                // rate: the pipeline may skip it now. Say so, and do not pass silently.
                comparison.verdict = .warning
                ranked.append((.warning, 2, 0, .stepNotRun(step: name, baselineRuns: runs)))
                verdict = max(verdict, .warning)
            }
            comparisons.append(comparison)
        }
        for (index, latency) in latencies {
            comparisons[index].latency = latency
            guard latency.verdict != .pass else { continue }
            ranked.append((latency.verdict, 3, (latency.slowdownRatio - 1) * 100,
                           .latency(step: comparisons[index].step, evidence: latency, tolerance: latencyTolerance)))
            verdict = max(verdict, latency.verdict)
        }
        var explanation = ranked.enumerated().sorted { a, b in
            if a.element.verdict != b.element.verdict { return a.element.verdict > b.element.verdict }
            if a.element.kind != b.element.kind { return a.element.kind < b.element.kind }
            if a.element.size != b.element.size { return a.element.size > b.element.size }
            return a.offset < b.offset
        }.map(\.element.reason)
        if explanation.isEmpty {
            explanation.append(.nothingRose(tests: familySize, alpha: alpha, ruleOutPP: ruleOutPP))
        }
        let worst = comparisons.filter { $0.presence == .both }.max { a, b in
            a.verdict != b.verdict ? a.verdict < b.verdict : (a.deltaPP ?? 0) < (b.deltaPP ?? 0)
        }
        var result = GateResult(
            verdict: verdict, policy: policy,
            baseline: VersionSummary(baseline, judged: StepCounts(total: baseline.runs, failed: baseline.failedRuns)),
            candidate: VersionSummary(candidate, judged: StepCounts(total: candidate.runs, failed: candidate.failedRuns)),
            deltaPP: (candidate.runFailureRate - baseline.runFailureRate) * 100,
            worstStep: worst?.step, worstStepDeltaPP: worst?.deltaPP, steps: comparisons, explanation: explanation)
        result.overallEvidence = overall
        result.overallVerdict = overallVerdict
        result.alpha = alpha
        result.familySize = familySize
        if pairing, overall.pairedCases != nil {
            result.caseChanges = CaseChanges(baseline: baseline.cases, candidate: candidate.cases)
        }
        return result
    }
}
