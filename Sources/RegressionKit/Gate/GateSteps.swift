/// How every policy lines up the two versions' steps: order, presence, and the worst step.
enum GateSteps {
    /// The candidate's steps in log order, then the baseline's steps the candidate lacks, in its order.
    static func orderedNames(baseline: VersionStats, candidate: VersionStats) -> [String] {
        candidate.stepOrder + baseline.stepOrder.filter { candidate.steps[$0] == nil }
    }

    /// A comparison with presence, counts and delta filled in, verdict PASS, and a note for a missing side.
    static func comparison(_ name: String, baseline b: StepCounts?, candidate c: StepCounts?) -> StepComparison {
        switch (b, c) {
        case let (b?, c?):
            return StepComparison(step: name, presence: .both, baseline: b, candidate: c,
                                  deltaPP: (c.rate - b.rate) * 100, verdict: .pass)
        case (nil, _):
            return StepComparison(step: name, presence: .candidateOnly, baseline: nil, candidate: c,
                                  deltaPP: nil, verdict: .pass, remark: .newStep)
        case (_, nil):
            return StepComparison(step: name, presence: .baselineOnly, baseline: b, candidate: nil,
                                  deltaPP: nil, verdict: .pass, remark: .missingStep)
        }
    }

    /// The step whose failure rate rose most, as failure-forensics picks it: over the candidate's
    /// steps in log order, a step the baseline lacks counting from 0 %, the first of equals winning,
    /// and only rises above -100 pp counted. Exact, in integers.
    static func worstStep(baseline: VersionStats, candidate: VersionStats) -> (name: String, deltaPP: Double)? {
        var best: (name: String, counts: (x0: Int, n0: Int, x1: Int, n1: Int))?
        for name in candidate.stepOrder {
            guard let c = candidate.steps[name], c.total > 0 else { continue }
            let b = baseline.steps[name].flatMap { $0.total > 0 ? $0 : nil }
            let counts = (x0: b?.failed ?? 0, n0: b?.total ?? 1, x1: c.failed, n1: c.total)
            if let current = best {
                if ExactRateArithmetic.compareDeltas(counts, current.counts) > 0 { best = (name, counts) }
            } else if ExactRateArithmetic.compareDeltas(counts, (x0: 1, n0: 1, x1: 0, n1: 1)) > 0 {
                best = (name, counts)
            }
        }
        guard let best else { return nil }
        let c = best.counts
        return (best.name, (Double(c.x1) / Double(c.n1) - Double(c.x0) / Double(c.n0)) * 100)
    }
}
