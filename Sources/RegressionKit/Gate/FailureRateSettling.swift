/// What settles a failure-rate verdict, at one test's one-sided level: the gate's decision on
/// counts that are not yet in, for `SampleSizePlanner`'s searches of how many runs would settle it.
struct FailureRateSettling: Sendable, Equatable {
    /// One-sided level of each bound (alpha / m for one of m tests).
    var alpha: Double
    /// A significant rise whose lower bound exceeds this (a proportion) is a regression.
    var tolerance: Double
    /// A rise whose upper bound is at most this (a proportion) is ruled out.
    var ruleOut: Double
    /// Whether a significant rise that may be within tolerance (a WARNING) is to be settled,
    /// into a regression or a pass; else an undecided rate, into any verdict.
    var fromWarning: Bool

    /// Whether the counts give a settled verdict by the gate's own rule on an unpaired
    /// comparison: Fisher's exact test, and Newcombe's interval widened to the floors the gate
    /// applies. From a WARNING, a regression or a pass settles it; from an undecided rate, any
    /// verdict but INSUFFICIENT_DATA.
    func isSettled(baselineFailures x0: Int, baselineRuns n0: Int, candidateFailures x1: Int, candidateRuns n1: Int) -> Bool {
        let z = NormalDistribution.quantile(1 - alpha)
        let interval = NewcombeInterval.unpaired(baselineFailures: x0, baselineTrials: n0, candidateFailures: x1, candidateTrials: n1, z: z)
        var high = interval.high, low = interval.low
        if x0 == 0 || x0 == n0 || x1 == 0 || x1 == n1 || min(n0, n1) < FailureRateTest.minimumCases {
            let exact = RateDifferenceFloor.unpairedExact(baselineFailures: x0, baselineRuns: n0, candidateFailures: x1, candidateRuns: n1, alpha: alpha)
            high = max(high, exact.high)
            low = min(low, exact.low)
        }
        // The gate's test: exact Fisher; its interval's lower bound where the table is too big
        // to sum (the two agree closely there).
        let significant = x0 + x1 <= 20_000
            ? FisherExactTest.oneSidedPValue(baselineFailures: x0, baselineTrials: n0, candidateFailures: x1, candidateTrials: n1) <= alpha * (1 + 1e-9)
            : low > 0
        if significant { return fromWarning ? low > tolerance : true }   // a regression (or, from undecided, a warning)
        return high <= ruleOut                                          // a pass
    }
}
