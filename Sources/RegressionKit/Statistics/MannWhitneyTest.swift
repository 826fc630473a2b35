import Foundation

/// The Mann-Whitney U (Wilcoxon rank-sum) test, large-sample form.
enum MannWhitneyTest {
    /// Outcome of a one-sided Mann-Whitney test.
    struct Result: Sendable, Equatable {
        /// `U` of the candidate sample: the number of (candidate, baseline)
        /// pairs with candidate > baseline, ties counting one half.
        var u: Double
        /// The tie- and continuity-corrected normal deviate
        /// `(U - nm/2 - 1/2) / sigma`, in standard-deviation units.
        var z: Double
        /// One-sided p-value, `1 - Phi(z)`, in `[0, 1]`.
        var pValue: Double
    }

    /// One-sided test that the candidate sample `y` is stochastically greater
    /// than the baseline sample `x` (e.g. slower latencies).
    ///
    /// Mann, H. B. & Whitney, D. R. (1947), Ann Math Statist 18:50-60, with the
    /// normal approximation corrected for ties and for continuity
    /// (Hollander & Wolfe, "Nonparametric Statistical Methods", 2nd ed.,
    /// section 4.1): with `n = |y|`, `m = |x|`, `N = n + m`, midranks `R` over
    /// the pooled sample and tie group sizes `t`,
    /// `U = sum R(y) - n(n+1)/2`,
    /// `sigma^2 = (nm/12) ((N + 1) - sum(t^3 - t) / (N(N - 1)))`,
    /// `z = (U - nm/2 - 1/2) / sigma`, `p = 1 - Phi(z)`.
    /// Matches `scipy.stats.mannwhitneyu(y, x, alternative='greater',
    /// method='asymptotic', use_continuity=True)`. Runs in `O(N log N)`.
    /// When either sample is empty, or every value is tied (`sigma == 0`),
    /// there is no evidence and `p = 1` (with `z = -infinity`).
    ///
    /// - Precondition: no NaN values.
    static func oneSidedGreater(candidate y: [Double], baseline x: [Double]) -> Result {
        precondition(!y.contains(where: \.isNaN) && !x.contains(where: \.isNaN), "samples must not contain NaN")
        return oneSidedGreater(candidate: WeightedSample(y), baseline: WeightedSample(x))
    }

    /// The same test on grouped samples: each distinct value's tie group gets its midrank once,
    /// weighted by how often each side has it.
    static func oneSidedGreater(candidate y: WeightedSample, baseline x: WeightedSample) -> Result {
        let n = Double(y.count)
        let m = Double(x.count)
        guard !y.isEmpty, !x.isEmpty else { return Result(u: 0, z: -.infinity, pValue: 1) }
        var candidateRankSum = 0.0
        var tieSum = 0.0
        var below = 0.0      // observations smaller than the current value
        var i = 0, j = 0
        while i < y.values.count || j < x.values.count {
            let value = min(i < y.values.count ? y.values[i] : .infinity, j < x.values.count ? x.values[j] : .infinity)
            var c = 0.0, size = 0.0
            if i < y.values.count, y.values[i] == value { c = Double(y.weights[i]); i += 1 }
            if j < x.values.count, x.values[j] == value { size = Double(x.weights[j]); j += 1 }
            size += c
            // The tie group holds ranks below+1 ... below+size: its midrank is their mean.
            candidateRankSum += c * (below + (size + 1) / 2)
            tieSum += size * size * size - size
            below += size
        }
        let total = n + m
        let u = candidateRankSum - n * (n + 1) / 2
        let mean = n * m / 2
        let sigma = (n * m / 12 * ((total + 1) - tieSum / (total * (total - 1)))).squareRoot()
        guard sigma > 0 else { return Result(u: u, z: -.infinity, pValue: 1) }
        let z = (u - mean - 0.5) / sigma
        let p = NormalDistribution.survival(z)
        return Result(u: u, z: z, pValue: min(max(p, 0), 1))
    }
}
