/// Holm's step-down adjustment of p-values for multiple comparisons.
enum HolmAdjustment {
    /// Holm-adjusted p-values (probabilities in `[0, 1]`), in the same order as
    /// the input.
    ///
    /// Holm, S. (1979), "A simple sequentially rejective multiple test
    /// procedure", Scand J Statist 6:65-70. With the `m` p-values sorted
    /// ascending, `p(1) <= ... <= p(m)`, the adjusted value of the `i`-th
    /// smallest (1-based) is `min(1, max over j <= i of (m - j + 1) p(j))`,
    /// which makes the adjusted values monotone in the raw ones. Rejecting every
    /// hypothesis whose adjusted value is `<= alpha` controls the family-wise
    /// error rate at `alpha`. Computed with the same floating-point operations
    /// as `statsmodels.stats.multitest.multipletests(p, method='holm')`, so the
    /// results agree exactly. A NaN input is treated as `1` (no evidence).
    static func adjustedPValues(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let cleaned = pValues.map { $0.isNaN ? 1 : $0 }
        // Stable ascending order; ties get identical adjusted values anyway.
        let order = cleaned.indices.sorted { lhs, rhs in
            cleaned[lhs] < cleaned[rhs] || (cleaned[lhs] == cleaned[rhs] && lhs < rhs)
        }
        var adjusted = [Double](repeating: 1, count: m)
        var runningMax = 0.0
        for (rank, index) in order.enumerated() {
            let scaled = Double(m - rank) * cleaned[index]
            runningMax = max(runningMax, scaled)
            adjusted[index] = min(runningMax, 1)
        }
        return adjusted
    }
}
