import Foundation

/// The `statistical` policy: a verdict that accounts for sample size, pairing and many steps.
///
/// For each failure rate (the overall run failure rate, and each step's rate over the runs
/// that reached it), with D the rise of the candidate's rate:
/// - p: the one-sided p-value that the candidate is worse (exact Fisher; exact McNemar when the
///   same cases ran once per side; clustered by case when cases repeat), Holm-adjusted over the
///   family of m distinct rates;
/// - [L, U]: D's interval at alpha / m (Newcombe's hybrid score interval, paired or not);
/// - p <= alpha and L > tolerance: REGRESSION_DETECTED; p <= alpha and L <= tolerance: WARNING;
///   p > alpha and U <= ruleOut: PASS; p > alpha and U > ruleOut: INSUFFICIENT_DATA.
/// Latency per step: a regression when the Hodges-Lehmann slowdown ratio's lower bound exceeds
/// 1 + latencyTolerance with a significant one-sided Mann-Whitney test (Holm over the steps).
/// The gate's verdict is the most severe.
public struct StatisticalPolicy: Sendable, Equatable {
    /// One-sided significance level, 0...1.
    public var alpha: Double = 0.05
    /// A significant rise up to this many percentage points is a WARNING, not a regression.
    public var tolerancePP: Double = 2
    /// The largest rise (pp) a PASS must rule out; when it cannot, INSUFFICIENT_DATA.
    public var ruleOutPP: Double = 10
    /// A slowdown ratio above 1 + this (0.10 is 10 %) is a latency regression.
    public var latencyTolerance: Double = 0.10
    /// Fewer latencies per side than this: the p95 comparison is INSUFFICIENT_DATA.
    public var latencyMinimumRuns: Int = 100
    /// Whether to pair runs by case when both versions ran the same cases.
    public var pairing = true

    /// The defaults: alpha 0.05, tolerance 2 pp, rule out 10 pp, latency tolerance 10 %, 100 runs for p95.
    public init() {}

    func evaluate(baseline: VersionStats, candidate: VersionStats) -> GateResult {
        let names = GateSteps.orderedNames(baseline: baseline, candidate: candidate)
        let family = FailureRateFamily(baseline: baseline, candidate: candidate, steps: names, pairing: pairing)
        let m = family.size
        let testAlpha = alpha / Double(m)
        let tested = family.test({ FailureRateTest.evidence(baseline: $0.baseline, candidate: $0.candidate, alpha: testAlpha) },
                                 pValue: \.1.pValue)
        let judged = tested.map { raw, adjusted -> (FailureRateEvidence, Verdict) in
            let (design, e, paired) = raw
            let item = FailureRateEvidence(design: design, estimatePP: e.estimate * 100, ciLowPP: e.low * 100, ciHighPP: e.high * 100,
                                           pValue: e.pValue, adjustedPValue: adjusted, pairedCases: paired)
            return (item, decide(item))
        }
        // What would settle each undecided or warned rate: a search of up to a few hundred
        // exact tests each, so the rates are searched in parallel.
        let settled = Array(family.members.indices).concurrentMap { i -> FailureRateEvidence in
            var item = judged[i].0
            let verdict = judged[i].1
            guard verdict == .insufficientData || verdict == .warning else { return item }
            let (b, c) = (family.members[i].baseline, family.members[i].candidate)
            let settling = FailureRateSettling(alpha: testAlpha, tolerance: tolerancePP / 100, ruleOut: ruleOutPP / 100,
                                               fromWarning: verdict == .warning)
            let baselineRate = Double(b.failures) / Double(b.runs), candidateRate = Double(c.failures) / Double(c.runs)
            item.candidateRunsNeeded = SampleSizePlanner.candidateRunsToSettle(
                baselineFailures: b.failures, baselineRuns: b.runs, candidateRate: candidateRate, currentRuns: c.runs, settles: settling.isSettled)
            item.runsPerSideNeeded = SampleSizePlanner.runsPerSideToSettle(
                baselineRate: baselineRate, candidateRate: candidateRate, currentRuns: max(b.runs, c.runs), settles: settling.isSettled)
            return item
        }
        var evidence: [String: (FailureRateEvidence, Verdict)] = [:]
        var overallEvidence: (FailureRateEvidence, Verdict)?
        for (i, member) in family.members.enumerated() {
            if let key = member.step { evidence[key] = (settled[i], judged[i].1) } else { overallEvidence = (settled[i], judged[i].1) }
        }

        let (overall, overallVerdict) = overallEvidence!
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
        for (index, latency) in latencyEvidence(baseline: baseline, candidate: candidate, steps: names) {
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
            explanation.append(.nothingRose(tests: m, alpha: alpha, ruleOutPP: ruleOutPP))
        }
        let worst = comparisons.filter { $0.presence == .both }.max { a, b in
            a.verdict != b.verdict ? a.verdict < b.verdict : (a.deltaPP ?? 0) < (b.deltaPP ?? 0)
        }
        var result = GateResult(
            verdict: verdict, policy: "statistical",
            baseline: VersionSummary(baseline, judged: StepCounts(total: baseline.runs, failed: baseline.failedRuns)),
            candidate: VersionSummary(candidate, judged: StepCounts(total: candidate.runs, failed: candidate.failedRuns)),
            deltaPP: (candidate.runFailureRate - baseline.runFailureRate) * 100,
            worstStep: worst?.step, worstStepDeltaPP: worst?.deltaPP, steps: comparisons, explanation: explanation)
        result.overallEvidence = overall
        result.overallVerdict = overallVerdict
        result.alpha = alpha
        result.familySize = m
        if pairing, overall.pairedCases != nil {
            result.caseChanges = CaseChanges(baseline: baseline.cases, candidate: candidate.cases)
        }
        return result
    }

    /// Latency comparisons by index in `steps`: one family, one test per step that logged latencies on both sides.
    private func latencyEvidence(baseline: VersionStats, candidate: VersionStats, steps: [String]) -> [(Int, LatencyEvidence)] {
        let tested = steps.indices.filter {
            (baseline.steps[steps[$0]]?.latency.count ?? 0) >= 2 && (candidate.steps[steps[$0]]?.latency.count ?? 0) >= 2
        }
        guard !tested.isEmpty else { return [] }
        let level = alpha / Double(tested.count)
        let raw = tested.concurrentMap { i in
            (i, LatencyTest.compare(baseline: baseline.steps[steps[i]]!.latency, candidate: candidate.steps[steps[i]]!.latency,
                                    alpha: level, minimumRunsForP95: latencyMinimumRuns))
        }.compactMap { item in item.1.map { (item.0, $0) } }
        let adjusted = HolmAdjustment.adjustedPValues(raw.map(\.1.pValue))
        return raw.enumerated().map { n, item in
            let (i, l) = item
            let b = baseline.steps[steps[i]]!, c = candidate.steps[steps[i]]!
            let significant = adjusted[n] <= alpha * (1 + 1e-9)
            let verdict: Verdict = significant ? (l.ratio.low > 1 + latencyTolerance ? .regressionDetected : .warning) : .pass
            let enough = b.latency.count >= latencyMinimumRuns && c.latency.count >= latencyMinimumRuns
            return (i, LatencyEvidence(
                baselineCount: b.latency.count, candidateCount: c.latency.count,
                slowdownRatio: l.ratio.estimate, ratioLow: l.ratio.low, ratioHigh: l.ratio.high,
                pValue: l.pValue, adjustedPValue: adjusted[n],
                baselineP95MS: l.baselineP95, candidateP95MS: l.candidateP95,
                baselineP95PointMS: b.latencyP95MS, candidateP95PointMS: c.latencyP95MS,
                verdict: verdict, p95Verdict: enough ? .pass : .insufficientData))
        }
    }

    /// The rule, for one metric's evidence.
    func decide(_ e: FailureRateEvidence) -> Verdict {
        let significant = e.adjustedPValue <= alpha * (1 + 1e-9)
        if significant { return e.ciLowPP > tolerancePP ? .regressionDetected : .warning }
        return e.ciHighPP <= ruleOutPP ? .pass : .insufficientData
    }
}
