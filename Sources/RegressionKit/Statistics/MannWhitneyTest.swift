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
        let n = Double(y.count)
        let m = Double(x.count)
        guard !y.isEmpty, !x.isEmpty else { return Result(u: 0, z: -.infinity, pValue: 1) }
        // Pool the samples, tagging candidate values, and sort by value.
        var pooled = y.map { (value: $0, isCandidate: true) } + x.map { (value: $0, isCandidate: false) }
        pooled.sort { $0.value < $1.value }
        var candidateRankSum = 0.0
        var tieSum = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count && pooled[end + 1].value == pooled[start].value { end += 1 }
            // Positions start...end (0-based) share the midrank of ranks start+1...end+1.
            let midrank = Double(start + end + 2) / 2
            let size = Double(end - start + 1)
            for i in start...end where pooled[i].isCandidate { candidateRankSum += midrank }
            tieSum += size * size * size - size
            start = end + 1
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
