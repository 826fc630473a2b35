import Foundation

/// One step's latency under the `sequential` policy: the ratio of the candidate's median to the
/// baseline's, with bounds that stay valid however often the candidate's latencies are looked at.
///
/// The baseline's median gets exact distribution-free bounds from binomial ranks of its order
/// statistics (`QuantileRanks`) at level / 2 each side. The candidate's median gets anytime-valid
/// ones at level / 2: the share of its latencies above a value v is a `[0, 1]` mean, and when the
/// mixture confidence sequence (`BetaMixtureSequence`) puts that share above 1/2, the median is
/// above v; the largest such order statistic is the lower bound, and the mirror image the upper.
/// The ratio's lower bound is the candidate's lower over the baseline's upper (and vice versa):
/// above 1 + tolerance is REGRESSION_DETECTED, above 1 a WARNING, else PASS. Values are the
/// sketches' bin representatives (1 % relative accuracy).
struct SequentialLatencyTest: Sendable {
    var baseline: DDSketch
    var candidate: DDSketch
    var tolerance: Double
    var minimumRunsForP95: Int

    /// Bounds on the ratio of medians, each side wrong at some time with probability <= `level`.
    func ratio(level: Double) -> IntervalEstimate? {
        guard let bMedian = baseline.quantile(0.5), let cMedian = candidate.quantile(0.5), bMedian > 0 else { return nil }
        let ranks = QuantileRanks.ranks(n: baseline.count, q: 0.5, alpha: level / 2)
        let bLow = ranks.lower.flatMap(baseline.orderStatistic) ?? 0
        let bHigh = ranks.upper.flatMap(baseline.orderStatistic) ?? .infinity
        // The fewest latencies above a value that put the candidate's median above it.
        let n = candidate.count
        let mixture = BetaMixtureSequence(mean: 0.5, spread: 0.25)
        var enough: Int? = nil
        var bad = -1, good = n + 1   // bounds(good).low > 1/2 (n + 1: never), bounds(bad) not
        while good - bad > 1 {
            let middle = (bad + good) / 2
            if mixture.bounds(sum: Double(middle), count: Double(n), alpha: level / 2).low > 0.5 { good = middle } else { bad = middle }
        }
        if good <= n { enough = good }
        let cLow = enough.flatMap { n - $0 >= 1 ? candidate.orderStatistic(n - $0) : nil } ?? 0
        let cHigh = enough.flatMap { $0 + 1 <= n ? candidate.orderStatistic($0 + 1) : nil } ?? .infinity
        return IntervalEstimate(estimate: cMedian / bMedian, low: bHigh.isFinite ? cLow / bHigh : 0, high: bLow > 0 ? cHigh / bLow : .infinity)
    }

    /// The evidence at `level` (alpha / k), nil when a side has no latency above 0 ms; the
    /// p-value is the anytime-valid one (the smallest level whose ratio bound is above 1),
    /// Bonferroni-adjusted over `familySize`.
    func evidence(level: Double, familySize k: Int) -> LatencyEvidence? {
        guard let r = ratio(level: level) else { return nil }
        let verdict: Verdict = r.low > 1 + tolerance ? .regressionDetected : r.low > 1 ? .warning : .pass
        let p = SequentialRateDifference.smallestLevel { (ratio(level: $0)?.low ?? 0) > 1 }
        let enough = baseline.count >= minimumRunsForP95 && candidate.count >= minimumRunsForP95
        return LatencyEvidence(
            baselineCount: baseline.count, candidateCount: candidate.count, slowdownRatio: r.estimate, ratioLow: r.low, ratioHigh: r.high,
            pValue: p, adjustedPValue: min(1, p * Double(k)),
            baselineP95MS: enough ? LatencyTest.quantileBounds(baseline, q: 0.95, alpha: level) : nil,
            candidateP95MS: enough ? LatencyTest.quantileBounds(candidate, q: 0.95, alpha: level) : nil,
            baselineP95PointMS: baseline.quantile(0.95), candidateP95PointMS: candidate.quantile(0.95),
            verdict: verdict, p95Verdict: enough ? .pass : .insufficientData)
    }
}
