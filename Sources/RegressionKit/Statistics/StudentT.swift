import Foundation

/// Student's t distribution with `nu` degrees of freedom: any real `nu >= 1`
/// (not only integers), and `nu = +infinity` for the standard normal.
///
/// The reference distribution for a mean over few independent clusters: with
/// `k` clusters, `(mean - mu) / SE` is close to t with `k - 1` degrees of
/// freedom, whose heavier tails than the normal's keep a one-sided test at its
/// nominal level when `k` is 10 to 30 (Cameron & Miller 2015, "A
/// Practitioner's Guide to Cluster-Robust Inference", J Hum Resour 50(2),
/// section VI.C).
///
/// Example: `StudentT.quantile(0.95, degreesOfFreedom: 9)` is `1.833112932656237`
/// (the normal's is 1.645), and `StudentT.survival(1.833112932656237,
/// degreesOfFreedom: 9)` is `0.05`.
///
/// Every function requires `degreesOfFreedom >= 1` (a precondition; NaN fails it).
enum StudentT {
    /// Lower-tail probability `P(T <= t)`, a probability in `[0, 1]`, with
    /// relative accuracy about `1e-13` in both tails (worst `5e-14` against
    /// scipy over `nu` from 1 to `1e5`).
    static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        survival(-t, degreesOfFreedom: nu)
    }

    /// Upper-tail probability `P(T > t) = 1 - cdf(t)`, a probability in `[0, 1]`:
    /// the one-sided p-value of an observed t statistic, with full relative
    /// accuracy in the upper tail.
    ///
    /// `P(|T| > s) = I_w(nu / 2, 1 / 2)` with `w = nu / (nu + s^2)` (Abramowitz
    /// & Stegun 26.7.1 and 26.5.27), from `IncompleteBeta.regularized`.
    static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu >= 1, "Student t needs at least 1 degree of freedom")
        if t.isNaN { return .nan }
        if nu == .infinity { return NormalDistribution.survival(t) }
        if t == 0 { return 0.5 }
        let u = abs(t) / nu.squareRoot()
        let beyond: Double
        if u > 1e50 {
            // w < 1e-100: I_w(nu/2, 1/2) = w^(nu/2) / ((nu/2) B(nu/2, 1/2)) to within a factor 1 + O(w),
            // in logs, since w itself would underflow for u beyond 1e154.
            beyond = 0.5 * exp(-nu * log(u) - IncompleteBeta.logBeta(nu / 2, 0.5)) / (nu / 2)
        } else {
            let (w, y) = split(u)
            beyond = 0.5 * IncompleteBeta.regularized(x: w, y: y, a: nu / 2, b: 0.5).lower
        }
        return t > 0 ? beyond : 1 - beyond
    }

    /// The density at `t` (per unit of `t`):
    /// `(1 + t^2 / nu)^(-(nu + 1) / 2) / (sqrt(nu) B(nu / 2, 1 / 2))`.
    static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        exp(logDensity(t, nu))
    }

    /// The natural logarithm of `density(t)`, finite where the density itself underflows.
    private static func logDensity(_ t: Double, _ nu: Double) -> Double {
        precondition(nu >= 1, "Student t needs at least 1 degree of freedom")
        if nu == .infinity { return -t * t / 2 - 0.5 * log(2 * Double.pi) }
        let u = abs(t) / nu.squareRoot()
        let logOnePlusU2 = u <= 1 ? log1p(u * u) : 2 * log(u) + log1p(1 / (u * u))
        return -(nu + 1) / 2 * logOnePlusU2 - 0.5 * log(nu) - IncompleteBeta.logBeta(nu / 2, 0.5)
    }

    /// The quantile function: the `t` with `P(T <= t) = p`, in the units of the
    /// statistic (a critical value). Accurate to about `1e-13` relative (worst
    /// `5e-14` of `max(1, |t|)` against scipy), so to `1e-11` absolute for `|t| <= 100`.
    ///
    /// Starts from Hill's approximation (G. W. Hill 1970, "Algorithm 396:
    /// Student's t-quantiles", Commun ACM 13(10), 619-620; exact for `nu` of 1
    /// and 2) and refines it by Newton's method on `log P(T > t)` (in `log t` beyond
    /// `t = 1`, where the tail is nearly a power law), kept inside a
    /// bracket that every step narrows and falling back to bisection whenever a
    /// Newton step leaves it, so it converges for every `p` and `nu`. Returns
    /// `-infinity` for `p == 0`, `+infinity` for `p == 1`, NaN outside `[0, 1]`.
    static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu >= 1, "Student t needs at least 1 degree of freedom")
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if nu == .infinity { return NormalDistribution.quantile(p) }
        let tail = p < 0.5 ? p : 1 - p  // 1 - p is exact for p >= 1/2
        if tail == 0.5 { return 0 }
        let t = upperQuantile(tail, nu)
        return p < 0.5 ? -t : t
    }

    /// `w = nu / (nu + s^2) = 1 / (1 + u^2)` and `1 - w`, for `u = s / sqrt(nu)`, without cancellation.
    private static func split(_ u: Double) -> (w: Double, y: Double) {
        if u <= 1 {
            let u2 = u * u
            return (1 / (1 + u2), u2 / (1 + u2))
        }
        let r2 = 1 / u / u
        return (r2 / (1 + r2), 1 / (1 + r2))
    }

    /// The `t > 0` with `P(T > t) = q`, for `0 < q < 1/2`.
    private static func upperQuantile(_ q: Double, _ nu: Double) -> Double {
        var t = hillStart(q, nu)
        if !(t.isFinite && t > 0) { t = max(-NormalDistribution.quantile(q), 1) }
        var low = 0.0, high = Double.infinity
        for _ in 0..<200 {
            let s = survival(t, degreesOfFreedom: nu)
            if s == q { return t }
            if s > q { low = t } else { high = t }
            // Newton's step for log P(T > t) = log q, whose slope is -density / P; beyond t = 1 in
            // log t, where the tail is nearly a power law (log P linear in log t), so a step lands
            // close from afar. P / density is formed in logs: both underflow in the far tail.
            let gap = log(s / q), ratio = exp(log(s) - logDensity(t, nu))
            var next = t > 1 ? t * exp(gap * ratio / t) : t + gap * ratio
            // Newton converges quadratically: after a step this small the error is far smaller
            // still, below the noise of P itself (about 1e-14 relative).
            if next >= low, next <= high, abs(next - t) <= 1e-12 * t { return next }
            if !(next > low && next < high) {
                if high == .infinity {
                    next = 2 * t
                } else if low > 0, high > 4 * low {
                    next = low.squareRoot() * high.squareRoot()
                } else {
                    next = low + (high - low) / 2
                }
                if next <= low || next >= high { return t }  // the bracket is down to adjacent doubles
            }
            t = next
        }
        return t
    }

    /// Hill's (1970) starting value for the upper quantile at one-sided tail `q`.
    private static func hillStart(_ q: Double, _ nu: Double) -> Double {
        let p = 2 * q  // Hill's two-sided probability
        if nu == 2 { return (2 / (p * (2 - p)) - 2).squareRoot() }
        if nu == 1 { return 1 / tan(p * Double.pi / 2) }
        let a = 1 / (nu - 0.5)
        let b = 48 / (a * a)
        var c = ((20700 * a / b - 98) * a - 16) * a + 96.36
        let d = ((94.5 / (b + c) - 3) / b + 1) * (a * Double.pi / 2).squareRoot() * nu
        var y = pow(d * p, 2 / nu)
        if y > 0.05 + a {
            // Inverse Cornish-Fisher expansion about the normal quantile.
            let x = NormalDistribution.quantile(q)
            y = x * x
            if nu < 5 { c += 0.3 * (nu - 4.5) * (x + 0.6) }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
            y = expm1(a * y * y)
        } else {
            y = ((1 / (((nu + 6) / (nu * y) - 0.089 * d - 0.822) * (nu + 2) * 3) + 0.5 / (nu + 4)) * y - 1)
                * (nu + 1) / (nu + 2) + 1 / y
        }
        return (nu * y).squareRoot()
    }
}
