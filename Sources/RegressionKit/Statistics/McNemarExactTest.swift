import Foundation

/// McNemar's exact (conditional binomial) test for paired binary outcomes.
enum McNemarExactTest {
    /// One-sided exact p-value (a probability in `[0, 1]`) that the candidate
    /// fails more often than the baseline on the same cases.
    ///
    /// Only discordant pairs carry information (McNemar 1947; the exact
    /// conditional form, e.g. Agresti, "Categorical Data Analysis", 3rd ed.,
    /// section 11.1.4): given `m = b + c` discordant pairs, under `H0` the
    /// number `b` in which only the candidate failed is `Binomial(m, 1/2)`.
    /// The p-value is `P(Binomial(m, 1/2) >= b)`, summed in log space
    /// (`lgamma` terms, log-sum-exp), clamped to `[0, 1]`; it is `1` when
    /// `m == 0`. Equals `scipy.stats.binomtest(b, b + c, 0.5,
    /// alternative='greater').pvalue`.
    ///
    /// - Parameters:
    ///   - b: pairs in which only the candidate failed.
    ///   - c: pairs in which only the baseline failed.
    /// - Precondition: `b >= 0` and `c >= 0`.
    static func oneSidedPValue(candidateOnlyFailures b: Int, baselineOnlyFailures c: Int) -> Double {
        precondition(b >= 0 && c >= 0, "discordant counts must be non-negative")
        let m = b + c
        if b == 0 { return 1 }
        let logHalfPower = Double(m) * -log(2.0)
        var logTerms: [Double] = []
        logTerms.reserveCapacity(m - b + 1)
        for k in b...m {
            logTerms.append(LogSpace.logChoose(m, k) + logHalfPower)
        }
        let p = exp(LogSpace.logSumExp(logTerms))
        return min(max(p, 0), 1)
    }
}
