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
        let latencies = latencySteps.concurrentMap { i in
            (i, SequentialLatencyTest(baseline: baseline.steps[names[i]]!.latency, candidate: candidate.steps[names[i]]!.latency,
                                      tolerance: latencyTolerance, minimumRunsForP95: latencyMinimumRuns)
                .evidence(level: level, familySize: k))
        }
        return RateGateAssembly(
            policy: "sequential", baseline: baseline, candidate: candidate, names: names,
            tolerancePP: tolerancePP, ruleOutPP: ruleOutPP, latencyTolerance: latencyTolerance, alpha: alpha, familySize: k, pairing: pairing
        ).result(overall: overallEvidence!, steps: evidence, latencies: latencies.compactMap { i, e in e.map { (i, $0) } })
    }
}
