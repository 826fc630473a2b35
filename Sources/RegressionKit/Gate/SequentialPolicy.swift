import Foundation

/// The `sequential` policy: verdicts that stay true however often the gate looks again.
///
/// CI rarely looks once: an eval job adds runs and checks again, a red gate is re-run, a nightly
/// job gates the runs as they pile up. Every look at a fixed-sample test is another chance of a
/// false alarm. This policy's bounds are anytime-valid confidence sequences: the baseline is a
/// fixed sample, the candidate's runs accrue in the order the logs give them, and whatever the
/// number of candidate runs and however often the gate is run on them,
/// P(it ever says REGRESSION_DETECTED | the candidate is no worse) <= alpha, and
/// P(it ever says PASS | the candidate is worse by more than `ruleOutPP`) <= alpha.
///
/// Construction, for each failure rate (the overall run failure rate and each step's, as
/// `FailureRateFamily` lists them) at level alpha / k, k = the rates plus the steps whose latency
/// is compared (Bonferroni over the family, which holds for e-processes looked at any number of
/// times: each is wrong at some time with probability at most alpha / k):
/// - unpaired: Clopper-Pearson bounds for the baseline's rate at alpha / 2k each side, a
///   beta-binomial mixture confidence sequence (Howard et al. 2021) for the candidate's at
///   alpha / 2k; the rise is bounded by their differences (`SequentialRateDifference`);
/// - paired, when the same cases ran once per side: each candidate run with its case's baseline
///   run is a pair; mixture confidence sequences for the shares of pairs where only the
///   candidate failed and where only the baseline did bound the rise, their difference;
/// - lower bound > tolerance: REGRESSION_DETECTED; > 0: WARNING; upper bound <= ruleOut: PASS;
///   otherwise INSUFFICIENT_DATA, with how many candidate runs at the observed rates would settle it.
/// Latency per step (`SequentialLatencyTest`): the candidate's median has anytime-valid
/// distribution-free bounds (a mixture confidence sequence on the share of latencies above a
/// value), the baseline's median exact binomial ones; their ratio decides as for the rates.
///
/// The mixture depends on the runs only through their counts, so the aggregates' counts of the
/// first n runs in log order are all it needs. The guarantee assumes what the unpaired
/// `statistical` design assumes: runs independent given the version. Repeated cases, drift
/// over time or a baseline rerun on the candidate's cases break it; `calibrate` measures that
/// on a version's own runs. The price of looking any number of times: at one look, wider
/// bounds than `statistical`'s, so less power at a fixed number of runs (scripts/verdict-quality).
public struct SequentialPolicy: Sendable, Equatable {
    /// Level of the whole gate over every look, 0...1: the chance it ever says REGRESSION_DETECTED
    /// for a candidate that is no worse (and ever PASS for one worse by more than `ruleOutPP`).
    public var alpha: Double = 0.05
    /// A rise whose lower bound is above 0 but not above this many percentage points is a WARNING.
    public var tolerancePP: Double = 2
    /// The largest rise (pp) a PASS must rule out; until it can, INSUFFICIENT_DATA.
    public var ruleOutPP: Double = 10
    /// A slowdown of the median above 1 + this (0.10 is 10 %) is a latency regression.
    public var latencyTolerance: Double = 0.10
    /// Whether to pair runs by case when both versions ran the same cases once each.
    public var pairing = true
    /// Fewer latencies per side than this: the p95 comparison is INSUFFICIENT_DATA.
    var latencyMinimumRuns = 100

    /// The defaults: alpha 0.05, tolerance 2 pp, rule out 10 pp, latency tolerance 10 %, pairing on.
    public init() {}

    /// The spread (a proportion) of the rises each mixture expects: the rise a PASS must rule out.
    var spread: Double { max(ruleOutPP / 100, 0.01) }

    func evaluate(baseline: VersionStats, candidate: VersionStats) -> GateResult {
        let names = GateSteps.orderedNames(baseline: baseline, candidate: candidate)
        let family = FailureRateFamily(baseline: baseline, candidate: candidate, steps: names, pairing: pairing)
        let latencySteps = names.indices.filter {
            (baseline.steps[names[$0]]?.latency.count ?? 0) >= 2 && (candidate.steps[names[$0]]?.latency.count ?? 0) >= 2
        }
        let k = family.size + latencySteps.count
        let level = alpha / Double(k)
        let judged = family.members.concurrentMap { member -> (FailureRateEvidence, Verdict) in
            let comparison = SequentialRateComparison(baseline: member.baseline, candidate: member.candidate, spread: spread)
            return comparison.evidence(level: level, familySize: k, tolerance: tolerancePP / 100, ruleOut: ruleOutPP / 100)
        }
        var evidence: [String: (FailureRateEvidence, Verdict)] = [:]
        var overallEvidence: (FailureRateEvidence, Verdict)?
        for (i, member) in family.members.enumerated() {
            if let key = member.step { evidence[key] = judged[i] } else { overallEvidence = judged[i] }
        }
        let (overall, overallVerdict) = overallEvidence!
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
                comparison.verdict = .warning
                ranked.append((.warning, 2, 0, .stepNotRun(step: name, baselineRuns: runs)))
                verdict = max(verdict, .warning)
            }
            comparisons.append(comparison)
        }
        let latencies = latencySteps.concurrentMap { i in
            (i, SequentialLatencyTest(baseline: baseline.steps[names[i]]!.latency, candidate: candidate.steps[names[i]]!.latency,
                                      tolerance: latencyTolerance, minimumRunsForP95: latencyMinimumRuns)
                .evidence(level: level, familySize: k))
        }
        for (index, latency) in latencies {
            guard let latency else { continue }
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
        if explanation.isEmpty { explanation.append(.nothingRose(tests: k, alpha: alpha, ruleOutPP: ruleOutPP)) }
        let worst = comparisons.filter { $0.presence == .both }.max { a, b in
            a.verdict != b.verdict ? a.verdict < b.verdict : (a.deltaPP ?? 0) < (b.deltaPP ?? 0)
        }
        var result = GateResult(
            verdict: verdict, policy: "sequential",
            baseline: VersionSummary(baseline, judged: StepCounts(total: baseline.runs, failed: baseline.failedRuns)),
            candidate: VersionSummary(candidate, judged: StepCounts(total: candidate.runs, failed: candidate.failedRuns)),
            deltaPP: (candidate.runFailureRate - baseline.runFailureRate) * 100,
            worstStep: worst?.step, worstStepDeltaPP: worst?.deltaPP, steps: comparisons, explanation: explanation)
        result.overallEvidence = overall
        result.overallVerdict = overallVerdict
        result.alpha = alpha
        result.familySize = k
        if pairing, overall.pairedCases != nil {
            result.caseChanges = CaseChanges(baseline: baseline.cases, candidate: candidate.cases)
        }
        return result
    }
}
