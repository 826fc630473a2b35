import Foundation

/// An anytime-valid confidence sequence for the mean of observations in `[0, 1]`: the conjugate
/// beta-binomial mixture of Howard, Ramdas, McAuliffe & Sekhon (2021, Ann. Stat. 49:1055-1080,
/// section 3.2; the mixture sequential probability ratio test of Robbins 1970).
///
/// For a candidate mean `q`, after `n` observations summing to `s`,
/// `M_n(q) = B(a + s, b + n - s) / B(a, b) / (q^s (1 - q)^(n - s))` is the likelihood ratio of a
/// Beta(a, b) mixture of Bernoulli alternatives against Bernoulli(q). It is a nonnegative
/// martingale with `M_0 = 1` when the observations are Bernoulli(q), and a supermartingale when
/// they are any `[0, 1]` values of mean `q` (`w -> x^w y^(1-w)` is convex, so each factor's mean
/// is at most its Bernoulli mean, 1). Ville's inequality then bounds
/// `P(M_n(q) >= 1/alpha for some n) <= alpha`: the set `{q : M_n(q) < 1/alpha}` covers the true
/// mean at every `n` at once with probability at least `1 - alpha`, however often it is looked at
/// and whenever the looking stops. `log M_n(q)` is convex in `q` with its minimum (at most 0) at
/// `s / n`, so the set is an interval found by bisection on each side.
///
/// `M_n` depends on the observations only through `(s, n)`: the bounds after the first `n`
/// observations do not depend on their order, so counts of a log's first `n` runs are enough.
struct BetaMixtureSequence: Sendable, Equatable {
    /// The mixture's mean, in (0, 1): where alternatives are expected (a baseline's rate).
    var priorMean: Double
    /// The mixture's concentration `a + b` (> 0): smaller spreads the alternatives wider, which
    /// suits large effects seen early; larger suits small effects seen late.
    var priorConcentration: Double

    /// The mixture centred on `mean` (clamped into [0.001, 0.999]) whose alternatives spread about
    /// `spread` (a standard deviation, in the units of the mean) around it.
    init(mean: Double, spread: Double) {
        let m = min(max(mean, 0.001), 0.999)
        priorMean = m
        priorConcentration = max(m * (1 - m) / (spread * spread) - 1, 0.5)
    }

    /// `log M_n(q)` after `count` observations summing to `sum` (`0 <= sum <= count`).
    func logEValue(sum s: Double, count n: Double, mean q: Double) -> Double {
        let a = priorMean * priorConcentration, b = (1 - priorMean) * priorConcentration
        let mixture = Self.logBeta(a + s, b + n - s) - Self.logBeta(a, b)
        let null = (s > 0 ? s * log(q) : 0) + (n - s > 0 ? (n - s) * log1p(-q) : 0)
        return mixture - null
    }

    /// The confidence sequence's interval for the mean at level `1 - alpha` (both sides together:
    /// each side is wrong at some time with probability at most `alpha`, the two at most `alpha`).
    /// `[0, 1]` before any observation.
    func bounds(sum: Double, count: Double, alpha: Double) -> ConfidenceBounds {
        precondition(alpha > 0 && alpha < 1 && count >= 0 && sum >= 0 && sum <= count + 1e-9)
        guard count > 0 else { return ConfidenceBounds(low: 0, high: 1) }
        let s = min(sum, count), threshold = -log(alpha)
        let centre = s / count
        // Outside the interval `log M >= threshold`; `log M` falls towards `centre`.
        func crossing(from outside: Double, to inside: Double) -> Double {
            var out = outside, inn = inside
            for _ in 0..<100 {
                let middle = (out + inn) / 2
                guard middle != out && middle != inn else { break }
                if logEValue(sum: s, count: count, mean: middle) >= threshold { out = middle } else { inn = middle }
            }
            return (out + inn) / 2
        }
        let low = s <= 0 || logEValue(sum: s, count: count, mean: 0) < threshold ? 0 : crossing(from: 0, to: centre)
        let high = s >= count || logEValue(sum: s, count: count, mean: 1) < threshold ? 1 : crossing(from: 1, to: centre)
        return ConfidenceBounds(low: low, high: high)
    }

    static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
}
