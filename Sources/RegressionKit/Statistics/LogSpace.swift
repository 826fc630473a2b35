import Foundation

/// Helpers for summing probabilities that are held as logarithms, so that
/// tail sums of discrete distributions neither overflow nor underflow.
enum LogSpace {
    /// Natural logarithm of the binomial coefficient `C(n, k)` (dimensionless),
    /// computed as `lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)`.
    ///
    /// Returns `-infinity` (the log of zero) when `k < 0` or `k > n`. The
    /// absolute error is a few ulps of `lgamma(n + 1)`, about `1e-11` for `n`
    /// near `1e4`, which is the relative error it induces in `C(n, k)`.
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard n >= 0, k >= 0, k <= n else { return -.infinity }
        if k == 0 || k == n { return 0 }
        return lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }

    /// `log(sum(exp(terms)))` computed stably by factoring out the largest term
    /// (the log-sum-exp identity). Returns `-infinity` for an empty input or
    /// when every term is `-infinity`.
    static func logSumExp(_ terms: [Double]) -> Double {
        guard let largest = terms.max(), largest > -.infinity else { return -.infinity }
        if largest == .infinity { return .infinity }
        var sum = 0.0
        for term in terms { sum += exp(term - largest) }
        return largest + log(sum)
    }
}
