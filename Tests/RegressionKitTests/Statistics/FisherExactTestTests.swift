import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("FisherExactTest")
    struct FisherExactTestTests {
        @Test func matchesScipyToOnePartInABillion() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.fisher.count >= 20)
            for item in reference.fisher {
                let p = FisherExactTest.oneSidedPValue(
                    baselineFailures: item.x0, baselineTrials: item.n0,
                    candidateFailures: item.x1, candidateTrials: item.n1)
                #expect(isRelativelyClose(p, item.pValue, 1e-9),
                        "\(item.x0)/\(item.n0) -> \(item.x1)/\(item.n1): \(p), scipy \(item.pValue)")
            }
        }

        @Test func threeOfThreeAgainstNoneOfThreeIsOneTwentieth() {
            let p = FisherExactTest.oneSidedPValue(
                baselineFailures: 0, baselineTrials: 3, candidateFailures: 3, candidateTrials: 3)
            #expect(abs(p - 0.05) < 1e-12)
        }

        @Test func noEvidenceGivesOne() {
            #expect(FisherExactTest.oneSidedPValue(baselineFailures: 3, baselineTrials: 3, candidateFailures: 0, candidateTrials: 3) == 1)
            #expect(FisherExactTest.oneSidedPValue(baselineFailures: 0, baselineTrials: 0, candidateFailures: 0, candidateTrials: 0) == 1)
            #expect(FisherExactTest.oneSidedPValue(baselineFailures: 0, baselineTrials: 10, candidateFailures: 0, candidateTrials: 0) == 1)
        }

        /// Upper tail at x1 plus lower tail at x1 is 1 + P(X1 = x1); the lower
        /// tail is the same test with the sides swapped. 1/4 vs 3/4:
        /// P(X1 = 3) = C(4,3) C(4,1) / C(8,4) = 16/70.
        @Test func swappingSidesGivesTheOtherTail() {
            let worse = FisherExactTest.oneSidedPValue(baselineFailures: 1, baselineTrials: 4, candidateFailures: 3, candidateTrials: 4)
            let better = FisherExactTest.oneSidedPValue(baselineFailures: 3, baselineTrials: 4, candidateFailures: 1, candidateTrials: 4)
            #expect(abs(worse - 17.0 / 70.0) < 1e-14)  // P(X1 >= 3) = (16 + 1) / 70
            #expect(abs(worse + better - (1 + 16.0 / 70.0)) < 1e-14)
        }

        @Test func moreCandidateFailuresMeansSmallerPValue() {
            var previous = 1.0
            for x1 in 0...40 {
                let p = FisherExactTest.oneSidedPValue(baselineFailures: 10, baselineTrials: 400, candidateFailures: x1, candidateTrials: 400)
                #expect(p <= previous && p >= 0 && p <= 1)
                previous = p
            }
            #expect(previous < 1e-4)
        }
    }
}
