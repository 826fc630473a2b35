import Foundation

/// The Clopper-Pearson ("exact") bounds for a binomial proportion.
enum ClopperPearsonInterval {
    /// One-sided exact bounds for the proportion `x / n`, each at level `1 - alpha`: the lower
    /// bound is the `p` with `P(X >= x | p) = alpha`, the upper the `p` with `P(X <= x | p) = alpha`
    /// (Clopper & Pearson 1934, Biometrika 26:404-413), so that whatever the true proportion, each
    /// bound is wrong with probability at most `alpha`. In beta quantiles,
    /// `low = B(alpha; x, n - x + 1)` and `high = B(1 - alpha; x + 1, n - x)`. The lower bound is
    /// exactly `0` when `x == 0` and the upper exactly `1` when `x == n`; `n == 0` gives `[0, 1]`.
    /// Never narrower than Wilson's bounds at the same level near `0` and `n`, where the score
    /// bounds are known to undercover (Brown, Cai & DasGupta 2001, Stat Sci 16:101-133).
    ///
    /// Example: no failure in 10 runs gives the upper bound `1 - 0.05^(1/10) = 0.2589` at
    /// `alpha = 0.05`.
    ///
    /// - Precondition: `0 <= x <= n`, `0 < alpha < 1`.
    static func bounds(count x: Int, trials n: Int, alpha: Double) -> ConfidenceBounds {
        precondition(x >= 0 && x <= n, "count must be in 0...trials")
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
        guard n > 0 else { return ConfidenceBounds(low: 0, high: 1) }
        let count = Double(x), trials = Double(n)
        // Closed forms at the edges; the beta quantile elsewhere.
        let low = x == 0 ? 0 : x == n ? pow(alpha, 1 / trials) : betaQuantile(alpha, a: count, b: trials - count + 1)
        let high = x == n ? 1 : x == 0 ? 1 - pow(alpha, 1 / trials) : betaQuantile(1 - alpha, a: count + 1, b: trials - count)
        return ConfidenceBounds(low: low, high: high)
    }

    /// The `q`-quantile of the Beta(a, b) distribution, by bisection on `I_p(a, b)` (monotone in `p`)
    /// to within a few ulps of the answer.
    static func betaQuantile(_ q: Double, a: Double, b: Double) -> Double {
        var below = 0.0, above = 1.0
        for _ in 0..<200 {
            let middle = (below + above) / 2
            guard middle > below && middle < above else { break }
            if IncompleteBeta.regularized(x: middle, y: 1 - middle, a: a, b: b).lower < q { below = middle } else { above = middle }
        }
        return (below + above) / 2
    }
}
