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
            let x = count(p0, n)
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

extension SampleSizePlanner {
    /// Whether counts settle a verdict: baseline failures and runs, candidate failures and runs
    /// (the gate supplies its own rule).
    typealias Settles = (_ baselineFailures: Int, _ baselineRuns: Int, _ candidateFailures: Int, _ candidateRuns: Int) -> Bool

    /// The smallest number of candidate runs that would settle the verdict against the baseline as
    /// it stands (`x0` of `n0` runs failed), if the candidate kept failing at `candidateRate`:
    /// counts `round(candidateRate * n)` of `n`, searched from `currentRuns + 1` by doubling and
    /// bisection as in `runsPerSideToRuleOut`. Nil when even `maximumRunsPerSide` runs do not:
    /// the baseline's own uncertainty, or a rise near the tolerance, keeps it open.
    static func candidateRunsToSettle(baselineFailures x0: Int, baselineRuns n0: Int, candidateRate: Double, currentRuns: Int,
                                      settles: Settles) -> Int? {
        smallest(from: currentRuns + 1) { n in
            settles(x0, n0, count(candidateRate, n), n)
        }
    }

    /// The smallest number of runs per side, both sides new at `baselineRate` and `candidateRate`,
    /// that would settle the verdict; nil when no number up to `maximumRunsPerSide` does.
    static func runsPerSideToSettle(baselineRate: Double, candidateRate: Double, currentRuns: Int, settles: Settles) -> Int? {
        smallest(from: currentRuns + 1) { n in
            settles(count(baselineRate, n), n, count(candidateRate, n), n)
        }
    }

    /// `rate * n` rounded, halves away from zero, within `0...n`.
    fileprivate static func count(_ rate: Double, _ n: Int) -> Int {
        min(max(Int((rate * Double(n)).rounded(.toNearestOrAwayFromZero)), 0), n)
    }

    /// The smallest `n >= start` (up to `maximumRunsPerSide`) that `meets`: the step doubles until
    /// a size meets it, then the sizes since the last that did not are scanned one by one when they
    /// are at most 500 (counts are rounded, so `meets` is only nearly monotone, and at small sizes
    /// one more run can move a rounded count), else bisected.
    private static func smallest(from start: Int, _ meets: (Int) -> Bool) -> Int? {
        var failing = start - 1, trial = max(start, 1), step = max(start, 1)
        while !meets(trial) {
            if trial >= maximumRunsPerSide { return nil }
            failing = trial
            trial = min(trial + step, maximumRunsPerSide)
            step *= 2
        }
        if trial - failing <= 500 {
            return (failing + 1..<trial).first(where: meets) ?? trial
        }
        var passing = trial
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            if meets(middle) { passing = middle } else { failing = middle }
        }
        return passing
    }
}
