extension BaselineExpectation {
    /// One failure of a check, as a value: what happened, in words where the library can say it
    /// (data escaped, as in every human format), and what the advice needs to be phrased.
    ///
    /// The advice (re-record, record, replace a damaged file) names commands: `swift test
    /// --filter`, `REGRESSION_RECORD`, `regress-gate baseline update`. The library knows no
    /// command line, so RegressionKitTesting finishes each message
    /// (`Internal/BaselineExpectation+Advice.swift`).
    package enum Failure: Sendable, Equatable {
        /// A message that needs no advice: a baseline recorded or re-recorded, nothing to
        /// compare, a file that could not be written, a log that lost lines.
        case said(String)
        /// The comparison failed and the baseline was kept: the verdict and findings
        /// (`report`), then how to re-record `version` on purpose (from `logFile` too, when the
        /// records were also written to one).
        case regressed(report: String, version: String, logFile: String?)
        /// There is no baseline and the record mode does not write one: what happened, then how
        /// to record it (which depends on what chose the mode).
        case notRecorded(problem: String)
        /// The baseline could not be read and the record mode does not replace it: the error,
        /// then how to restore, re-create or re-record it.
        case unreadable(BaselineError)
    }
}
