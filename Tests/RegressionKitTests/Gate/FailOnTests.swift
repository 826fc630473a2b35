import Testing
@testable import RegressionKit

/// `check --fail-on` and `failOn:`: the name a user gives, the level it means, and what then fails.
@Suite("Fail-on levels")
struct FailOnTests {
    @Test func eachNameIsTheLeastSevereVerdictThatFails() {
        #expect(Verdict.failOnLevels.map(\.name) == ["warning", "insufficient"])
        #expect(Verdict(failOn: "warning") == .warning)
        #expect(Verdict(failOn: "insufficient") == .insufficientData)
        for unknown in ["", "regression", "WARNING", "insufficient_data", "pass"] {
            #expect(Verdict(failOn: unknown) == nil)
        }
    }

    /// What each level fails: the exit code 1, JUnit failures and test assertions all follow it.
    @Test(arguments: [
        (Verdict.regressionDetected, [Verdict.regressionDetected]),
        (Verdict(failOn: "warning")!, [.regressionDetected, .warning]),
        (Verdict(failOn: "insufficient")!, [.regressionDetected, .warning, .insufficientData]),
    ])
    func aLevelFailsItselfAndEveryWorseVerdict(level: Verdict, failing: [Verdict]) {
        #expect(Verdict.allCases.filter { $0.fails(at: level) }.sorted() == failing.sorted())
    }
}
