import Foundation

/// Anytime-valid bounds for the rise of a candidate's failure rate over a fixed baseline's, the
/// candidate's runs arriving one by one: each bound is wrong at any time, however often it is
/// looked at, with probability at most `alpha`.
///
/// - Unpaired: the baseline is a fixed sample, so its rate gets Clopper-Pearson bounds at
///   `alpha / 2` each side; the candidate's rate a beta-binomial mixture confidence sequence
///   (`BetaMixtureSequence`) at `alpha / 2`. The rise lies in
///   `[candidate low - baseline high, candidate high - baseline low]`; the lower bound is wrong
///   only if the baseline's upper bound or the candidate's lower bound is, so with probability at
///   most `alpha / 2 + alpha / 2` (a union bound; the two samples need not even be independent).
/// - Paired: each candidate run of a case the baseline ran once is a pair. The rise is
///   `P(only the candidate failed) - P(only the baseline failed)`; each share of pairs gets a
///   mixture confidence sequence at `alpha / 2`, and the rise lies between their differences.
///   The baseline's uncertainty is inside each pair, and concordant pairs tighten the bounds
///   (both shares are small when few pairs disagree).
enum SequentialRateDifference {
    /// Bounds for the rise (proportions, candidate minus baseline); `spread` is the size of rise
    /// (a proportion) the mixture expects, which decides when its bounds are tightest.
    static func unpaired(baselineFailures x0: Int, baselineRuns n0: Int, candidateFailures x1: Double, candidateRuns n1: Double,
                         alpha: Double, spread: Double) -> IntervalEstimate {
        let baseline = ClopperPearsonInterval.bounds(count: x0, trials: n0, alpha: alpha / 2)
        let rate0 = n0 > 0 ? Double(x0) / Double(n0) : 0
        let candidate = BetaMixtureSequence(mean: rate0, spread: spread).bounds(sum: x1, count: n1, alpha: alpha / 2)
        let rate1 = n1 > 0 ? x1 / n1 : 0
        return IntervalEstimate(estimate: rate1 - rate0, low: candidate.low - baseline.high, high: candidate.high - baseline.low)
    }

    /// Bounds for the rise from `pairs` pairs, `candidateOnly` failing on the candidate's side
    /// alone and `baselineOnly` on the baseline's alone.
    static func paired(candidateOnly: Double, baselineOnly: Double, pairs: Double, alpha: Double, spread: Double) -> IntervalEstimate {
        let rise = pairs > 0 ? (candidateOnly - baselineOnly) / pairs : 0
        // Discordant pairs are expected to be few: the mixtures centre on a share of `spread`.
        let mixture = BetaMixtureSequence(mean: spread, spread: spread)
        let c = mixture.bounds(sum: candidateOnly, count: pairs, alpha: alpha / 2)
        let b = mixture.bounds(sum: baselineOnly, count: pairs, alpha: alpha / 2)
        return IntervalEstimate(estimate: rise, low: c.low - b.high, high: c.high - b.low)
    }

    /// The smallest level in (1e-15, 1) at which `holds(level)` (monotone: once true at a level,
    /// true at every larger one), to about 0.1 % relative: the anytime-valid p-value of the
    /// claim. 1 when it holds at no level below 0.999.
    static func smallestLevel(where holds: (Double) -> Bool) -> Double {
        guard holds(0.999) else { return 1 }
        if holds(1e-15) { return 1e-15 }
        var low = log(1e-15), high = log(0.999)   // holds at high, not at low
        while high - low > 1e-3 {
            let middle = (low + high) / 2
            if holds(exp(middle)) { high = middle } else { low = middle }
        }
        return exp(high)
    }
}
