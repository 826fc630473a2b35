import Foundation

/// The exact binomial test against a known rate.
enum BinomialTest {
    /// One-sided exact p-value (a probability in `[0, 1]`) that `x` failures in `n` trials
    /// come from a failure rate greater than `p0`: the upper tail `P(X >= x)` of
    /// `Binomial(n, p0)`, each term `C(n, k) p0^k (1 - p0)^(n - k)` formed in log space and
    /// summed with log-sum-exp. Equals `scipy.stats.binomtest(x, n, p0, alternative='greater').pvalue`.
    ///
    /// Example: 3 failures in 3 trials against `p0 = 0.5` gives `0.125`. With `p0 == 0` any
    /// failure is impossible under the null (p = 0); `x == 0` always gives 1.
    ///
    /// - Precondition: `0 <= x <= n`, `0 <= p0 <= 1`.
    static func upperTailPValue(failures x: Int, trials n: Int, rate p0: Double) -> Double {
        precondition(x >= 0 && x <= n, "failures must be in 0...trials")
        precondition(p0 >= 0 && p0 <= 1, "rate must be in 0...1")
        if x == 0 { return 1 }
        if p0 == 0 { return 0 }
        if p0 == 1 { return 1 }
        let logP = log(p0), logQ = log1p(-p0)
        var terms: [Double] = []
        terms.reserveCapacity(n - x + 1)
        for k in x...n {
            terms.append(LogSpace.logChoose(n, k) + Double(k) * logP + Double(n - k) * logQ)
        }
        return min(max(exp(LogSpace.logSumExp(terms)), 0), 1)
    }
}
