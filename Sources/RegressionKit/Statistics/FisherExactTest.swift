import Foundation

/// Fisher's exact test for a 2x2 table of failures, baseline versus candidate.
enum FisherExactTest {
    /// One-sided exact p-value (a probability in `[0, 1]`) for the hypothesis
    /// that the candidate's failure rate is greater than the baseline's.
    ///
    /// With the table margins fixed (Fisher 1935; Agresti, "Categorical Data
    /// Analysis", 3rd ed., section 3.5), the candidate's failure count `X1`
    /// is hypergeometric: of `N = n0 + n1` trials, `K = x0 + x1` failed, and
    /// `n1` are the candidate's, so
    /// `P(X1 = k) = C(K, k) C(N - K, n1 - k) / C(N, n1)`.
    /// The p-value is the upper tail `P(X1 >= x1)`, each term formed from
    /// `lgamma` and the tail summed with log-sum-exp, then clamped to `[0, 1]`.
    /// This equals `scipy.stats.fisher_exact([[x1, n1 - x1], [x0, n0 - x0]],
    /// alternative='greater')`. Relative error is about `N * 1e-14` (from
    /// `lgamma`), i.e. ~1e-10 for `N` in the tens of thousands.
    ///
    /// Example: 3/3 candidate failures against 0/3 baseline failures gives
    /// exactly `1 / C(6, 3) = 0.05`.
    ///
    /// - Precondition: `0 <= x0 <= n0` and `0 <= x1 <= n1`.
    static func oneSidedPValue(
        baselineFailures x0: Int,
        baselineTrials n0: Int,
        candidateFailures x1: Int,
        candidateTrials n1: Int
    ) -> Double {
        precondition(x0 >= 0 && x0 <= n0, "baseline failures must be in 0...baselineTrials")
        precondition(x1 >= 0 && x1 <= n1, "candidate failures must be in 0...candidateTrials")
        let total = n0 + n1
        let failures = x0 + x1
        // Support of X1: max(0, n1 - (N - K)) ... min(K, n1).
        let lowest = max(0, n1 - (total - failures))
        let highest = min(failures, n1)
        if x1 <= lowest { return 1 }
        let logDenominator = LogSpace.logChoose(total, n1)
        var logTerms: [Double] = []
        logTerms.reserveCapacity(highest - x1 + 1)
        for k in x1...highest {
            logTerms.append(
                LogSpace.logChoose(failures, k)
                    + LogSpace.logChoose(total - failures, n1 - k)
                    - logDenominator)
        }
        let p = exp(LogSpace.logSumExp(logTerms))
        return min(max(p, 0), 1)
    }
}
