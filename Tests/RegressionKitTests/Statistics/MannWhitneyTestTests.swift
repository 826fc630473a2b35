import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("MannWhitneyTest")
    struct MannWhitneyTestTests {
        @Test func matchesScipyAsymptoticWithContinuity() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.mannWhitney.count >= 8)
            for item in reference.mannWhitney {
                let result = MannWhitneyTest.oneSidedGreater(candidate: item.candidate.values, baseline: item.baseline.values)
                #expect(result.u == item.u, "\(item.name): U \(result.u), scipy \(item.u)")
                #expect(isRelativelyClose(result.pValue, item.pValue, 1e-9), "\(item.name): p \(result.pValue), scipy \(item.pValue)")
            }
        }

        @Test func handComputedStatistic() {
            // y = {3, 4, 5}, x = {1, 2, 3}: pairs y > x: 3>1,3>2,(3=3 half),4>all 3,5>all 3 -> 2.5 + 3 + 3.
            let result = MannWhitneyTest.oneSidedGreater(candidate: [3, 4, 5], baseline: [1, 2, 3])
            #expect(result.u == 8.5)
            // Ties {3, 3}: sum(t^3 - t) = 6; sigma^2 = (9/12)(7 - 6/30) = 5.1; z = (8.5 - 4.5 - 0.5)/sqrt(5.1).
            #expect(abs(result.z - 3.5 / 5.1.squareRoot()) < 1e-14)
        }

        @Test func degenerateSamplesGiveNoEvidence() {
            #expect(MannWhitneyTest.oneSidedGreater(candidate: [], baseline: [1, 2]).pValue == 1)
            #expect(MannWhitneyTest.oneSidedGreater(candidate: [1], baseline: []).pValue == 1)
            #expect(MannWhitneyTest.oneSidedGreater(candidate: [2, 2, 2], baseline: [2, 2]).pValue == 1)
        }

        @Test func statisticsOfBothDirectionsAddUp() {
            let y = [0.3, 1.2, 1.2, 2.5, 0.9, 4.0]
            let x = [1.0, 1.2, 0.1, 3.3]
            let forward = MannWhitneyTest.oneSidedGreater(candidate: y, baseline: x)
            let backward = MannWhitneyTest.oneSidedGreater(candidate: x, baseline: y)
            #expect(forward.u + backward.u == Double(y.count * x.count))
        }

        @Test func aClearShiftIsDetectedOnlyInItsDirection() {
            let x = (0..<200).map { Double($0 % 37) }
            let y = x.map { $0 + 10 }
            #expect(MannWhitneyTest.oneSidedGreater(candidate: y, baseline: x).pValue < 1e-10)
            #expect(MannWhitneyTest.oneSidedGreater(candidate: x, baseline: y).pValue > 1 - 1e-10)
        }
    }
}
