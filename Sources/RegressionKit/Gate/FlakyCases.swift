/// A case a version ran several times with both outcomes: its per-case failure rate is measured,
/// not declared. A case flaky in the baseline is never reported as newly failing (it failed there
/// too); the gate lists it with both sides' counts, and `regress-gate flaky` lists a version's.
package struct FlakyCase: Sendable, Equatable {
    /// The case key (`case_id`, else `input_summary`).
    package var caseKey: String
    /// The version's runs of the case, and how many failed (0 < failed < runs).
    package var runs: Int
    package var failedRuns: Int
    /// The other version's runs and failed runs of the case (0 and 0 when it never ran it); in a
    /// version's own list, these are its own again.
    package var otherRuns: Int
    package var otherFailedRuns: Int

    /// How flaky: the rarer outcome's share of the runs, 0...0.5 (0.5 fails half the time).
    package var flakiness: Double { Double(min(failedRuns, runs - failedRuns)) / Double(runs) }

    /// The flaky cases among `cases`, most flaky first (then most runs, then by key), with the
    /// counts `other` has for each.
    package static func among(_ cases: [String: CaseOutcome], other: [String: CaseOutcome] = [:]) -> [FlakyCase] {
        cases.compactMap { key, c -> FlakyCase? in
            guard c.runs >= 2, c.failures > 0, c.failures < c.runs else { return nil }
            let o = other[key] ?? CaseOutcome(runs: 0, failures: 0)
            return FlakyCase(caseKey: key, runs: c.runs, failedRuns: c.failures, otherRuns: o.runs, otherFailedRuns: o.failures)
        }.sorted {
            ($0.flakiness, $0.runs, $1.caseKey) > ($1.flakiness, $1.runs, $0.caseKey)
        }
    }
}
