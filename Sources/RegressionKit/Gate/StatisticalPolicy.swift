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

        return RateGateAssembly(
            policy: "statistical", baseline: baseline, candidate: candidate, names: names,
            tolerancePP: tolerancePP, ruleOutPP: ruleOutPP, latencyTolerance: latencyTolerance, alpha: alpha, familySize: m, pairing: pairing
        ).result(overall: overallEvidence!, steps: evidence, latencies: latencyEvidence(baseline: baseline, candidate: candidate, steps: names))
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
