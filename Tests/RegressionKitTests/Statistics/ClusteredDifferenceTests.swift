import Foundation
import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("ClusteredDifference")
    struct ClusteredDifferenceTests {
        private func close(_ result: RateDifferenceEvidence, _ estimate: Double, _ low: Double, _ high: Double, _ p: Double) -> Bool {
            abs(result.estimate - estimate) < 1e-12 && abs(result.low - low) < 1e-9 && abs(result.high - high) < 1e-9
                && (isRelativelyClose(result.pValue, p, 1e-9) || abs(result.pValue - p) < 1e-15)
        }

        @Test func pairedMatchesNumpyAndScipyT() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.clusteredPaired.count >= 8)
            for item in reference.clusteredPaired {
                let cases = item.cases.map {
                    ClusteredDifference.PairedCase(baselineRuns: $0[0], baselineFailures: $0[1], candidateRuns: $0[2], candidateFailures: $0[3])
                }
                let result = ClusteredDifference.paired(cases, alpha: item.alpha)
                #expect(close(result, item.estimate, item.low, item.high, item.pValue), "\(item.name): \(result)")
            }
        }

        @Test func unpairedMatchesNumpyAndScipyT() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.clusteredUnpaired.count >= 6)
            for item in reference.clusteredUnpaired {
                let baseline = item.baseline.map { ClusteredDifference.Cluster(runs: $0[0], failures: $0[1]) }
                let candidate = item.candidate.map { ClusteredDifference.Cluster(runs: $0[0], failures: $0[1]) }
                let result = ClusteredDifference.unpaired(baseline: baseline, candidate: candidate, alpha: item.alpha)
                #expect(close(result, item.estimate, item.low, item.high, item.pValue), "\(item.name): \(result)")
            }
        }

        @Test func handComputedPairedExample() {
            // d = 1/2, 0, 1: D = 1/2, sd = 1/2, SE = 1/(2 sqrt 3), t = sqrt 3 on 2 degrees of freedom,
            // where P(T > t) = (1 - t / sqrt(2 + t^2)) / 2 and the 90 % quantile is 4 sqrt(2) / 3.
            let cases = [
                ClusteredDifference.PairedCase(baselineRuns: 2, baselineFailures: 0, candidateRuns: 2, candidateFailures: 1),
                ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 1),
                ClusteredDifference.PairedCase(baselineRuns: 3, baselineFailures: 0, candidateRuns: 3, candidateFailures: 3),
            ]
            let se = 1 / (2 * 3.0.squareRoot())
            let critical = 4 * 2.0.squareRoot() / 3
            let result = ClusteredDifference.paired(cases, alpha: 0.1)
            #expect(abs(result.estimate - 0.5) < 1e-15)
            #expect(abs(result.low - (0.5 - critical * se)) < 1e-14 && result.high == 1)  // 0.5 + 0.54 > 1 is clamped
            #expect(abs(result.pValue - (0.5 - 15.0.squareRoot() / 10)) < 1e-14)
        }

        @Test func handComputedUnpairedExample() {
            // Baseline clusters (4 runs, 4 fails), (4, 0), (4, 0): p = 1/3, residuals 8/3, -4/3, -4/3,
            // V0 = (3/2)(96/9)/144 = 1/9. Candidate (2, 1), (2, 1): p = 1/2, residuals 0 -> V1 = 0.
            // D = 1/6, SE = 1/3, on min(3, 2) - 1 = 1 degree of freedom (Cauchy): P(T > 1/2) =
            // 1/2 - atan(1/2) / pi, and the 75 % quantile is tan(pi / 4) = 1.
            let result = ClusteredDifference.unpaired(
                baseline: [.init(runs: 4, failures: 4), .init(runs: 4, failures: 0), .init(runs: 4, failures: 0)],
                candidate: [.init(runs: 2, failures: 1), .init(runs: 2, failures: 1)],
                alpha: 0.25)
            #expect(abs(result.estimate - 1.0 / 6) < 1e-15)
            #expect(abs(result.low - (1.0 / 6 - 1.0 / 3)) < 1e-14 && abs(result.high - 0.5) < 1e-14)
            #expect(abs(result.pValue - (0.5 - atan(0.5) / Double.pi)) < 1e-14)
        }

        /// With ten cases the bounds use t on 9 degrees of freedom (1.833 at 95 %, scipy), not the
        /// normal's 1.645: 11 % wider, and the p-value is larger; with a thousand cases, t on 999.
        @Test func fewCasesWidenTheBoundsLikeStudentT() {
            func cases(_ k: Int) -> [ClusteredDifference.PairedCase] {
                (0..<k).map { i in .init(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: [1, 2, 3, 1, 2][i % 5]) }
            }
            for (k, critical) in [(10, 1.833112932656237), (1000, 1.646380345427535)] {
                let result = ClusteredDifference.paired(cases(k), alpha: 0.05)
                let differences = (0..<k).map { [0.0, 0.25, 0.5, 0, 0.25][$0 % 5] }
                let mean = differences.reduce(0, +) / Double(k)
                let sd = (differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)).squareRoot()
                let se = sd / Double(k).squareRoot()
                #expect(abs(result.estimate - mean) < 1e-15)
                #expect(abs((result.high - result.estimate) - critical * se) < 1e-12, "k = \(k)")
                #expect(abs((result.estimate - result.low) - critical * se) < 1e-12, "k = \(k)")
                #expect(result.pValue > NormalDistribution.survival(mean / se), "k = \(k)")
            }
        }

        @Test func insufficientDataIsUninformative() {
            #expect(ClusteredDifference.paired([], alpha: 0.025) == .uninformative)
            #expect(ClusteredDifference.paired([.init(baselineRuns: 0, baselineFailures: 0, candidateRuns: 3, candidateFailures: 1)], alpha: 0.025) == .uninformative)
            let single = ClusteredDifference.paired([.init(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 3)], alpha: 0.025)
            #expect(single == RateDifferenceEvidence(estimate: 0.5, low: -1, high: 1, pValue: 1))
            #expect(ClusteredDifference.unpaired(baseline: [], candidate: [.init(runs: 3, failures: 1)], alpha: 0.025) == .uninformative)
            let oneCluster = ClusteredDifference.unpaired(
                baseline: [.init(runs: 4, failures: 1)], candidate: [.init(runs: 4, failures: 2), .init(runs: 4, failures: 3)], alpha: 0.025)
            #expect(oneCluster == RateDifferenceEvidence(estimate: 0.375, low: -1, high: 1, pValue: 1))
        }

        @Test func zeroStandardErrorFollowsTheSignOfTheDifference() {
            let worse = Array(repeating: ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 2), count: 5)
            #expect(ClusteredDifference.paired(worse, alpha: 0.025) == RateDifferenceEvidence(estimate: 0.25, low: 0.25, high: 0.25, pValue: 0))
            let same = Array(repeating: ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 2, candidateRuns: 4, candidateFailures: 2), count: 5)
            #expect(ClusteredDifference.paired(same, alpha: 0.025) == RateDifferenceEvidence(estimate: 0, low: 0, high: 0, pValue: 1))
        }
    }
}
