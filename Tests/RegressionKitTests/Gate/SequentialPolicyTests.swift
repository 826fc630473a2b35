@testable import RegressionKit
import Testing

@Suite("The sequential policy")
struct SequentialPolicyTests {
    @Test func aPolicyFileSetsItAndRefusesTypos() throws {
        let policy = try GatePolicy.parse(Array(#"{"policy": "sequential", "alpha": 0.01, "tolerance_pp": 1, "rule_out_pp": 5, "pairing": false}"#.utf8), path: "p.json")
        guard case .sequential(let rule) = policy.rule else { Issue.record("not sequential: \(policy)"); return }
        #expect(rule.alpha == 0.01 && rule.tolerancePP == 1 && rule.ruleOutPP == 5 && !rule.pairing)
        #expect(policy.name == "sequential" && GatePolicy.builtIn("sequential") == .sequential())
        #expect(throws: PolicyError.self) { try GatePolicy.parse(Array(#"{"policy": "sequential", "alpha_": 0.01}"#.utf8), path: "p.json") }
    }

    @Test func verdictsFollowTheBoundsAndTheAdjustedPValue() {
        let baseline = GatePower.singleStep(version: "b", runs: 1000, failures: 150)
        for (failures, expected) in [(150, Verdict.pass), (220, .warning), (300, .regressionDetected)] {
            let candidate = GatePower.singleStep(version: "c", runs: 1000, failures: failures)
            let result = Gate.evaluate(baseline: baseline, candidate: candidate, policy: .sequential())
            #expect(result.verdict == expected, "\(failures): \(result.reasons)")
            let e = result.overallEvidence!
            #expect(e.design == .sequential)
            // Significant (WARNING or worse) exactly when the adjusted anytime p-value is at most alpha.
            #expect((e.adjustedPValue <= 0.05) == (expected >= .warning), "\(e)")
        }
        // Fewer runs, the same rates: undecided, and it says how many runs would settle it.
        let small = Gate.evaluate(baseline: baseline, candidate: GatePower.singleStep(version: "c", runs: 50, failures: 8), policy: .sequential())
        #expect(small.verdict == .insufficientData)
        #expect((small.overallEvidence?.candidateRunsNeeded ?? 0) > 50)
    }

    @Test func atOneLookItIsMoreCautiousThanStatistical() {
        // The price of looking any number of times: the same counts are undecided under
        // sequential that statistical already calls a regression.
        let baseline = GatePower.singleStep(version: "b", runs: 400, failures: 60)
        let candidate = GatePower.singleStep(version: "c", runs: 400, failures: 100)
        #expect(Gate.evaluate(baseline: baseline, candidate: candidate, policy: .statistical()).verdict == .regressionDetected)
        let sequential = Gate.evaluate(baseline: baseline, candidate: candidate, policy: .sequential())
        #expect(sequential.verdict < .regressionDetected)
        #expect(sequential.overallEvidence!.ciLowPP < Gate.evaluate(baseline: baseline, candidate: candidate, policy: .statistical()).overallEvidence!.ciLowPP)
    }

    @Test func latencyIsJudgedOnItsMediansAtEveryLook() {
        var rng = SplitMix64(seed: 9)
        func sketch(_ n: Int, scale: Double) -> DDSketch {
            var s = DDSketch()
            for _ in 0..<n { s.add(scale * (200 + 100 * rng.unit())) }
            return s
        }
        let baseline = sketch(400, scale: 1)
        let same = SequentialLatencyTest(baseline: baseline, candidate: sketch(400, scale: 1), tolerance: 0.10, minimumRunsForP95: 100)
            .evidence(level: 0.05, familySize: 1)!
        #expect(same.verdict == .pass && same.ratioLow < 1 && same.ratioHigh > 1, "\(same)")
        let slower = SequentialLatencyTest(baseline: baseline, candidate: sketch(400, scale: 1.5), tolerance: 0.10, minimumRunsForP95: 100)
            .evidence(level: 0.05, familySize: 1)!
        #expect(slower.verdict == .regressionDetected && slower.ratioLow > 1.1 && slower.adjustedPValue <= 0.05, "\(slower)")
        // A few runs cannot show a slowdown, however large.
        let few = SequentialLatencyTest(baseline: baseline, candidate: sketch(5, scale: 1.5), tolerance: 0.10, minimumRunsForP95: 100)
            .evidence(level: 0.05, familySize: 1)!
        #expect(few.verdict == .pass && few.ratioLow == 0, "\(few)")
    }
}
