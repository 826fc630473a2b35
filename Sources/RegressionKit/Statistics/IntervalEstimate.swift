/// A point estimate together with its confidence bounds.
///
/// Used for differences of failure rates (Newcombe intervals; the estimate is
/// candidate minus baseline, so positive means the candidate is worse) and for
/// location shifts (Hodges-Lehmann; the estimate is candidate minus baseline on
/// whatever scale the samples were given, e.g. log latency).
/// `low <= estimate <= high` holds whenever the interval is informative.
struct IntervalEstimate: Sendable, Equatable {
    /// The point estimate.
    var estimate: Double
    /// Lower confidence bound, same units as `estimate`.
    var low: Double
    /// Upper confidence bound, same units as `estimate`.
    var high: Double
}
