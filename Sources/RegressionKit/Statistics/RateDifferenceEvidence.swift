/// Evidence about a failure-rate difference `D = candidate rate - baseline rate`
/// (a difference of proportions, so all four fields except `pValue` are in
/// `[-1, 1]`; positive means the candidate fails more often).
///
/// `low`/`high` are one-sided confidence bounds at the level the caller chose, and
/// `pValue` is the one-sided p-value for `H0: D <= 0` against `H1: D > 0`
/// (the candidate is worse).
struct RateDifferenceEvidence: Sendable, Equatable {
    /// Estimated difference of failure rates, candidate minus baseline.
    var estimate: Double
    /// Lower confidence bound for the difference.
    var low: Double
    /// Upper confidence bound for the difference.
    var high: Double
    /// One-sided p-value that the candidate's failure rate is greater.
    var pValue: Double

    /// The result that carries no information: estimate `0`, bounds `[-1, 1]`,
    /// p-value `1`. Returned when the data cannot support any inference
    /// (no trials on a side, or too few clusters to estimate a variance).
    static let uninformative = RateDifferenceEvidence(estimate: 0, low: -1, high: 1, pValue: 1)
}
