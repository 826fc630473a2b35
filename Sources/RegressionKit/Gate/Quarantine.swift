/// A case left out of every test until a day: a policy file's
/// `"quarantine": [{"case": "...", "until": "2027-01-31", "reason": "..."}]`.
///
/// While the logs' latest day (or the day the check is judged as of) is on or before `until`,
/// the case counts in no rate, pairing, must-pass, flaky or newly-failing list, nor in the
/// per-case pass-rate rule; the report lists it with its outcome. Once that day is after
/// `until`, the case counts again and the report says its quarantine expired. The wall clock
/// is never read: the same logs give the same verdict on any day.
struct QuarantineEntry: Sendable, Equatable {
    /// The case key (`case_id`, else `input_summary`).
    var caseKey: String
    /// The last day the case is left out.
    var until: LogDay
    /// Why, as the policy says it (may be empty).
    var reason: String
}

/// A quarantined case as the gate reports it.
package struct QuarantinedCase: Sendable, Equatable {
    package var caseKey: String
    /// The last day of the quarantine, `YYYY-MM-DD`.
    package var until: String
    package var reason: String
    /// Whether the day judged is after `until`: the case counted in every test.
    package var expired: Bool
    /// The candidate's runs of the case and how many failed (0 and 0 when it never ran it).
    package var candidateRuns: Int
    package var candidateFailedRuns: Int
}

/// The policy's quarantine entries, judged on one day.
struct QuarantineRule: Sendable, Equatable {
    var entries: [QuarantineEntry] = []

    /// The entries with whether each has expired on `day` (nil: no day is known, none has), and
    /// the candidate's outcome of each; in the policy's order, a case listed twice taken once
    /// (its latest `until`).
    func judge(on day: LogDay?, candidate: VersionStats) -> [QuarantinedCase] {
        var latest: [String: QuarantineEntry] = [:]
        var order: [String] = []
        for e in entries {
            if let seen = latest[e.caseKey] {
                if e.until > seen.until { latest[e.caseKey] = e }
            } else {
                latest[e.caseKey] = e
                order.append(e.caseKey)
            }
        }
        return order.map { key in
            let e = latest[key]!
            let ran = candidate.cases[key] ?? CaseOutcome(runs: 0, failures: 0)
            return QuarantinedCase(caseKey: key, until: e.until.description, reason: e.reason,
                                   expired: day.map { $0 > e.until } ?? false,
                                   candidateRuns: ran.runs, candidateFailedRuns: ran.failures)
        }
    }
}
