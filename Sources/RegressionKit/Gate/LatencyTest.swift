import Foundation

/// Compares one step's latency between two versions, from their DDSketches.
///
/// Slowdown: a one-sided Mann-Whitney test that the candidate is slower, and the Hodges-Lehmann
/// shift of log latency with its distribution-free interval, reported as a ratio
/// (exp(shift): 1.25 is 25 % slower). Values are the sketches' bin representatives, so ranks are
/// exact up to the sketch's 1 % relative accuracy. The ratio's interval is never narrower than
/// what the two medians' own distribution-free bounds allow, so identical latencies on both
/// sides, or ties everywhere, do not make a ratio of exactly [1.00, 1.00] from a few runs. The
/// 95th percentiles get distribution-free bounds from exact binomial ranks of the order
/// statistics (`QuantileRanks`): a side too small for the level has no bound on that side.
enum LatencyTest {
    /// The raw comparison (p-value unadjusted), each bound one-sided at level `1 - alpha`; nil
    /// when a side has fewer than 2 latencies.
    static func compare(baseline: DDSketch, candidate: DDSketch, alpha: Double, minimumRunsForP95: Int)
        -> (pValue: Double, ratio: IntervalEstimate, baselineP95: ClosedRange<Double>?, candidateP95: ClosedRange<Double>?)? {
        guard baseline.count >= 2, candidate.count >= 2 else { return nil }
        let z = NormalDistribution.quantile(1 - alpha)
        let x = baseline.logSample(), y = candidate.logSample()
        let test = MannWhitneyTest.oneSidedGreater(candidate: y, baseline: x)
        guard let shift = HodgesLehmannShift.estimate(candidate: y, baseline: x, z: z) else { return nil }
        var ratio = IntervalEstimate(estimate: exp(shift.estimate), low: exp(shift.low), high: exp(shift.high))
        if let floor = medianRatioFloor(baseline: baseline, candidate: candidate, alpha: alpha) {
            ratio.low = min(ratio.low, floor.low)
            ratio.high = max(ratio.high, floor.high)
        }
        let enough = baseline.count >= minimumRunsForP95 && candidate.count >= minimumRunsForP95
        return (test.pValue, ratio,
                enough ? quantileBounds(baseline, q: 0.95, alpha: alpha) : nil,
                enough ? quantileBounds(candidate, q: 0.95, alpha: alpha) : nil)
    }

    /// Bounds for the q-quantile, each one-sided at `1 - alpha`: the order statistics at exact
    /// binomial ranks; `0` below and `+infinity` above when the sample is too small for a rank.
    static func quantileBounds(_ sketch: DDSketch, q: Double, alpha: Double) -> ClosedRange<Double>? {
        guard sketch.count >= 1 else { return nil }
        let ranks = QuantileRanks.ranks(n: sketch.count, q: q, alpha: alpha)
        let low = ranks.lower.flatMap(sketch.orderStatistic) ?? 0
        let high = ranks.upper.flatMap(sketch.orderStatistic) ?? .infinity
        return min(low, high)...high
    }

    /// The narrowest ratio interval the medians alone allow (the latency analogue of
    /// `RateDifferenceFloor.unpaired`): the upper bound is at least the candidate's upper median
    /// bound over the baseline's median and the candidate's median over the baseline's lower
    /// bound; the lower bound mirrors it. An unbounded side makes the ratio unbounded there.
    static func medianRatioFloor(baseline: DDSketch, candidate: DDSketch, alpha: Double) -> ConfidenceBounds? {
        guard let b = quantileBounds(baseline, q: 0.5, alpha: alpha), let c = quantileBounds(candidate, q: 0.5, alpha: alpha),
              let bMedian = baseline.quantile(0.5), let cMedian = candidate.quantile(0.5) else { return nil }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double {
            denominator > 0 ? numerator / denominator : (numerator > 0 ? .infinity : 1)
        }
        return ConfidenceBounds(low: min(ratio(c.lowerBound, bMedian), ratio(cMedian, b.upperBound)),
                                high: max(ratio(c.upperBound, bMedian), ratio(cMedian, b.lowerBound)))
    }
}
