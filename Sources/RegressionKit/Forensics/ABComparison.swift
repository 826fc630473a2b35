import Foundation

/// Two versions side by side, overall and per step: failure-forensics' A/B report
/// (`ab_report.generate_ab_report`) with the evidence failure-forensics lacked.
///
/// Failure-forensics' numbers are kept as it computed them: failure rates of step records rounded
/// to 4 places, the winner as the lower rounded rate (`tie` when equal), `improvement_pct` and
/// each step's `delta_pct` (A minus B) in percentage points rounded to 2 places.
///
/// The evidence compares failure rates of runs (overall: runs with any failed step / runs; per
/// step: runs in which the step failed / runs that reached it), which are independent where
/// step records are not. For each rate, D = B's rate - A's rate, with a two-sided p-value
/// (twice the smaller one-sided exact p-value: Fisher, or McNemar / clustered when the versions
/// ran the same cases, as the gate does), Holm-adjusted over the overall rate and the steps (the
/// gate's family: a step that failed in exactly the runs that failed is the overall rate, tested
/// once), and Newcombe's interval at the adjusted level. A **winner** is named only when the adjusted
/// p-value is at most `alpha`; otherwise there is no significant difference.
///
/// ```swift
/// let ab = ABComparison(a: v1Stats, b: v2Stats)
/// ab.overall.winner          // "v2", or nil: no significant difference
/// ab.roundedRateWinner          // "v2" / "v1" / "tie", by raw rates
/// ```
package struct ABComparison: Sendable {
    /// The evidence for one failure rate.
    struct Evidence: Sendable, Equatable {
        /// Runs that reached the metric, and runs in which it failed, per side.
        var a: StepCounts
        var b: StepCounts
        /// B's rate minus A's, percentage points (negative: B fails less).
        var differencePP: Double
        /// The test's estimate of that difference, pp (differs from `differencePP` when runs
        /// are paired or clustered by case: it averages per-case differences).
        var estimatePP: Double
        /// Two-sided confidence bounds of the difference, pp, at level 1 - alpha/m.
        var ciLowPP: Double
        var ciHighPP: Double
        /// Two-sided p-value, and after Holm's adjustment over the family.
        var pValue: Double
        var adjustedPValue: Double
        /// How the runs were compared.
        var design: FailureRateEvidence.Design
        /// The version that fails significantly less, nil when neither does.
        var winner: String?
    }

    /// One step in failure-forensics' `step_breakdown` shape, with its evidence.
    struct Step: Sendable, Equatable {
        /// The step's name.
        var name: String
        /// Step records and failed step records per side (zero when a side never ran the step).
        var a: StepCounts
        var b: StepCounts
        /// A's rounded rate minus B's, in pp rounded to 2 places (positive: B is better).
        var deltaPct: Double
        /// The lower raw rate's version, or `tie`.
        var stepWinner: String
        /// Run-level evidence; nil when a side never ran the step.
        var evidence: Evidence?
    }

    /// The two versions' statistics (A is failure-forensics' v1, B its v2).
    var a: VersionStats
    var b: VersionStats
    /// The two-sided significance level, 0...1.
    var alpha: Double
    /// Failure-forensics' overall failure rates (step records, rounded to 4 places).
    var aRate: Double
    var bRate: Double
    /// Failure-forensics' winner: the lower rounded rate's version, or `tie`.
    var roundedRateWinner: String
    /// |aRate - bRate| in pp, rounded to 2 places.
    var improvementPct: Double
    /// Every step of either version: A's in log order, then B's new ones.
    var steps: [Step]
    /// The overall run failure rate's evidence.
    var overall: Evidence
    /// How many rates were tested (the Holm family).
    var familySize: Int
    /// Steps whose runs failed exactly as the overall rate's did, on both sides: the same metric,
    /// tested once, as the overall rate (their `evidence` is the overall rate's).
    var testedAsOverall: Set<String> = []

    /// Compares `a` and `b` at two-sided level `alpha`.
    package init(a: VersionStats, b: VersionStats, alpha: Double = 0.05) {
        self.a = a
        self.b = b
        self.alpha = alpha
        aRate = Self.round(a.stepFailureRate, 4)
        bRate = Self.round(b.stepFailureRate, 4)
        roundedRateWinner = aRate < bRate ? a.version : bRate < aRate ? b.version : "tie"
        improvementPct = Self.round(abs(aRate - bRate) * 100, 2)

        var names = a.stepOrder
        for name in b.stepOrder where a.steps[name] == nil { names.append(name) }
        // A is the baseline: D is B's rate minus A's.
        let family = FailureRateFamily(baseline: a, candidate: b, steps: names)
        familySize = family.size
        let level = alpha / (2 * Double(family.size))   // each bound one-sided at alpha / 2m: two-sided 1 - alpha/m
        let tested = family.test({ m -> (FailureRateEvidence.Design, RateDifferenceEvidence, Double) in
            let bWorse = FailureRateTest.evidence(baseline: m.baseline, candidate: m.candidate, alpha: level)
            let aWorse = FailureRateTest.evidence(baseline: m.candidate, candidate: m.baseline, alpha: level)
            return (bWorse.0, bWorse.1, min(1, 2 * min(bWorse.1.pValue, aWorse.1.pValue)))
        }, pValue: \.2)
        var evidence: [String?: Evidence] = [:]
        for (member, (raw, adjusted)) in zip(family.members, tested) {
            let (design, e, p) = raw
            let (sa, sb) = (member.baseline, member.candidate)
            var winner: String?
            if adjusted <= alpha && e.estimate != 0 { winner = e.estimate < 0 ? b.version : a.version }
            evidence[member.step] = Evidence(
                a: StepCounts(total: sa.runs, failed: sa.failures), b: StepCounts(total: sb.runs, failed: sb.failures),
                differencePP: (Double(sb.failures) / Double(max(1, sb.runs)) - Double(sa.failures) / Double(max(1, sa.runs))) * 100,
                estimatePP: e.estimate * 100, ciLowPP: e.low * 100, ciHighPP: e.high * 100,
                pValue: p, adjustedPValue: adjusted, design: design, winner: winner)
        }
        overall = evidence[nil]!
        for name in family.testedAsOverall { evidence[name] = overall }   // the same runs failed: the same evidence
        testedAsOverall = family.testedAsOverall
        steps = names.map { name in
            let ca = a.steps[name].map { StepCounts(total: $0.total, failed: $0.failed) } ?? StepCounts(total: 0, failed: 0)
            let cb = b.steps[name].map { StepCounts(total: $0.total, failed: $0.failed) } ?? StepCounts(total: 0, failed: 0)
            let ra = Self.round(ca.rate, 4), rb = Self.round(cb.rate, 4)
            return Step(name: name, a: ca, b: cb, deltaPct: Self.round((ra - rb) * 100, 2),
                        stepWinner: ra < rb ? a.version : rb < ra ? b.version : "tie", evidence: evidence[name] ?? nil)
        }
    }

    /// Python's `round(x, places)` (half to even) for failure-forensics' numbers.
    static func round(_ x: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (x * scale).rounded(.toNearestOrEven) / scale
    }

    /// Reads `sources` and compares versions `a` and `b`.
    package static func read(
        _ sources: [LogSource], a: String, b: String, alpha: Double = 0.05, reading: LogReading = LogReading(),
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (ABComparison, LogReadSummary) {
        let (accumulator, summary) = try LogStatistics.read(sources, versions: [a, b], reading: reading, onBadLine: onBadLine)
        let sa = try LogStatistics.stats(of: a, in: accumulator, summary: summary)
        let sb = try LogStatistics.stats(of: b, in: accumulator, summary: summary)
        return (ABComparison(a: sa, b: sb, alpha: alpha), summary)
    }
}
