import Foundation
@testable import RegressionKitTesting
import Testing

/// expectNoRegression under a policy file (issue 20, item 6): its quarantine and case rules apply,
/// and the failure message names the must-pass cases first.
extension RecordModeTests {
    @Test func aPolicyFilesQuarantineAppliesAndMustPassCasesComeFirst() async throws {
        await recordBaseline()
        let policyPath = directory + "/gate-policy.json"
        try #"""
        {"policy": "statistical", "must_pass": ["question 13"],
         "quarantine": [{"case": "question 15", "until": "2999-12-31", "reason": "known"}],
         "prices": {"fake-model": {"per_1k_tokens": 0.002}}}
        """#.write(toFile: policyPath, atomically: true, encoding: .utf8)
        let policy = try GatePolicy(contentsOfFile: policyPath)
        let worse = await Self.recorder(citationFailsEvery: 2)
        let messages = failures { expectNoRegression(worse, baseline: "rag", policy: policy) }
        let lines = try #require(messages.first).split(separator: "\n").map(String.init)
        #expect(lines.count > 2 && lines[1] == "  must-pass case \"question 13\": 1 of 1 run failed: REGRESSION_DETECTED", "\(lines)")
        #expect(lines.contains("  quarantined, left out of every test: \"question 15\" until 2999-12-31"))
        let newlyFailing = try #require(lines.first { $0.contains("newly failing cases") })
        #expect(newlyFailing.contains("(37 of 99)") && !newlyFailing.contains("question 15"), "\(newlyFailing)")
    }
}
