import Foundation

/// Compares one step's latency between two versions, from their DDSketches.
///
/// Slowdown: a one-sided Mann-Whitney test that the candidate is slower, and the Hodges-Lehmann
/// shift of log latency with its distribution-free interval, reported as a ratio
/// (exp(shift): 1.25 is 25 % slower). Values are the sketches' bin representatives, so ranks are
/// exact up to the sketch's 1 % relative accuracy. The 95th percentiles get distribution-free
/// bounds from the binomial ranks of the order statistics (normal approximation).
enum LatencyTest {
    /// The raw comparison (p-value unadjusted), bounds at `z`; nil when a side has fewer than 2 latencies.
    static func compare(baseline: DDSketch, candidate: DDSketch, z: Double, minimumRunsForP95: Int)
        -> (pValue: Double, ratio: IntervalEstimate, baselineP95: ClosedRange<Double>?, candidateP95: ClosedRange<Double>?)? {
        guard baseline.count >= 2, candidate.count >= 2 else { return nil }
        let x = baseline.logSample(), y = candidate.logSample()
        let test = MannWhitneyTest.oneSidedGreater(candidate: y, baseline: x)
        guard let shift = HodgesLehmannShift.estimate(candidate: y, baseline: x, z: z) else { return nil }
        let ratio = IntervalEstimate(estimate: exp(shift.estimate), low: exp(shift.low), high: exp(shift.high))
        let enough = baseline.count >= minimumRunsForP95 && candidate.count >= minimumRunsForP95
        return (test.pValue, ratio,
                enough ? quantileBounds(baseline, q: 0.95, z: z) : nil,
                enough ? quantileBounds(candidate, q: 0.95, z: z) : nil)
    }

    /// Bounds for the q-quantile: the order statistics at ranks n q -/+ z sqrt(n q (1 - q)).
    static func quantileBounds(_ sketch: DDSketch, q: Double, z: Double) -> ClosedRange<Double>? {
        let n = Double(sketch.count)
        guard n >= 2 else { return nil }
        let spread = z * (n * q * (1 - q)).squareRoot()
        let low = max(0, (n * q - spread).rounded(.down)) / (n - 1)
        let high = min(n - 1, (n * q + spread).rounded(.up)) / (n - 1)
        guard let lo = sketch.quantile(min(low, 1)), let hi = sketch.quantile(min(high, 1)) else { return nil }
        return lo...hi
    }
}
