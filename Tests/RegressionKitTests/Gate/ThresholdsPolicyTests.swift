import Testing
@testable import RegressionKit

@Suite("Thresholds policy (the ancestor's regression guard)")
struct ThresholdsPolicyTests {
    /// A version with `failed` of `steps` step records failing in `step` (others pass), one step per run.
    func version(_ name: String, _ counts: [(String, Int, Int)]) -> VersionStats {
        var accumulator = StatsAccumulator()
        var run = 0
        for (step, failed, total) in counts {
            for i in 0..<total {
                run += 1
                accumulator.add(StepRecord(runID: "\(name)-\(run)", stepName: step, success: i >= failed, promptVersion: name))
            }
        }
        return accumulator.stats(for: name)!
    }

    func judge(_ b: [(String, Int, Int)], _ c: [(String, Int, Int)], _ policy: ThresholdsPolicy = .init()) -> GateResult {
        Gate.evaluate(baseline: version("b", b), candidate: version("c", c), policy: .thresholds(policy))
    }

    @Test func moreThanTenPointsIsARegressionMoreThanFiveAWarning() {
        #expect(judge([("s", 10, 100)], [("s", 21, 100)]).verdict == .regressionDetected)
        #expect(judge([("s", 10, 100)], [("s", 20, 100)]).verdict == .warning)    // exactly 10 pp: not more
        #expect(judge([("s", 10, 100)], [("s", 16, 100)]).verdict == .warning)
        #expect(judge([("s", 10, 100)], [("s", 15, 100)]).verdict == .pass)       // exactly 5 pp
        #expect(judge([("s", 50, 100)], [("s", 0, 100)]).verdict == .pass)        // improvement
    }

    @Test func boundariesAreExactNotFloatingPoint() {
        // 4/20 - 3/20 is 5.000000000000002 pp in doubles; exactly 5 pp is not "more than 5".
        #expect(judge([("s", 3, 20)], [("s", 4, 20)]).verdict == .pass)
        // 0.4 - 0.3 > 0.1 in doubles; exactly 10 pp is a warning, not a regression.
        #expect(judge([("s", 3, 10)], [("s", 4, 10)]).verdict == .warning)
        #expect(judge([("s", 3, 10)], [("s", 4, 10)], .init(regressionPP: 9.99)).verdict == .regressionDetected)
    }

    @Test func reportsRatesDeltaAndTheWorstStepInTheCandidatesOrder() {
        let r = judge([("retrieval", 10, 100), ("citation", 5, 100)],
                      [("retrieval", 20, 100), ("citation", 15, 100), ("generation", 10, 100)])
        #expect(r.baseline.failureRate == 15.0 / 200)
        #expect(r.candidate.failureRate == 45.0 / 300)
        #expect(abs(r.deltaPP - 7.5) < 1e-9)
        #expect(r.verdict == .warning)
        // retrieval and citation both rose 10 pp; the first logged wins, as in the ancestor.
        #expect(r.worstStep == "retrieval")
        #expect(r.steps.map(\.step) == ["retrieval", "citation", "generation"])
        #expect(r.steps[2].presence == .candidateOnly)
    }

    @Test func aStepTheCandidateLacksIsListedNotSkipped() {
        let r = judge([("retrieval", 1, 10), ("citation", 1, 10)], [("retrieval", 1, 10)])
        #expect(r.steps.map(\.step) == ["retrieval", "citation"])
        #expect(r.steps[1].presence == .baselineOnly)
        #expect(r.steps[1].note?.contains("never ran") == true)
    }

    @Test func aStepAboveItsMaximumIsARegression() {
        let policy = ThresholdsPolicy(stepMaxFailureRate: ["citation": 0.10])
        let r = judge([("retrieval", 10, 100), ("citation", 10, 100)], [("retrieval", 10, 100), ("citation", 11, 100)], policy)
        #expect(r.verdict == .regressionDetected)
        #expect(r.steps[1].verdict == .regressionDetected)
        #expect(judge([("citation", 10, 100)], [("citation", 10, 100)], policy).verdict == .pass)   // at the maximum is fine
    }

    @Test func policyFilesSetThresholdsAndRejectTypos() throws {
        let policy = try GatePolicy.parse(Array(#"{"policy": "thresholds", "regression_pp": 20, "warning_pp": 1, "step_max_failure_rate": {"citation": 0.1}}"#.utf8), path: "p.json")
        #expect(policy == .thresholds(ThresholdsPolicy(regressionPP: 20, warningPP: 1, stepMaxFailureRate: ["citation": 0.1])))
        #expect {
            _ = try GatePolicy.parse(Array(#"{"policy": "thresholds", "regresion_pp": 20}"#.utf8), path: "p.json")
        } throws: { "\($0)".contains(#"did you mean "regression_pp""#) }
        #expect(throws: PolicyError.self) { try GatePolicy.parse(Array(#"{"policy": "thresholds", "step_max_failure_rate": {"a": 10}}"#.utf8), path: "p.json") }
        #expect(throws: PolicyError.self) { try GatePolicy.parse(Array(#"{"policy": "thresholds", "regression_pp": 1e300, "warning_pp": 1e300}"#.utf8), path: "p.json") }
        #expect { _ = try GatePolicy.load("threshold") } throws: { "\($0)".contains("did you mean 'thresholds'") }
    }
}
