import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("WilsonInterval")
    struct WilsonIntervalTests {
        @Test func matchesStatsmodels() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.wilson.count >= 40)
            for item in reference.wilson {
                // z comes from our own quantile, so this also ties alpha to z.
                let z = NormalDistribution.quantile(1 - item.alpha)
                #expect(abs(z - item.z) < 1e-12)
                let bounds = WilsonInterval.bounds(count: item.x, trials: item.n, z: z)
                #expect(abs(bounds.low - item.low) < 1e-9 && abs(bounds.high - item.high) < 1e-9,
                        "\(item.x)/\(item.n) alpha \(item.alpha): \(bounds), statsmodels [\(item.low), \(item.high)]")
            }
        }

        @Test func noTrialsMeansNoInformation() {
            #expect(WilsonInterval.bounds(count: 0, trials: 0, z: 1.96) == ConfidenceBounds(low: 0, high: 1))
        }

        @Test func extremesAreExact() {
            let none = WilsonInterval.bounds(count: 0, trials: 20, z: 1.96)
            #expect(none.low == 0)
            // Newcombe (1998), Stat Med 17:857, Table I: 0/20 -> 0 to 0.1611.
            #expect(abs(none.high - 0.1611) < 1e-4)
            let all = WilsonInterval.bounds(count: 20, trials: 20, z: 1.96)
            #expect(all.high == 1 && abs(all.low - (1 - 0.1611)) < 1e-4)
            // Same table: 15/148 -> 0.0624 to 0.1605; 1/29 -> 0.0061 to 0.1718.
            let some = WilsonInterval.bounds(count: 15, trials: 148, z: 1.96)
            #expect(abs(some.low - 0.0624) < 1e-4 && abs(some.high - 0.1605) < 1e-4)
            let one = WilsonInterval.bounds(count: 1, trials: 29, z: 1.96)
            #expect(abs(one.low - 0.0061) < 1e-4 && abs(one.high - 0.1718) < 1e-4)
        }

        @Test func zeroZCollapsesToTheProportion() {
            let bounds = WilsonInterval.bounds(count: 3, trials: 8, z: 0)
            #expect(abs(bounds.low - 0.375) < 1e-15 && abs(bounds.high - 0.375) < 1e-15)
        }

        @Test func complementIsMirrored() {
            let failures = WilsonInterval.bounds(count: 7, trials: 30, z: 2.3)
            let passes = WilsonInterval.bounds(count: 23, trials: 30, z: 2.3)
            #expect(abs(failures.low - (1 - passes.high)) < 1e-15 && abs(failures.high - (1 - passes.low)) < 1e-15)
        }
    }
}
