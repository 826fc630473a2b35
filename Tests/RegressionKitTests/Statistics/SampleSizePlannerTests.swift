import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("SampleSizePlanner")
    struct SampleSizePlannerTests {
        @Test func matchesTheReferenceSearch() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.sampleSize.count >= 8)
            #expect(reference.sampleSize.contains { $0.runs == nil })
            for item in reference.sampleSize {
                let runs = SampleSizePlanner.runsPerSideToRuleOut(margin: item.margin, baselineRate: item.p0, alpha: item.alpha)
                #expect(runs == item.runs, "margin \(item.margin), p0 \(item.p0), alpha \(item.alpha): \(String(describing: runs))")
            }
        }

        /// The returned size meets the bound and the size below it does not.
        @Test func resultIsABoundary() throws {
            let z = NormalDistribution.quantile(1 - 0.05)
            func upper(_ n: Int, _ p0: Double) -> Double {
                let x = Int((p0 * Double(n)).rounded(.toNearestOrAwayFromZero))
                return NewcombeInterval.unpaired(baselineFailures: x, baselineTrials: n, candidateFailures: x, candidateTrials: n, z: z).high
            }
            for (margin, p0) in [(0.05, 0.1), (0.02, 0.02), (0.1, 0.0), (0.04, 0.5)] {
                let n = try #require(SampleSizePlanner.runsPerSideToRuleOut(margin: margin, baselineRate: p0, alpha: 0.05))
                #expect(upper(n, p0) <= margin)
                #expect(n == 1 || upper(n - 1, p0) > margin)
            }
        }

        @Test func impossibleMarginsGiveNil() {
            #expect(SampleSizePlanner.runsPerSideToRuleOut(margin: 0, baselineRate: 0.1, alpha: 0.05) == nil)
            #expect(SampleSizePlanner.runsPerSideToRuleOut(margin: -0.1, baselineRate: 0.1, alpha: 0.05) == nil)
        }

        @Test func tighterMarginsNeedMoreRuns() throws {
            let loose = try #require(SampleSizePlanner.runsPerSideToRuleOut(margin: 0.05, baselineRate: 0.1, alpha: 0.05))
            let tight = try #require(SampleSizePlanner.runsPerSideToRuleOut(margin: 0.02, baselineRate: 0.1, alpha: 0.05))
            #expect(tight > 4 * loose)
        }
    }
}
