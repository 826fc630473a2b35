import Foundation

/// How often a policy reaches each verdict, computed exactly: its false-alarm rate when nothing
/// changed, and its power to catch a regression of a given size.
///
/// ```swift
/// let p = GatePower.verdictProbabilities(policy: .statistical(), baselineFailureRate: 0.15,
///                                        candidateFailureRate: 0.25, runsPerSide: 400)
/// p[.regressionDetected]   // 0.886: the gate catches a +10 pp regression 88.6 % of the time
/// ```
/// The model is a single-step pipeline whose runs are independent (no shared cases): each side's
/// failure count is binomial, and every pair of counts is judged by the policy itself. Pairs
/// whose probability is below 1e-15 are left out, so the figures are exact to about 1e-12.
package enum GatePower {
    /// Probability of each verdict (0...1; they add up to 1).
    package static func verdictProbabilities(
        policy: GatePolicy, baselineFailureRate p0: Double, candidateFailureRate p1: Double, runsPerSide n: Int
    ) -> [Verdict: Double] {
        precondition(n > 0 && (0...1).contains(p0) && (0...1).contains(p1))
        let pmf0 = binomial(n: n, p: p0), pmf1 = binomial(n: n, p: p1)
        var result: [Verdict: Double] = [:]
        for (x0, w0) in pmf0 {
            let baseline = singleStep(version: "baseline", runs: n, failures: x0)
            for (x1, w1) in pmf1 where w0 * w1 > 1e-15 {
                let verdict = Gate.evaluate(baseline: baseline, candidate: singleStep(version: "candidate", runs: n, failures: x1), policy: policy).verdict
                result[verdict, default: 0] += w0 * w1
            }
        }
        return result
    }

    /// Binomial probabilities above 1e-16, by count.
    static func binomial(n: Int, p: Double) -> [(Int, Double)] {
        (0...n).compactMap { k in
            let logP: Double
            if p == 0 { logP = k == 0 ? 0 : -.infinity } else if p == 1 { logP = k == n ? 0 : -.infinity } else {
                logP = LogSpace.logChoose(n, k) + Double(k) * log(p) + Double(n - k) * log1p(-p)
            }
            let w = exp(logP)
            return w > 1e-16 ? (k, w) : nil
        }
    }

    /// A version of `runs` one-step runs, `failures` of them failed, no latencies and no cases.
    package static func singleStep(version: String, runs: Int, failures: Int) -> VersionStats {
        var stats = VersionStats(version: version)
        stats.runs = runs
        stats.failedRuns = failures
        stats.totalSteps = runs
        stats.failedSteps = failures
        var step = StepStats()
        step.total = runs
        step.failed = failures
        step.runs = runs
        step.failedRuns = failures
        stats.steps["step"] = step
        stats.stepOrder = ["step"]
        return stats
    }
}
