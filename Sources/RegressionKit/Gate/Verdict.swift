/// The gate's answer, for the whole candidate or for one step.
///
/// Ordered by severity: `regressionDetected` > `warning` > `insufficientData` > `pass`;
/// the gate's verdict is the most severe of its parts.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    /// No regression beyond the policy's limits. An improvement is a pass.
    case pass = "PASS"
    /// No evidence of a regression, but too few runs to rule out one the policy cares about.
    case insufficientData = "INSUFFICIENT_DATA"
    /// Worse, but within what the policy tolerates; fails a gate only when asked to (see `fails(at:)`).
    case warning = "WARNING"
    /// Worse beyond the policy's limit: block the deploy.
    case regressionDetected = "REGRESSION_DETECTED"

    /// 0 for PASS up to 3 for REGRESSION_DETECTED.
    var severity: Int {
        switch self {
        case .pass: return 0
        case .insufficientData: return 1
        case .warning: return 2
        case .regressionDetected: return 3
        }
    }

    /// Orders verdicts by severity: `pass` < `insufficientData` < `warning` < `regressionDetected`.
    public static func < (a: Verdict, b: Verdict) -> Bool { a.severity < b.severity }

    /// Whether this verdict fails a gate that fails at `level` and anything more severe: the one
    /// rule behind the exit code, JUnit failures, annotation levels and test assertions.
    ///
    /// ```swift
    /// Verdict.warning.fails(at: .regressionDetected)   // false: the default gate passes a WARNING
    /// Verdict.warning.fails(at: .warning)              // true
    /// ```
    public func fails(at level: Verdict) -> Bool { self >= level }
}
