import Foundation

/// A failing input worth adding to the eval set: failure-forensics' `candidates.jsonl` record.
///
/// ```json
/// {"query": "Aynı sorgu iki kere patladı", "failure_count": 3, "root_cause_category": "RETRIEVAL_QUALITY",
///  "first_seen": "2026-06-11T01:53:53.961023+00:00", "last_seen": "2026-06-11T01:53:53.963734+00:00", "auto_add_eligible": true}
/// ```
package struct EvalCandidate: Sendable, Equatable {
    /// The failing input (the first failed step's `input_summary`, trimmed).
    var query: String
    /// Failed runs whose first failure had this input.
    var failureCount: Int
    /// The category of the first such run (a person may change it in the file; merging keeps theirs).
    var rootCauseCategory: String
    /// Timestamps (as written) of the earliest and latest such failure.
    var firstSeen: String
    var lastSeen: String
    /// Failed often enough (3 times by default) to be added without review.
    var autoAddEligible: Bool
    /// Keys a person added to the line (notes, an expected answer, ...), kept as they are.
    var extra: [String: JSONValue] = [:]

    /// Creates a candidate line.
    init(query: String, failureCount: Int, rootCauseCategory: String, firstSeen: String, lastSeen: String, autoAddEligible: Bool) {
        self.query = query
        self.failureCount = failureCount
        self.rootCauseCategory = rootCauseCategory
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.autoAddEligible = autoAddEligible
    }
}

/// Collects eval-set candidates from explained runs, by failure-forensics' rules
/// (`eval_collector.collect_candidates`):
///
/// - each failed run counts once, under the trimmed `input_summary` of its first failed step
///   (empty inputs and failure-forensics' simulator's `Simulated...` placeholders are skipped);
/// - the category is that of the first such run, in log order;
/// - a query is a candidate from `minimumFailures` (2) failures and eligible for automatic
///   addition from `eligibleAt` (3); candidates come in order of their first failure.
///
/// `first_seen` and `last_seen` are the earliest and latest failure by instant (failure-forensics
/// takes the first and last in log order: the same on time-ordered logs).
package struct EvalCandidates: Sendable {
    /// Failures that make an input a candidate (failure-forensics' 2).
    var minimumFailures: Int
    /// Failures that make it eligible for automatic addition (failure-forensics' 3).
    package var eligibleAt: Int

    /// The rules with failure-forensics' thresholds by default.
    package init(minimumFailures: Int = 2, eligibleAt: Int = 3) {
        self.minimumFailures = minimumFailures
        self.eligibleAt = eligibleAt
    }

    /// The candidates among `runs` (in order of first appearance, as `ForensicsAnalysis.failedRuns`).
    package func collect(_ runs: [RunAnalysis]) -> [EvalCandidate] {
        var tally = Tally()
        for run in runs where run.failed {
            let ts = run.failedAt ?? ""
            tally.add(input: run.inputSummary ?? "", failures: 1, firstSeen: ts, lastSeen: ts) { run.category }
        }
        return candidates(from: tally)
    }

    /// The tallied inputs that are candidates, in order of first appearance, marked eligible by
    /// these rules.
    func candidates(from tally: Tally) -> [EvalCandidate] {
        tally.candidates.compactMap { candidate in
            var c = candidate
            guard c.failureCount >= minimumFailures else { return nil }
            c.autoAddEligible = c.failureCount >= eligibleAt
            return c
        }
    }

    /// Failures by trimmed input, in order of first appearance, with the category of the first
    /// and the earliest and latest timestamp by instant: the same tally for the runs of a log
    /// (`collect`) and the failing-input rows of an engine's aggregates.
    struct Tally {
        private var order: [String] = []
        private var found: [String: (candidate: EvalCandidate, first: Int64?, last: Int64?)] = [:]

        /// Adds `failures` failures of `input`, seen first at `firstSeen` and last at `lastSeen`
        /// (timestamps as written); `category` is asked for an input seen the first time only.
        /// Empty inputs and failure-forensics' simulator's `Simulated...` placeholders are skipped.
        mutating func add(input: String, failures: Int, firstSeen: String, lastSeen: String, category: () -> RootCauseCategory) {
            let query = input.trimmingCharacters(in: .whitespacesAndNewlines)
            if query.isEmpty || query.hasPrefix("Simulated") { return }
            let firstInstant = LogTimestamp(firstSeen)?.microsecondsSinceEpoch
            let lastInstant = lastSeen == firstSeen ? firstInstant : LogTimestamp(lastSeen)?.microsecondsSinceEpoch
            guard var entry = found[query] else {
                order.append(query)
                found[query] = (EvalCandidate(query: query, failureCount: failures, rootCauseCategory: category().rawValue,
                                              firstSeen: firstSeen, lastSeen: lastSeen, autoAddEligible: false), firstInstant, lastInstant)
                return
            }
            entry.candidate.failureCount += failures
            if let firstInstant, let known = entry.first, firstInstant < known {
                entry.candidate.firstSeen = firstSeen
                entry.first = firstInstant
            }
            if lastInstant == nil || entry.last == nil || lastInstant! >= entry.last! {
                entry.candidate.lastSeen = lastSeen
                entry.last = lastInstant
            }
            found[query] = entry
        }

        /// Every input tallied, in order of first appearance.
        var candidates: [EvalCandidate] { order.map { found[$0]!.candidate } }
    }
}
