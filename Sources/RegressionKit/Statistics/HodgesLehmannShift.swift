import Foundation

/// The Hodges-Lehmann estimate of a location shift between two samples, with
/// its distribution-free confidence interval.
enum HodgesLehmannShift {
    /// Hodges-Lehmann shift of the candidate `y` over the baseline `x`: the
    /// median of all `n m` pairwise differences `y_j - x_i`, in the units of
    /// the samples. Applied to log latencies, `exp(estimate)` is the typical
    /// slowdown ratio and `exp(low)`, `exp(high)` bound it.
    ///
    /// Hodges, J. L. & Lehmann, E. L. (1963), "Estimates of location based on
    /// rank tests", Ann Math Statist 34:598-611. The interval is the
    /// Mann-Whitney (Moses) interval `[D(k), D(nm + 1 - k)]` over the sorted
    /// differences `D(1) <= ... <= D(nm)` (Lehmann, "Nonparametrics", 1975,
    /// section 2.6; Hollander & Wolfe, 2nd ed., section 4.3), with the rank
    /// index from the normal approximation to the null distribution of `U`,
    /// without tie or continuity correction, rounded down (so coverage errs
    /// on the conservative side):
    /// `k = floor(nm/2 - z sqrt(nm(n + m + 1)/12))`.
    /// Each bound is one-sided at level about `Phi(z)`. When `k < 1` the
    /// samples are too small for that level and the bounds are `-infinity`
    /// and `+infinity`.
    ///
    /// No difference array is materialised: each order statistic is found by
    /// bisection on the ordered bit patterns of doubles (at most 64 steps),
    /// counting differences `<= t` with a two-pointer sweep over the sorted
    /// samples, `O(n + m)` per step. Total cost `O((n + m) log(n + m))` time
    /// and `O(n + m)` memory, exact (no subsampling) for any sizes; the result
    /// is bit-identical to sorting all the floating-point differences.
    ///
    /// - Returns: `nil` when either sample is empty.
    /// - Precondition: all values finite; `z >= 0`.
    static func estimate(candidate y: [Double], baseline x: [Double], z: Double) -> IntervalEstimate? {
        precondition(y.allSatisfy(\.isFinite) && x.allSatisfy(\.isFinite), "samples must be finite")
        precondition(z >= 0, "z must be non-negative")
        guard !y.isEmpty, !x.isEmpty else { return nil }
        return estimate(candidate: WeightedSample(y), baseline: WeightedSample(x), z: z)
    }

    /// The same estimate on grouped samples (a pair of values stands for weight x weight differences).
    static func estimate(candidate y: WeightedSample, baseline x: WeightedSample, z: Double) -> IntervalEstimate? {
        precondition(z >= 0, "z must be non-negative")
        guard !y.isEmpty, !x.isEmpty else { return nil }
        let differences = PairwiseDifferences(candidate: y, baseline: x)
        let count = y.count * x.count
        let median: Double
        if count % 2 == 1 {
            median = differences.orderStatistic((count + 1) / 2)
        } else {
            median = (differences.orderStatistic(count / 2) + differences.orderStatistic(count / 2 + 1)) / 2
        }
        let nm = Double(count)
        let spread = (nm * Double(y.count + x.count + 1) / 12).squareRoot()
        let k = (nm / 2 - z * spread).rounded(.down)
        guard k >= 1 else { return IntervalEstimate(estimate: median, low: -.infinity, high: .infinity) }
        let index = Int(k)
        return IntervalEstimate(
            estimate: median,
            low: differences.orderStatistic(index),
            high: differences.orderStatistic(count + 1 - index))
    }
}

/// The implicit sorted multiset of all differences `y_j - x_i` of two sorted
/// samples, supporting exact order statistics without storing the differences.
private struct PairwiseDifferences {
    let candidate: [Double]      // distinct, ascending
    let candidateWeights: [Int]
    let baseline: [Double]       // distinct, ascending
    let baselineAtOrAbove: [Int] // baselineAtOrAbove[k]: observations in baseline[k...]

    init(candidate: WeightedSample, baseline: WeightedSample) {
        self.candidate = candidate.values
        candidateWeights = candidate.weights
        self.baseline = baseline.values
        var suffix = [Int](repeating: 0, count: baseline.values.count + 1)
        for k in stride(from: baseline.values.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + baseline.weights[k] }
        baselineAtOrAbove = suffix
    }

    /// Number of pairs with `y - x <= t`, by a two-pointer sweep: as `y` grows, the set of `x`
    /// with `y - x <= t` (a suffix of the sorted baseline) can only shrink, and floating-point
    /// subtraction is monotone. Each distinct pair counts weight x weight times.
    func countAtMost(_ t: Double) -> Int {
        var count = 0
        var first = 0  // first baseline index with y - x <= t
        for (i, value) in candidate.enumerated() {
            while first < baseline.count && value - baseline[first] > t { first += 1 }
            count += candidateWeights[i] * baselineAtOrAbove[first]
        }
        return count
    }

    /// The `rank`-th smallest difference (1-based), exactly as it would appear
    /// in the sorted array of all floating-point differences.
    func orderStatistic(_ rank: Int) -> Double {
        // Smallest t (searched over doubles in their total order) with at
        // least `rank` differences <= t; that t is itself a difference.
        var below = OrderedDouble.key(candidate[0] - baseline[baseline.count - 1]) - 1  // count < rank
        var above = OrderedDouble.key(candidate[candidate.count - 1] - baseline[0])     // count >= rank
        while above - below > 1 {
            let middle = below + (above - below) / 2
            if countAtMost(OrderedDouble.value(middle)) >= rank { above = middle } else { below = middle }
        }
        return OrderedDouble.value(above) + 0  // + 0 turns -0.0 into +0.0
    }
}

/// A monotone map between finite doubles and unsigned integers, so that a
/// bisection over integers visits doubles in numeric order.
private enum OrderedDouble {
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return value.sign == .minus ? ~bits : bits | (1 << 63)
    }

    static func value(_ key: UInt64) -> Double {
        let bits = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
        return Double(bitPattern: bits)
    }
}
