import Foundation
import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("HodgesLehmannShift")
    struct HodgesLehmannShiftTests {
        @Test func matchesNumpySortOfAllDifferences() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.hodgesLehmann.count >= 10)
            #expect(reference.hodgesLehmann.contains { $0.name == "large-generated" })
            for item in reference.hodgesLehmann {
                let y = item.candidate.values
                let x = item.baseline.values
                let result = try #require(HodgesLehmannShift.estimate(candidate: y, baseline: x, z: item.z))
                #expect(abs(result.estimate - item.estimate) < 1e-12, "\(item.name): estimate \(result.estimate), numpy \(item.estimate)")
                #expect(result.low == item.low && result.high == item.high,
                        "\(item.name) alpha \(item.alpha): [\(result.low), \(result.high)], numpy [\(item.low), \(item.high)]")
            }
        }

        /// Brute force: sort every difference and read the order statistics.
        @Test func agreesWithBruteForceOnAwkwardSamples() throws {
            let samples: [([Double], [Double])] = [
                ([0.5, -0.0, 0.0, 2, 2, 2], [0, 0, 1e-300, -1e-300, 2]),
                ((0..<37).map { Double(($0 * 17) % 11) - 5.5 }, (0..<23).map { Double(($0 * 5) % 7) * 0.1 }),
                ([-1e6, 3, 1e6], [2.5, 2.5, 2.5, 2.5]),
            ]
            for (y, x) in samples {
                let z = 1.0
                let result = try #require(HodgesLehmannShift.estimate(candidate: y, baseline: x, z: z))
                let all = y.flatMap { yj in x.map { yj - $0 } }.sorted()
                let n = all.count
                let median = n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2
                let k = Int((Double(n) / 2 - z * (Double(n) * Double(y.count + x.count + 1) / 12).squareRoot()).rounded(.down))
                #expect(result.estimate == median)
                #expect(result.low == all[k - 1] && result.high == all[n - k])
            }
        }

        @Test func emptyAndTinySamples() throws {
            #expect(HodgesLehmannShift.estimate(candidate: [], baseline: [1], z: 1.645) == nil)
            #expect(HodgesLehmannShift.estimate(candidate: [1], baseline: [], z: 1.645) == nil)
            // nm = 2: k = floor(1 - 1.645 * sqrt(2 * 4 / 12)) < 1, so the bounds are unbounded.
            let tiny = try #require(HodgesLehmannShift.estimate(candidate: [1, 2], baseline: [0], z: 1.645))
            #expect(tiny.estimate == 1.5 && tiny.low == -.infinity && tiny.high == .infinity)
        }

        @Test func shiftingTheCandidateShiftsTheEstimate() throws {
            let x = (0..<300).map { log(1 + Double(($0 * 7919) % 1000) / 10) }
            let y = x.map { $0 + 0.25 }
            let result = try #require(HodgesLehmannShift.estimate(candidate: y, baseline: x, z: 1.96))
            #expect(abs(result.estimate - 0.25) < 1e-12)
            #expect(result.low < 0.25 && result.high > 0.25)
            #expect(result.low > -0.5 && result.high < 1.0)
        }
    }
}
