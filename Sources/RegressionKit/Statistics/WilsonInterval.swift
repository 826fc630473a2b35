/// The Wilson score interval for a binomial proportion.
enum WilsonInterval {
    /// Wilson score bounds for the proportion `x / n` at normal deviate `z`;
    /// both bounds are proportions in `[0, 1]`.
    ///
    /// Wilson, E. B. (1927), "Probable inference, the law of succession, and
    /// statistical inference", JASA 22, 209-212; the closed form of Newcombe
    /// (1998), Stat Med 17:857-872, method 3:
    /// `(2x + z^2 -/+ z sqrt(z^2 + 4x(n - x)/n)) / (2(n + z^2))`.
    /// Each bound is a one-sided bound at level `Phi(z)`, so pass
    /// `z = NormalDistribution.quantile(1 - alpha)` for one-sided use and
    /// `quantile(1 - alpha/2)` for a two-sided `(1 - alpha)` interval. Matches
    /// `statsmodels.stats.proportion.proportion_confint(x, n, alpha=2 * (1 - Phi(z)),
    /// method='wilson')`. The lower bound is exactly `0` when `x == 0` and the
    /// upper bound exactly `1` when `x == n`. With `n == 0` there is no
    /// information and the result is `[0, 1]`.
    ///
    /// - Precondition: `0 <= x <= n` and `z >= 0`.
    static func bounds(count x: Int, trials n: Int, z: Double) -> ConfidenceBounds {
        precondition(x >= 0 && x <= n, "count must be in 0...trials")
        return bounds(count: Double(x), trials: Double(n), z: z)
    }

    /// The same bounds for a fractional count: the sum of `n` values in `[0, 1]` (per-case
    /// failure fractions, say). A mean of such values has at most the variance of a proportion
    /// with the same mean, so the score bounds of the proportion bound it too.
    ///
    /// - Precondition: `0 <= x <= n` and `z >= 0`.
    static func bounds(count x: Double, trials n: Double, z: Double) -> ConfidenceBounds {
        precondition(x >= 0 && x <= n, "count must be in 0...trials")
        precondition(z >= 0, "z must be non-negative")
        guard n > 0 else { return ConfidenceBounds(low: 0, high: 1) }
        let z2 = z * z
        let spread = z * max(z2 + 4 * x * (n - x) / n, 0).squareRoot()
        let denominator = 2 * (n + z2)
        let low = x == 0 ? 0 : (2 * x + z2 - spread) / denominator
        let high = x == n ? 1 : (2 * x + z2 + spread) / denominator
        return ConfidenceBounds(low: min(max(low, 0), 1), high: min(max(high, 0), 1))
    }
}
