import Foundation
@testable import RegressionKit
import Testing

@Suite("Beta-binomial mixture confidence sequences")
struct BetaMixtureSequenceTests {
    @Test func boundsHoldTheObservedMeanAndNarrowWithMoreRuns() {
        let mixture = BetaMixtureSequence(mean: 0.15, spread: 0.1)
        #expect(mixture.bounds(sum: 0, count: 0, alpha: 0.05) == ConfidenceBounds(low: 0, high: 1))
        let few = mixture.bounds(sum: 15, count: 100, alpha: 0.05), many = mixture.bounds(sum: 150, count: 1000, alpha: 0.05)
        #expect(few.low < 0.15 && 0.15 < few.high)
        #expect(few.low < many.low && many.high < few.high)
        // At each bound the mixture's e-value is 1/alpha: the bounds are where the test rejects.
        #expect(abs(mixture.logEValue(sum: 150, count: 1000, mean: many.low) - log(20)) < 1e-6)
        #expect(abs(mixture.logEValue(sum: 150, count: 1000, mean: many.high) - log(20)) < 1e-6)
        // No failure: the lower bound is 0, the upper one below 1.
        let none = mixture.bounds(sum: 0, count: 200, alpha: 0.05)
        #expect(none.low == 0 && none.high > 0 && none.high < 0.05)
    }

    @Test func wideFromTheStartButNeverWrongMoreThanAlphaOverEveryLook() {
        // 400 Bernoulli(0.2) sequences of 500, looked at after every 10: the share that ever
        // leaves the interval at alpha 0.1 stays below 0.1 (a fixed-n Wilson interval looked at
        // this often leaves it in far more).
        var rng = SplitMix64(seed: 3)
        let mixture = BetaMixtureSequence(mean: 0.2, spread: 0.1)
        var missedSequential = 0, missedFixed = 0
        for _ in 0..<400 {
            var failures = 0
            var missed = (false, false)
            for n in 1...500 {
                if rng.unit() < 0.2 { failures += 1 }
                guard n % 10 == 0 else { continue }
                let b = mixture.bounds(sum: Double(failures), count: Double(n), alpha: 0.1)
                if b.low > 0.2 || b.high < 0.2 { missed.0 = true }
                let w = WilsonInterval.bounds(count: failures, trials: n, z: NormalDistribution.quantile(0.95))
                if w.low > 0.2 || w.high < 0.2 { missed.1 = true }
            }
            if missed.0 { missedSequential += 1 }
            if missed.1 { missedFixed += 1 }
        }
        #expect(missedSequential <= 40, "\(missedSequential) of 400")
        #expect(missedFixed > 80, "\(missedFixed) of 400")
    }

    @Test func pairedBoundsComeFromTheDiscordantPairs() {
        let none = SequentialRateDifference.paired(candidateOnly: 0, baselineOnly: 0, pairs: 400, alpha: 0.05, spread: 0.1)
        #expect(none.estimate == 0 && none.low < 0 && none.high > 0 && none.high < 0.05)
        let worse = SequentialRateDifference.paired(candidateOnly: 60, baselineOnly: 4, pairs: 400, alpha: 0.05, spread: 0.1)
        #expect(abs(worse.estimate - 0.14) < 1e-12 && worse.low > 0.05 && worse.high < 0.25)
    }
}
