import Testing
@testable import RegressionKit

struct MustPassRuleTests {
    @Test func aListFileSkipsCommentsBlankLinesAndSurroundingSpace() {
        #expect(MustPassList.parse("# header\n\n  a b \r\n\tc\n#not\nd") == ["a b", "c", "d"])
    }

    @Test func theRuleRaisesTheVerdictAndPutsItsReasonsFirst() {
        let baseline = stats(records(version: "v1", runs: 40, failing: 4), "v1")
        let candidate = stats(records(version: "v2", runs: 40, failing: 5), "v2")
        let plain = Gate.evaluate(baseline: baseline, candidate: candidate)
        #expect(plain.verdict != .regressionDetected)
        let ruled = Gate.evaluate(baseline: baseline, candidate: candidate,
                                  policy: .statistical().requiring(mustPass: ["case 4", "case 9", "case 4", "missing"]))
        #expect(ruled.verdict == .regressionDetected)
        #expect(Array(ruled.explanation.prefix(2)) == [.mustPassFailed(case: "case 4", runs: 1, failedRuns: 1), .mustPassNotRun(case: "missing")])
        #expect(ruled.mustPass == MustPassOutcome(cases: 3, failed: [MustPassFailure(caseKey: "case 4", runs: 1, failedRuns: 1)], notRun: ["missing"]))
        #expect(Array(ruled.explanation.dropFirst(2)) == plain.explanation)
        // What a failing expectNoRegression prints under the verdict: the must-pass cases first.
        #expect(Array(ruled.findings.prefix(2)) == ["must-pass case \"case 4\": 1 of 1 run failed: REGRESSION_DETECTED",
                                                    "must-pass case \"missing\": not run: WARNING"])
    }
}

struct FlakyCaseTests {
    @Test func aCaseIsFlakyWhenItRanTwiceOrMoreWithBothOutcomesMostFlakyFirst() {
        let cases: [String: CaseOutcome] = [
            "once failed": CaseOutcome(runs: 1, failures: 1), "always": CaseOutcome(runs: 4, failures: 4),
            "never": CaseOutcome(runs: 4, failures: 0), "1 of 4": CaseOutcome(runs: 4, failures: 1),
            "2 of 4": CaseOutcome(runs: 4, failures: 2), "1 of 2": CaseOutcome(runs: 2, failures: 1),
            "3 of 4": CaseOutcome(runs: 4, failures: 3),
        ]
        let flaky = FlakyCase.among(cases, other: ["2 of 4": CaseOutcome(runs: 3, failures: 3)])
        #expect(flaky.map(\.caseKey) == ["2 of 4", "1 of 2", "1 of 4", "3 of 4"])
        #expect(flaky[0].otherRuns == 3 && flaky[0].otherFailedRuns == 3 && flaky[1].otherRuns == 0)
    }

    /// A case flaky in the baseline failed there, so it is never among the newly failing.
    @Test func aCaseFlakyInTheBaselineIsListedNotNewlyFailing() {
        let changes = CaseChanges(baseline: ["q": CaseOutcome(runs: 4, failures: 2), "r": CaseOutcome(runs: 4, failures: 0)],
                                  candidate: ["q": CaseOutcome(runs: 4, failures: 4), "r": CaseOutcome(runs: 4, failures: 1)])
        #expect(changes.newlyFailing == ["r"])
        #expect(changes.flaky.map(\.caseKey) == ["q"])
    }
}
