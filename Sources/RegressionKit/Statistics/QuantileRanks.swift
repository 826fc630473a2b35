/// Distribution-free bounds for a population quantile: which order statistics of a sample bound it.
///
/// For the `q`-quantile `xi` of any distribution and the `r`-th smallest of `n` independent
/// draws, `P(X(r) <= xi) >= P(Binomial(n, q) >= r)` (equality for continuous distributions;
/// David & Nagaraja, "Order Statistics", 3rd ed., section 7.1). So the ranks come from exact
/// binomial tails, never from a normal approximation, and a sample too small for the level
/// has no bound on that side.
enum QuantileRanks {
    /// One-sided bounds at level `1 - alpha` each, as 1-based ranks: `lower` is the largest rank
    /// `r` with `P(Binomial(n, q) <= r - 1) <= alpha`, `upper` the smallest rank `s` with
    /// `P(Binomial(n, q) <= s - 1) >= 1 - alpha`. Nil when no rank of the sample is far enough
    /// out: `(1 - q)^n > alpha` for the lower, `q^n > alpha` for the upper.
    ///
    /// Example: the median of 10 draws at `alpha = 0.05` lies above the 2nd smallest and below
    /// the 9th (`P(Binomial(10, 0.5) <= 1) = 0.0107`); of 3 draws it has no bound at all.
    ///
    /// - Precondition: `n >= 0`, `0 < q < 1`, `0 < alpha < 0.5`.
    static func ranks(n: Int, q: Double, alpha: Double) -> (lower: Int?, upper: Int?) {
        precondition(n >= 0 && q > 0 && q < 1 && alpha > 0 && alpha < 0.5)
        guard n > 0 else { return (nil, nil) }
        // P(Binomial(n, q) <= k) = I_{1-q}(n - k, k + 1), increasing in k.
        func cdf(_ k: Int) -> Double {
            if k < 0 { return 0 }
            if k >= n { return 1 }
            return IncompleteBeta.regularized(x: 1 - q, y: q, a: Double(n - k), b: Double(k + 1)).lower
        }
        var lower: Int?
        if cdf(0) <= alpha {
            var good = 1, bad = n + 1   // cdf(good - 1) <= alpha; cdf(bad - 1) > alpha or past the sample
            while bad - good > 1 {
                let middle = good + (bad - good) / 2
                if cdf(middle - 1) <= alpha { good = middle } else { bad = middle }
            }
            lower = good
        }
        var upper: Int?
        if cdf(n - 1) >= 1 - alpha {
            var bad = 0, good = n   // cdf(good - 1) >= 1 - alpha; cdf(bad - 1) < 1 - alpha
            while good - bad > 1 {
                let middle = bad + (good - bad) / 2
                if cdf(middle - 1) >= 1 - alpha { good = middle } else { bad = middle }
            }
            upper = good
        }
        return (lower, upper)
    }
}
