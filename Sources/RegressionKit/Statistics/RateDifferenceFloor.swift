/// The narrowest interval for a rise of the failure rate, `D = candidate rate - baseline rate`,
/// that the counts alone allow. Every design's interval is widened to contain it, so no design
/// (a clustered standard error of zero when every case agrees, a paired interval with no
/// discordant case, a variance from one case) can claim more than the counts show.
///
/// The score floors hold always; the exact ones (Clopper-Pearson) are added where a variance
/// estimate is zero or undefined, or a side has few runs, where score bounds undercover.
/// Each bound is one-sided at the level of `z` (or `alpha`), the level of the interval it floors.
enum RateDifferenceFloor {
    /// Unpaired: the upper bound of `D` is never below the candidate's own upper bound minus the
    /// baseline's rate, nor below the candidate's rate minus the baseline's lower bound; the lower
    /// bound mirrors it. Newcombe's hybrid interval always contains this floor (its half-widths
    /// combine the same two distances by square and add).
    ///
    /// Example: 0 of 200 baseline runs and 0 of 10 candidate runs failed: at `z = 1.645` the
    /// upper bound is at least the Wilson bound of 0/10, `+0.213`.
    static func unpaired(baselineFailures x0: Int, baselineRuns n0: Int, candidateFailures x1: Int, candidateRuns n1: Int,
                         z: Double) -> ConfidenceBounds {
        guard n0 > 0, n1 > 0 else { return ConfidenceBounds(low: -1, high: 1) }
        return combine(WilsonInterval.bounds(count: x0, trials: n0, z: z), Double(x0) / Double(n0),
                       WilsonInterval.bounds(count: x1, trials: n1, z: z), Double(x1) / Double(n1))
    }

    /// The unpaired floor from Clopper-Pearson bounds at one-sided level `1 - alpha`.
    static func unpairedExact(baselineFailures x0: Int, baselineRuns n0: Int, candidateFailures x1: Int, candidateRuns n1: Int,
                              alpha: Double) -> ConfidenceBounds {
        guard n0 > 0, n1 > 0 else { return ConfidenceBounds(low: -1, high: 1) }
        return combine(ClopperPearsonInterval.bounds(count: x0, trials: n0, alpha: alpha), Double(x0) / Double(n0),
                       ClopperPearsonInterval.bounds(count: x1, trials: n1, alpha: alpha), Double(x1) / Double(n1))
    }

    /// Paired on `n` cases: `D = (b - c) / n`, with `b` the candidate-only failures (for cases run
    /// several times, the sum of the per-case rises `max(d_i, 0)`) and `c` the baseline-only ones
    /// (the sum of `max(-d_i, 0)`). `D` lies between `b/n - c/n` moved by the score bounds of
    /// either proportion, and, given the `m = b + c` discordant cases, at `(m / n)(2 pi - 1)` with
    /// `pi = b / m` moved by its score bounds. The floor is the widest of these, so that neither no
    /// discordant case (`b = c = 0`: the upper bound is the score bound of 0 of `n`) nor only
    /// discordant cases gives an interval narrower than the counts allow.
    static func paired(candidateOnly b: Double, baselineOnly c: Double, cases n: Double, z: Double) -> ConfidenceBounds {
        guard n > 0 else { return ConfidenceBounds(low: -1, high: 1) }
        var floor = combine(WilsonInterval.bounds(count: c, trials: n, z: z), c / n, WilsonInterval.bounds(count: b, trials: n, z: z), b / n)
        let m = b + c
        if m > 0 {
            let share = WilsonInterval.bounds(count: b, trials: m, z: z)
            floor.low = min(floor.low, m / n * (2 * share.low - 1))
            floor.high = max(floor.high, m / n * (2 * share.high - 1))
        }
        return floor
    }

    /// The paired floor's first part from Clopper-Pearson bounds at one-sided level `1 - alpha`; a
    /// fractional count is rounded away from the bound it serves (up for an upper bound, down for
    /// a lower one), so the bound stays exact or conservative.
    static func pairedExact(candidateOnly b: Double, baselineOnly c: Double, cases n: Int, alpha: Double) -> ConfidenceBounds {
        guard n > 0 else { return ConfidenceBounds(low: -1, high: 1) }
        func bounds(_ x: Double) -> ConfidenceBounds {
            let up = min(Int(x.rounded(.up)), n), down = min(Int(x.rounded(.down)), n)
            return ConfidenceBounds(low: ClopperPearsonInterval.bounds(count: down, trials: n, alpha: alpha).low,
                                    high: ClopperPearsonInterval.bounds(count: up, trials: n, alpha: alpha).high)
        }
        return combine(bounds(c), c / Double(n), bounds(b), b / Double(n))
    }

    /// `[min(l1 - p0, p1 - u0), max(u1 - p0, p1 - l0)]` (paired: the baseline-only and
    /// candidate-only proportions in the places of `p0` and `p1`).
    private static func combine(_ w0: ConfidenceBounds, _ p0: Double, _ w1: ConfidenceBounds, _ p1: Double) -> ConfidenceBounds {
        ConfidenceBounds(low: min(w1.low - p0, p1 - w0.high), high: max(w1.high - p0, p1 - w0.low))
    }
}

extension RateDifferenceEvidence {
    /// This evidence with its bounds widened to contain `floor` (clamped to `[-1, 1]`).
    func widened(toContain floor: ConfidenceBounds) -> RateDifferenceEvidence {
        var result = self
        result.low = max(min(low, floor.low), -1)
        result.high = min(max(high, floor.high), 1)
        return result
    }
}
