/// A closed confidence interval `[low, high]` on the real line.
///
/// Used for single-proportion intervals (Wilson), where both bounds are
/// proportions in `[0, 1]`. Which tail probability the bounds carry is decided
/// by the `z` the caller passes to the producing function: bounds computed at
/// `z = NormalDistribution.quantile(1 - alpha)` are each one-sided
/// `(1 - alpha)` bounds, i.e. together a two-sided `(1 - 2 alpha)` interval.
struct ConfidenceBounds: Sendable, Equatable {
    /// Lower bound, in the units of the estimated quantity.
    var low: Double
    /// Upper bound, in the units of the estimated quantity.
    var high: Double
}
