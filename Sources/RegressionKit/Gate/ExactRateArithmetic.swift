/// Exact comparisons of failure-rate differences, in integers.
///
/// Rates are fractions; comparing them as doubles makes 4/20 - 3/20 come out as
/// 5.000000000000002 pp, "more than 5 pp" by rounding alone. These functions compare
/// the fractions exactly, with 128-bit products, for counts up to about 3 billion.
enum ExactRateArithmetic {
    /// Threshold and rate-limit resolution: values are rounded to this many parts per unit.
    static let scale = 1_000_000

    /// Whether x1/n1 - x0/n0 > thresholdPP / 100, exactly (thresholdPP rounded to 1e-6 pp).
    ///
    /// `100 * (x1 * n0 - x0 * n1) > thresholdPP * n0 * n1`.
    static func deltaExceeds(x0: Int, n0: Int, x1: Int, n1: Int, thresholdPP: Double) -> Bool {
        precondition(n0 > 0 && n1 > 0)
        let numerator = x1 * n0 - x0 * n1
        let t = Int((thresholdPP * Double(scale)).rounded())
        // 100 * scale * numerator > t * n0 * n1
        return compare(wide(numerator, 100 * scale), wide(n0 * n1, t)) > 0
    }

    /// Whether x/n > limit (a rate 0...1, rounded to 1e-6), exactly.
    static func rateExceeds(x: Int, n: Int, limit: Double) -> Bool {
        precondition(n > 0)
        let l = Int((limit * Double(scale)).rounded())
        return compare(wide(x, scale), wide(n, l)) > 0
    }

    /// Orders x1/n1 - x0/n0 against y1/m1 - y0/m0: -1, 0 or 1. Exact.
    static func compareDeltas(_ a: (x0: Int, n0: Int, x1: Int, n1: Int), _ b: (x0: Int, n0: Int, x1: Int, n1: Int)) -> Int {
        // (a.x1 n0a - a.x0 n1a) / (n0a n1a)  vs  (b...) / (n0b n1b); denominators positive.
        let an = a.x1 * a.n0 - a.x0 * a.n1, ad = a.n0 * a.n1
        let bn = b.x1 * b.n0 - b.x0 * b.n1, bd = b.n0 * b.n1
        return compare(wide(an, bd), wide(bn, ad))
    }

    private static func wide(_ a: Int, _ b: Int) -> (high: Int, low: UInt) {
        a.multipliedFullWidth(by: b)
    }

    private static func compare(_ a: (high: Int, low: UInt), _ b: (high: Int, low: UInt)) -> Int {
        if a.high != b.high { return a.high < b.high ? -1 : 1 }
        if a.low != b.low { return a.low < b.low ? -1 : 1 }
        return 0
    }
}
