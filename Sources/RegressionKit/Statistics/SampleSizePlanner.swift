/// Planning how many runs per side a comparison needs.
enum SampleSizePlanner {
    /// The largest number of runs per side the search will consider.
    static let maximumRunsPerSide = 10_000_000

    /// Smallest number of runs per side, `n`, such that if both sides showed
    /// the baseline failure rate `p0` over `n` runs each (`x = round(p0 n)`
    /// failures, rounding halves away from zero), the upper Newcombe bound
    /// (unpaired, `NewcombeInterval.unpaired`) on the difference would be at
    /// most `margin`, at `z = NormalDistribution.quantile(1 - alpha)`. In other
    /// words: how many runs it takes to rule out a regression of `margin`
    /// (a difference of proportions) at one-sided level `alpha`, if nothing
    /// actually changed.
    ///
    /// Search: `n = 1, 2, 4, ...` (doubling, capped at
    /// `maximumRunsPerSide`) until the bound is met, then bisection between
    /// the last failing and the first passing `n`. Because `x` is rounded, the
    /// bound is only approximately monotone in `n`; the returned `n` always
    /// meets the bound and `n - 1` does not (or `n == 1`), but an isolated
    /// smaller `n` below an earlier failing size might also meet it.
    ///
    /// - Returns: `nil` if even `maximumRunsPerSide` runs do not suffice
    ///   (e.g. `margin <= 0`).
    /// - Precondition: `0 <= p0 <= 1`, `0 < alpha < 1`.
    static func runsPerSideToRuleOut(margin: Double, baselineRate p0: Double, alpha: Double) -> Int? {
        precondition(p0 >= 0 && p0 <= 1, "baseline rate must be in [0, 1]")
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
        let z = NormalDistribution.quantile(1 - alpha)
        func meets(_ n: Int) -> Bool {
            let x = min(max(Int((p0 * Double(n)).rounded(.toNearestOrAwayFromZero)), 0), n)
            let interval = NewcombeInterval.unpaired(
                baselineFailures: x, baselineTrials: n, candidateFailures: x, candidateTrials: n, z: z)
            return interval.high <= margin
        }
        var failing = 0  // largest size known not to meet the bound (0: none tried)
        var trial = 1
        while !meets(trial) {
            if trial == maximumRunsPerSide { return nil }
            failing = trial
            trial = min(trial * 2, maximumRunsPerSide)
        }
        var passing = trial  // smallest size known to meet the bound
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            if meets(middle) { passing = middle } else { failing = middle }
        }
        return passing
    }
}
