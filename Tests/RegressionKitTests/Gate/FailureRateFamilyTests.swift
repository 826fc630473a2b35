import Testing
@testable import RegressionKit

/// The gate and `compare` test one family of failure rates: the same rates, counted the same way.
@Suite("The family of failure-rate tests")
struct FailureRateFamilyTests {
    /// 60 runs of retrieval then generation; the first `failing` fail at generation, so generation
    /// fails in exactly the runs that fail, and retrieval never does.
    func version(_ name: String, failing: Int) -> VersionStats {
        stats(records(version: name, runs: 60, failing: failing), name)
    }

    @Test func aStepThatFailsInExactlyTheFailedRunsIsTestedOnceAsTheOverallRate() {
        let family = FailureRateFamily(baseline: version("v1", failing: 6), candidate: version("v2", failing: 20),
                                       steps: ["retrieval", "generation"])
        #expect(family.members.map(\.step) == [nil, "retrieval"])
        #expect(family.testedAsOverall == ["generation"])
        #expect(family.size == 2)
    }

    @Test func theGateAndCompareCountTheSameFamily() {
        let (a, b) = (version("v1", failing: 6), version("v2", failing: 20))
        let gate = StatisticalPolicy().evaluate(baseline: a, candidate: b)
        let ab = ABComparison(a: a, b: b)
        #expect(gate.familySize == 2 && ab.familySize == 2)
        #expect(gate.steps.first { $0.step == "generation" }?.remark == .testedAsOverall)
        // compare's generation row is the overall rate's evidence, not a second test of it.
        #expect(ab.steps.first { $0.name == "generation" }?.evidence == ab.overall)
        #expect(ab.steps.first { $0.name == "retrieval" }?.evidence?.adjustedPValue == 1)
    }

    @Test func theAdjustedPValuesAreHolmsOverTheFamily() {
        let family = FailureRateFamily(baseline: version("v1", failing: 6), candidate: version("v2", failing: 20),
                                       steps: ["retrieval", "generation"])
        let tested = family.test({ $0.step == nil ? 0.01 : 0.04 }, pValue: { $0 })
        #expect(tested.map(\.adjustedPValue) == [0.02, 0.04])
        #expect(tested.map(\.result) == [0.01, 0.04])
    }
}
