/// The failure rates two versions are compared on, tested as one family and Holm-adjusted
/// together: what the statistical policy gates on and what `compare` names winners by.
///
/// The family is the overall run failure rate and, for each step both versions ran, the step's
/// rate over the runs that reached it. A step whose samples are the overall rate's on both sides
/// (every run reached it, and it failed in exactly the runs that failed) is the same metric: it
/// is tested once, as the overall rate, and is not counted again in the family, where it would
/// raise every other rate's adjusted p-value.
struct FailureRateFamily: Sendable {
    /// One rate of the family.
    struct Member: Sendable {
        /// The step, or nil for the overall run failure rate.
        var step: String?
        var baseline: RateSample
        var candidate: RateSample
    }

    /// The overall rate first, then the steps in the order given.
    let members: [Member]
    /// Steps both versions ran whose rate is the overall rate: tested once, as the overall rate.
    let testedAsOverall: Set<String>

    /// How many rates are tested (m, which each test's level divides alpha by).
    var size: Int { members.count }

    /// The family of `baseline` against `candidate` over `steps` (names in the order reports list
    /// them); per-case outcomes are kept only when `pairing`, so the tests may pair runs by case.
    init(baseline: VersionStats, candidate: VersionStats, steps: [String], pairing: Bool = true) {
        func sample(runs: Int, failures: Int, cases: [String: CaseOutcome]) -> RateSample {
            RateSample(runs: runs, failures: failures, cases: pairing ? cases : [:])
        }
        let overall = Member(step: nil, baseline: sample(runs: baseline.runs, failures: baseline.failedRuns, cases: baseline.cases),
                             candidate: sample(runs: candidate.runs, failures: candidate.failedRuns, cases: candidate.cases))
        var members = [overall]
        var asOverall = Set<String>()
        for name in steps {
            guard let b = baseline.steps[name], let c = candidate.steps[name], b.runs > 0, c.runs > 0 else { continue }
            let member = Member(step: name, baseline: sample(runs: b.runs, failures: b.failedRuns, cases: b.cases),
                                candidate: sample(runs: c.runs, failures: c.failedRuns, cases: c.cases))
            if member.baseline == overall.baseline && member.candidate == overall.candidate {
                asOverall.insert(name)
            } else {
                members.append(member)
            }
        }
        self.members = members
        testedAsOverall = asOverall
    }

    /// Runs `test` on every member, in parallel (a test may look up thousands of case keys), and
    /// Holm-adjusts the p-values `pValue` reads from the results over the family. In the order
    /// of `members`.
    func test<Result: Sendable>(
        _ test: @Sendable (Member) -> Result, pValue: (Result) -> Double
    ) -> [(result: Result, adjustedPValue: Double)] {
        let results = members.concurrentMap(test)
        return zip(results, HolmAdjustment.adjustedPValues(results.map(pValue))).map { ($0, $1) }
    }
}
