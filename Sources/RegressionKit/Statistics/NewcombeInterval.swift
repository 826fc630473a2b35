import Foundation

/// Newcombe's hybrid score ("square-and-add") intervals for a difference of
/// two failure rates, `D = candidate rate - baseline rate` (positive = the
/// candidate is worse). Both combine Wilson intervals for the two rates.
enum NewcombeInterval {
    /// Interval for `D = x1/n1 - x0/n0` from two independent samples.
    ///
    /// Newcombe, R. G. (1998), "Interval estimation for the difference between
    /// independent proportions: comparison of eleven methods", Stat Med
    /// 17:873-890, method 10. With Wilson bounds `(l0, u0)` and `(l1, u1)` at
    /// `z` (`WilsonInterval.bounds`):
    /// `L = D - sqrt((p1 - l1)^2 + (u0 - p0)^2)`,
    /// `U = D + sqrt((u1 - p1)^2 + (p0 - l0)^2)`.
    /// Each bound is one-sided at level `Phi(z)`. Matches statsmodels'
    /// `confint_proportions_2indep(x1, n1, x0, n0, method='newcomb')` at
    /// `alpha = 2 * (1 - Phi(z))`. The bounds always lie in `[-1, 1]`.
    /// If either side has no trials the result is uninformative: estimate `0`,
    /// bounds `[-1, 1]`.
    ///
    /// - Precondition: `0 <= x0 <= n0`, `0 <= x1 <= n1`, `z >= 0`.
    static func unpaired(
        baselineFailures x0: Int,
        baselineTrials n0: Int,
        candidateFailures x1: Int,
        candidateTrials n1: Int,
        z: Double
    ) -> IntervalEstimate {
        let w0 = WilsonInterval.bounds(count: x0, trials: n0, z: z)
        let w1 = WilsonInterval.bounds(count: x1, trials: n1, z: z)
        guard n0 > 0, n1 > 0 else { return IntervalEstimate(estimate: 0, low: -1, high: 1) }
        let p0 = Double(x0) / Double(n0)
        let p1 = Double(x1) / Double(n1)
        let d = p1 - p0
        let below = hypot(p1 - w1.low, w0.high - p0)
        let above = hypot(w1.high - p1, p0 - w0.low)
        return IntervalEstimate(estimate: d, low: max(d - below, -1), high: min(d + above, 1))
    }

    /// Interval for the paired difference `D = (b - c) / n` of the candidate's
    /// and the baseline's failure rates on the same `n` cases.
    ///
    /// Cells: `a` = both fail, `b` = only the candidate fails, `c` = only the
    /// baseline fails, `d` = both pass; `n = a + b + c + d`. The candidate's
    /// rate is `p1 = (a + b)/n`, the baseline's `p0 = (a + c)/n`.
    ///
    /// Newcombe, R. G. (1998b), "Improved confidence intervals for the
    /// difference between binomial proportions based on paired data", Stat Med
    /// 17:2635-2650, method 10: with Wilson bounds `(l1, u1)` for `p1` and
    /// `(l0, u0)` for `p0` at `z`,
    /// `L = D - sqrt((p1 - l1)^2 - 2 phi (p1 - l1)(u0 - p0) + (u0 - p0)^2)`,
    /// `U = D + sqrt((u1 - p1)^2 - 2 phi (u1 - p1)(p0 - l0) + (p0 - l0)^2)`,
    /// where `phi` is the continuity-corrected correlation of `correctedPhi`.
    /// Each bound is one-sided at level `Phi(z)` (the paper tabulates
    /// `z = 1.96`). The bounds always lie in `[-1, 1]`; `n == 0` gives the
    /// uninformative estimate `0`, bounds `[-1, 1]`.
    ///
    /// - Precondition: all cells non-negative, `z >= 0`.
    static func paired(
        bothFail a: Int,
        candidateOnlyFails b: Int,
        baselineOnlyFails c: Int,
        bothPass d: Int,
        z: Double
    ) -> IntervalEstimate {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "cells must be non-negative")
        let n = a + b + c + d
        guard n > 0 else { return IntervalEstimate(estimate: 0, low: -1, high: 1) }
        let w1 = WilsonInterval.bounds(count: a + b, trials: n, z: z)
        let w0 = WilsonInterval.bounds(count: a + c, trials: n, z: z)
        let p1 = Double(a + b) / Double(n)
        let p0 = Double(a + c) / Double(n)
        let difference = Double(b - c) / Double(n)
        let phi = correctedPhi(a: a, b: b, c: c, d: d)
        let below = combined(p1 - w1.low, w0.high - p0, phi: phi)
        let above = combined(w1.high - p1, p0 - w0.low, phi: phi)
        return IntervalEstimate(
            estimate: difference,
            low: max(difference - below, -1),
            high: min(difference + above, 1))
    }

    /// The continuity-corrected phi coefficient of Newcombe (1998b), method 10
    /// (dimensionless, in `[-1, 1]`).
    ///
    /// `phi = (ad - bc) / sqrt((a+b)(c+d)(a+c)(b+d))`, except that (i) `phi = 0`
    /// when that denominator is zero (any empty margin), and (ii) when
    /// `ad > bc` the numerator is replaced by `max(ad - bc - n/2, 0)`; a
    /// negative `ad - bc` is used as it is. Correction (ii) is what separates
    /// method 10 from method 8 and keeps the interval from collapsing to zero
    /// width for tables such as `(27, 0, 0, 27)`.
    static func correctedPhi(a: Int, b: Int, c: Int, d: Int) -> Double {
        let margins = Double(a + b) * Double(c + d) * Double(a + c) * Double(b + d)
        guard margins > 0 else { return 0 }
        let cross = Double(a) * Double(d) - Double(b) * Double(c)
        let half = Double(a + b + c + d) / 2
        let numerator = cross > 0 ? max(cross - half, 0) : cross
        return numerator / margins.squareRoot()
    }

    /// `sqrt(x^2 - 2 phi x y + y^2)`, the square-and-add combination of two
    /// one-sided Wilson distances with correlation `phi`; never negative.
    private static func combined(_ x: Double, _ y: Double, phi: Double) -> Double {
        max(x * x - 2 * phi * x * y + y * y, 0).squareRoot()
    }
}
