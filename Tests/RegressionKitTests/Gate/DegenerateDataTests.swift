import Foundation
import Testing
@testable import RegressionKit

/// Verdicts at degenerate and small data: no interval narrower than the counts allow, in any design.
@Suite("Degenerate data")
struct DegenerateDataTests {
    /// A one-step version: `perCase[i]` is case i's (runs, failures); latencies all `latencyMS`.
    static func version(_ name: String, _ perCase: [(Int, Int)], latencyMS: Double = 100, keyed: Bool = true) -> VersionStats {
        var stats = VersionStats(version: name)
        var step = StepStats()
        for (i, (runs, failures)) in perCase.enumerated() {
            stats.runs += runs
            stats.failedRuns += failures
            if keyed { stats.cases["case \(i)"] = CaseOutcome(runs: runs, failures: failures) }
            for _ in 0..<runs { step.latency.add(latencyMS) }
        }
        stats.totalSteps = stats.runs
        stats.failedSteps = stats.failedRuns
        step.total = stats.runs
        step.failed = stats.failedRuns
        step.runs = stats.runs
        step.failedRuns = stats.failedRuns
        step.cases = stats.cases
        stats.steps["generation"] = step
        stats.stepOrder = ["generation"]
        return stats
    }

    static func judge(_ baseline: VersionStats, _ candidate: VersionStats, _ policy: StatisticalPolicy = .init()) -> GateResult {
        Gate.evaluate(baseline: baseline, candidate: candidate, policy: .statistical(policy))
    }

    /// The unpaired floor of the issue: the upper bound of a rise is at least the candidate's
    /// Wilson upper bound minus the baseline's rate, and the candidate's rate minus the
    /// baseline's Wilson lower bound, at the test's level (pp).
    static func unpairedFloorPP(_ b: VersionStats, _ c: VersionStats, alpha: Double) -> Double {
        let z = NormalDistribution.quantile(1 - alpha)
        let wb = WilsonInterval.bounds(count: b.failedRuns, trials: b.runs, z: z), wc = WilsonInterval.bounds(count: c.failedRuns, trials: c.runs, z: z)
        return max(wc.high - b.runFailureRate, c.runFailureRate - wb.low) * 100
    }

    @Test func noFailureInTenRunsCannotRuleOutTenPoints() {
        // The issue's repro: 200 baseline runs over 20 cases, 10 candidate runs over 10 of them, none failed.
        let baseline = Self.version("v1", Array(repeating: (10, 0), count: 20))
        let candidate = Self.version("v2", Array(repeating: (1, 0), count: 10))
        let result = Self.judge(baseline, candidate)
        #expect(result.verdict == .insufficientData)
        let e = result.overallEvidence!
        #expect(e.design == .pairedClustered)
        // Clopper-Pearson's one-sided 95 % bound of 0 of 10 is 25.9 %, Wilson's 21.3 %.
        #expect(e.ciHighPP >= 25.8, "\(e)")
        #expect(result.reasons[0].contains("not ruled out"))
        // And the count that settles it: 0 of n runs rules out +10 pp from n = 29 (CP: 1 - 0.05^(1/29) = 9.8 %).
        #expect(e.candidateRunsNeeded == 29, "\(e)")
    }

    @Test func identicalLatenciesFromAFewRunsDoNotGiveAnExactRatio() throws {
        let baseline = Self.version("v1", Array(repeating: (10, 0), count: 20))
        for runs in [3, 4] {
            let candidate = Self.version("v2", Array(repeating: (1, 0), count: runs), keyed: false)
            let latency = try #require(Self.judge(baseline, candidate).steps[0].latency)
            // The median of 3 or 4 runs has no one-sided 95 % bound: the ratio is unbounded above.
            #expect(latency.ratioHigh.isInfinite, "\(runs) runs: \(latency)")
            #expect(latency.ratioLow < 1)
            #expect(latency.verdict == .pass)
        }
    }

    @Test func everyDesignKeepsTheFloorAndNeverPassesBelowIt() {
        // Small and degenerate designs of every kind: all pass, all fail, one case, one run per
        // case, repeats on one side or both, cases shared or not.
        var checked = 0
        let shapes: [(cases: Int, runs: Int)] = [(1, 1), (1, 5), (3, 1), (10, 1), (10, 3), (12, 1), (20, 1), (20, 10), (30, 2)]
        for b in shapes {
            for c in shapes {
                for bFailEvery in [0, 1, 2, 7] {
                    for cFailEvery in [0, 1, 3] {
                        for keyed in [true, false] {
                            let baseline = Self.version("b", (0..<b.cases).map { i in (b.runs, bFailEvery > 0 && i % bFailEvery == 0 ? b.runs : 0) }, keyed: keyed)
                            let candidate = Self.version("c", (0..<c.cases).map { i in (c.runs, cFailEvery > 0 && i % cFailEvery == 0 ? c.runs : 0) }, keyed: keyed)
                            let result = Self.judge(baseline, candidate)
                            let e = result.overallEvidence!
                            let alpha = 0.05 / Double(result.familySize ?? 1)
                            let floor = Self.unpairedFloorPP(baseline, candidate, alpha: alpha)
                            let allAlike = [baseline, candidate].contains { $0.failedRuns == 0 || $0.failedRuns == $0.runs }
                            if e.design == .unpaired || e.design == .clustered || allAlike {
                                #expect(e.ciHighPP >= floor - 1e-9, "\(b) \(c) \(bFailEvery) \(cFailEvery) \(keyed): \(e), floor \(floor)")
                            }
                            #expect(e.ciLowPP <= e.estimatePP + 1e-9 && e.estimatePP <= e.ciHighPP + 1e-9)
                            if floor > 10 { #expect(result.verdict != .pass, "\(b) \(c): PASS with a floor of \(floor) pp") }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 9 * 9 * 4 * 3 * 2)
    }

    @Test func aPairedDesignWithNoDiscordantCaseIsBoundedByTheCaseCount() {
        // 40 cases once per side; the same 8 fail on both sides: no discordant case, but 0 of 40
        // candidate-only failures still allows a rise of up to the score bound of 0/40 (6.3 %).
        let outcomes = (0..<40).map { i in (1, i < 8 ? 1 : 0) }
        let result = Self.judge(Self.version("b", outcomes), Self.version("c", outcomes))
        let e = result.overallEvidence!
        #expect(e.design == .paired)
        let z = NormalDistribution.quantile(0.95)
        #expect(e.ciHighPP >= WilsonInterval.bounds(count: 0, trials: 40, z: z).high * 100 - 1e-9, "\(e)")
    }

    @Test func aClusteredDesignWhereEveryCaseAgreesDoesNotCollapse() {
        // 20 cases, 5 runs each per side, every run of every case failing or passing alike on both sides.
        let outcomes = (0..<20).map { i in (5, i < 4 ? 5 : 0) }
        for keyed in [true, false] {
            let e = Self.judge(Self.version("b", outcomes, keyed: keyed), Self.version("c", outcomes, keyed: keyed)).overallEvidence!
            #expect(e.ciHighPP - e.ciLowPP > 5, "\(keyed): \(e)")
            #expect(e.pValue > 0.05)
        }
    }
}

@Suite("Runs that would settle a verdict")
struct SettlingCountTests {
    /// The smallest candidate count at which the gate itself, re-run at the same rates against the
    /// same baseline, gives a settled verdict.
    static func actualSmallest(baselineFailures x0: Int, baselineRuns n0: Int, candidateRate: Double, from: Int,
                               settled: (Verdict) -> Bool) -> Int? {
        let baseline = GatePower.singleStep(version: "b", runs: n0, failures: x0)
        for n in from...20_000 {
            let x1 = Int((candidateRate * Double(n)).rounded(.toNearestOrAwayFromZero))
            let verdict = Gate.evaluate(baseline: baseline, candidate: GatePower.singleStep(version: "c", runs: n, failures: x1),
                                        policy: .statistical()).verdict
            if settled(verdict) { return n }
        }
        return nil
    }

    @Test func theIssuesExampleAsksForCandidateRunsNotRunsPerSide() throws {
        // Baseline 200 runs at 10 %, candidate 20 runs at 10 %: 50 candidate runs already pass.
        let baseline = GatePower.singleStep(version: "b", runs: 200, failures: 20)
        let result = Gate.evaluate(baseline: baseline, candidate: GatePower.singleStep(version: "c", runs: 20, failures: 2), policy: .statistical())
        #expect(result.verdict == .insufficientData)
        let needed = try #require(result.overallEvidence?.candidateRunsNeeded)
        let actual = try #require(Self.actualSmallest(baselineFailures: 20, baselineRuns: 200, candidateRate: 0.1, from: 21) { $0 != .insufficientData })
        #expect(actual <= 50)
        #expect(abs(Double(needed - actual)) <= 0.25 * Double(actual), "said \(needed), smallest settled count \(actual)")
        #expect(result.reasons[0].contains("about \(needed) candidate runs would settle it"))
    }

    @Test func estimatesAreWithinAQuarterOfTheTruth() throws {
        var compared = 0
        for (x0, n0) in [(20, 200), (0, 100), (50, 500), (5, 40), (120, 400)] {
            for (x1, n1) in [(2, 20), (0, 12), (3, 25), (12, 60), (1, 30)] {
                let baseline = GatePower.singleStep(version: "b", runs: n0, failures: x0)
                let result = Gate.evaluate(baseline: baseline, candidate: GatePower.singleStep(version: "c", runs: n1, failures: x1), policy: .statistical())
                guard let e = result.overallEvidence, result.verdict == .insufficientData || result.verdict == .warning else { continue }
                let from = result.verdict
                let actual = Self.actualSmallest(baselineFailures: x0, baselineRuns: n0, candidateRate: Double(x1) / Double(n1), from: n1 + 1) {
                    from == .warning ? ($0 == .pass || $0 == .regressionDetected) : $0 != .insufficientData
                }
                switch (e.candidateRunsNeeded, actual) {
                case let (needed?, actual?):
                    #expect(abs(Double(needed - actual)) <= 0.25 * Double(actual), "\(x0)/\(n0) vs \(x1)/\(n1): said \(needed), truth \(actual)")
                    compared += 1
                case (nil, let actual?):
                    Issue.record("\(x0)/\(n0) vs \(x1)/\(n1): said none, but \(actual) candidate runs settle it")
                default: break   // beyond the search: only a bigger baseline can settle it
                }
            }
        }
        #expect(compared >= 10)
    }

    @Test func onlyABiggerBaselineCanSettleSomeRates() throws {
        // 1 of 10 baseline runs failed, 3 of 20 candidate runs: however many candidate runs fail at
        // 15 %, the baseline's own lower bound (0.5 %, exact) leaves a rise of up to +14.5 pp open.
        let baseline = GatePower.singleStep(version: "b", runs: 10, failures: 1)
        let result = Gate.evaluate(baseline: baseline, candidate: GatePower.singleStep(version: "c", runs: 20, failures: 3), policy: .statistical())
        #expect(result.verdict == .insufficientData)
        let e = try #require(result.overallEvidence)
        #expect(e.candidateRunsNeeded == nil)
        #expect(e.runsPerSideNeeded != nil)
        #expect(result.reasons[0].contains("only a bigger baseline can settle it"))
    }
}
