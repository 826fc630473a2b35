import Testing
@testable import RegressionKit

@Suite("Statistical policy")
struct StatisticalPolicyTests {
    func judge(_ b: (Int, Int), _ c: (Int, Int), _ policy: StatisticalPolicy = .init()) -> GateResult {
        Gate.evaluate(baseline: GatePower.singleStep(version: "b", runs: b.1, failures: b.0),
                      candidate: GatePower.singleStep(version: "c", runs: c.1, failures: c.0), policy: .statistical(policy))
    }

    @Test func theRuleOnExactUnpairedCounts() {
        // 3/3 vs 0/3: Fisher p is exactly 1/20 = alpha, which must count as significant despite rounding;
        // Newcombe's lower bound (+33 pp) clears the 2 pp tolerance.
        let tiny = judge((0, 3), (3, 3))
        #expect(abs(tiny.overallEvidence!.pValue - 0.05) < 1e-12)
        #expect(tiny.overallEvidence!.ciLowPP > 30)
        #expect(tiny.verdict == .regressionDetected)
        // 2/4 vs 0/4 is not significant (p = 3/14) and cannot rule out +10 pp.
        #expect(judge((0, 4), (2, 4)).verdict == .insufficientData)
        // Significant but possibly within tolerance: 1000 runs, +3 pp.
        #expect(judge((100, 1000), (130, 1000)).verdict == .warning)
        #expect(judge((60, 400), (100, 400)).verdict == .regressionDetected)   // +10 pp at 400 runs
        #expect(judge((60, 400), (62, 400)).verdict == .pass)                  // noise, and +10 pp ruled out
        #expect(judge((3, 20), (4, 20)).verdict == .insufficientData)          // too few runs to rule out +10 pp
        #expect(judge((100, 400), (60, 400)).verdict == .pass)                 // an improvement
        #expect(judge((3, 20), (4, 20)).overallEvidence!.runsPerSideNeeded! > 20)
    }

    @Test func aSingleStepPipelineIsOneTest() {
        let r = judge((60, 400), (100, 400))
        #expect(r.familySize == 1)
        #expect(r.steps[0].note?.contains("tested once") == true)
        #expect(r.overallEvidence!.design == .unpaired)
    }

    @Test func falseAlarmsStayBelowAlphaAtEverySampleSize() {
        for n in [20, 50, 100, 200, 400] {
            let p = GatePower.verdictProbabilities(policy: .statistical(), baselineFailureRate: 0.15, candidateFailureRate: 0.15, runsPerSide: n)
            #expect((p[.regressionDetected] ?? 0) <= 0.05, "n=\(n): \(p)")
            #expect(abs(p.values.reduce(0, +) - 1) < 1e-9)
        }
        // The ancestor's rule cries wolf at small n.
        let ancestor = GatePower.verdictProbabilities(policy: .thresholds(), baselineFailureRate: 0.15, candidateFailureRate: 0.15, runsPerSide: 20)
        #expect((ancestor[.regressionDetected] ?? 0) > 0.10)
    }

    @Test func catchesATenPointRegressionAt400RunsPerSide() {
        let p = GatePower.verdictProbabilities(policy: .statistical(), baselineFailureRate: 0.15, candidateFailureRate: 0.25, runsPerSide: 400)
        let regression = p[.regressionDetected] ?? 0
        let warningOrWorse = regression + (p[.warning] ?? 0)
        #expect(abs(regression - 0.886) < 0.001, "\(regression)")
        #expect(abs(warningOrWorse - 0.966) < 0.001, "\(warningOrWorse)")
    }

    @Test func pairedCasesOnceEachUseMcNemar() {
        // 30 cases once per side; 8 newly fail, 1 fixed.
        var b: [StepRecord] = [], c: [StepRecord] = []
        for i in 0..<30 {
            b.append(StepRecord(runID: "b\(i)", stepName: "s", success: !(i == 0 || i >= 28), promptVersion: "b", inputSummary: "q\(i)"))
            c.append(StepRecord(runID: "c\(i)", stepName: "s", success: !(i >= 1 && i <= 8 || i >= 28), promptVersion: "c", inputSummary: "q\(i)"))
        }
        let r = Gate.evaluate(baseline: stats(b, "b"), candidate: stats(c, "c"), policy: .statistical())
        #expect(r.overallEvidence!.design == .paired)
        #expect(r.overallEvidence!.pairedCases == 30)
        // McNemar: P(Bin(9, 1/2) >= 8) = 10/512.
        #expect(abs(r.overallEvidence!.pValue - 10.0 / 512) < 1e-12)
        #expect(r.caseChanges!.newlyFailing == (1...8).map { "q\($0)" }.sorted())
        #expect(r.caseChanges!.newlyFixed == ["q0"])
    }

    @Test func repeatedCasesAreClusteredNotTreatedAsIndependent() {
        // 20 cases, 5 runs each per side; in the candidate 4 cases fail every run (20 failures).
        var b: [StepRecord] = [], c: [StepRecord] = []
        for i in 0..<20 {
            for k in 0..<5 {
                b.append(StepRecord(runID: "b\(i)-\(k)", stepName: "s", success: true, promptVersion: "b", inputSummary: "q\(i)"))
                c.append(StepRecord(runID: "c\(i)-\(k)", stepName: "s", success: i >= 4, promptVersion: "c", inputSummary: "q\(i)"))
            }
        }
        let r = Gate.evaluate(baseline: stats(b, "b"), candidate: stats(c, "c"), policy: .statistical())
        #expect(r.overallEvidence!.design == .pairedClustered)
        // As if independent, 20/100 vs 0/100 would be overwhelming (p ~ 1e-6); clustered on 20 cases it is much weaker.
        #expect(r.overallEvidence!.pValue > 1e-4)
    }

    @Test func aStepWhoseRunsDifferIsItsOwnTestAndHolmAdjusts() {
        let b = records(version: "b", runs: 200, failing: 10, steps: ["retrieval", "generation"], failingStep: "generation")
        var c = records(version: "c", runs: 200, failing: 60, steps: ["retrieval", "generation"], failingStep: "generation")
        for i in 100..<104 { c[2 * i].success = false }   // a few retrieval failures in other runs
        let r = Gate.evaluate(baseline: stats(b, "b"), candidate: stats(c, "c"), policy: .statistical(StatisticalPolicy()))
        #expect(r.familySize == 3)
        let generation = r.steps.first { $0.step == "generation" }!.evidence!
        #expect(generation.adjustedPValue >= generation.pValue)
        #expect(r.verdict == .regressionDetected)
        #expect(r.worstStep == "generation")
    }

    @Test func latencySlowdownBeyondToleranceIsARegression() {
        var b: [StepRecord] = [], c: [StepRecord] = []
        for i in 0..<200 {
            let base = 100 + Double(i % 50)
            b.append(StepRecord(runID: "b\(i)", stepName: "s", success: true, promptVersion: "b", latencyMS: base))
            c.append(StepRecord(runID: "c\(i)", stepName: "s", success: true, promptVersion: "c", latencyMS: base * 1.5))
        }
        let r = Gate.evaluate(baseline: stats(b, "b"), candidate: stats(c, "c"), policy: .statistical())
        let latency = r.steps[0].latency!
        #expect(abs(latency.slowdownRatio - 1.5) < 0.03)
        #expect(latency.verdict == .regressionDetected)
        #expect(latency.p95Verdict == .pass)
        #expect(r.verdict == .regressionDetected)
        let same = Gate.evaluate(baseline: stats(b, "b"), candidate: stats(b.map { var r = $0; r.promptVersion = "c"; return r }, "c"), policy: .statistical())
        #expect(same.steps[0].latency!.verdict == .pass)
        #expect(same.verdict == .pass)
    }
}
