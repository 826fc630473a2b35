import Foundation
import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("McNemarExactTest")
    struct McNemarExactTestTests {
        @Test func matchesScipyBinomtest() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.mcnemar.count >= 10)
            for item in reference.mcnemar {
                let p = McNemarExactTest.oneSidedPValue(candidateOnlyFailures: item.b, baselineOnlyFailures: item.c)
                #expect(isRelativelyClose(p, item.pValue, 1e-9), "b=\(item.b) c=\(item.c): \(p), scipy \(item.pValue)")
            }
        }

        @Test func noDiscordantPairsGivesOne() {
            #expect(McNemarExactTest.oneSidedPValue(candidateOnlyFailures: 0, baselineOnlyFailures: 0) == 1)
            #expect(McNemarExactTest.oneSidedPValue(candidateOnlyFailures: 0, baselineOnlyFailures: 9) == 1)
        }

        @Test func handComputedValues() {
            // All five discordant pairs against the candidate: (1/2)^5.
            #expect(abs(McNemarExactTest.oneSidedPValue(candidateOnlyFailures: 5, baselineOnlyFailures: 0) - 1.0 / 32) < 1e-15)
            // b = 3 of m = 4: (C(4,3) + C(4,4)) / 16 = 5/16.
            #expect(abs(McNemarExactTest.oneSidedPValue(candidateOnlyFailures: 3, baselineOnlyFailures: 1) - 5.0 / 16) < 1e-15)
        }

        /// P(B >= b) + P(B >= c) = 1 + P(B = b) when b + c = m, by symmetry of Binomial(m, 1/2).
        @Test func swappedCountsGiveTheOtherTail() {
            for (b, c) in [(7, 3), (20, 25), (400, 380)] {
                let m = b + c
                let pmf = exp(LogSpace.logChoose(m, b) - Double(m) * log(2.0))
                let sum = McNemarExactTest.oneSidedPValue(candidateOnlyFailures: b, baselineOnlyFailures: c)
                    + McNemarExactTest.oneSidedPValue(candidateOnlyFailures: c, baselineOnlyFailures: b)
                #expect(abs(sum - (1 + pmf)) < 1e-12, "b=\(b) c=\(c)")
            }
        }
    }
}
