import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("ClusteredDifference")
    struct ClusteredDifferenceTests {
        private func close(_ result: RateDifferenceEvidence, _ estimate: Double, _ low: Double, _ high: Double, _ p: Double) -> Bool {
            abs(result.estimate - estimate) < 1e-12 && abs(result.low - low) < 1e-9 && abs(result.high - high) < 1e-9
                && (isRelativelyClose(result.pValue, p, 1e-9) || abs(result.pValue - p) < 1e-15)
        }

        @Test func pairedMatchesNumpy() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.clusteredPaired.count >= 8)
            for item in reference.clusteredPaired {
                let cases = item.cases.map {
                    ClusteredDifference.PairedCase(baselineRuns: $0[0], baselineFailures: $0[1], candidateRuns: $0[2], candidateFailures: $0[3])
                }
                let result = ClusteredDifference.paired(cases, z: item.z)
                #expect(close(result, item.estimate, item.low, item.high, item.pValue), "\(item.name): \(result)")
            }
        }

        @Test func unpairedMatchesNumpy() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.clusteredUnpaired.count >= 6)
            for item in reference.clusteredUnpaired {
                let baseline = item.baseline.map { ClusteredDifference.Cluster(runs: $0[0], failures: $0[1]) }
                let candidate = item.candidate.map { ClusteredDifference.Cluster(runs: $0[0], failures: $0[1]) }
                let result = ClusteredDifference.unpaired(baseline: baseline, candidate: candidate, z: item.z)
                #expect(close(result, item.estimate, item.low, item.high, item.pValue), "\(item.name): \(result)")
            }
        }

        @Test func handComputedPairedExample() {
            // d = 1/2, 0, 1: D = 1/2, sd = 1/2, SE = 1/(2 sqrt 3).
            let cases = [
                ClusteredDifference.PairedCase(baselineRuns: 2, baselineFailures: 0, candidateRuns: 2, candidateFailures: 1),
                ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 1),
                ClusteredDifference.PairedCase(baselineRuns: 3, baselineFailures: 0, candidateRuns: 3, candidateFailures: 3),
            ]
            let se = 1 / (2 * 3.0.squareRoot())
            let result = ClusteredDifference.paired(cases, z: 2)
            #expect(abs(result.estimate - 0.5) < 1e-15)
            #expect(abs(result.low - (0.5 - 2 * se)) < 1e-15 && result.high == 1)  // 0.5 + 2 SE > 1 is clamped
            #expect(abs(result.pValue - NormalDistribution.survival(0.5 / se)) < 1e-15)
        }

        @Test func handComputedUnpairedExample() {
            // Baseline clusters (4 runs, 4 fails), (4, 0), (4, 0): p = 1/3, residuals 8/3, -4/3, -4/3,
            // V0 = (3/2)(96/9)/144 = 1/9. Candidate (2, 1), (2, 1): p = 1/2, residuals 0 -> V1 = 0.
            let result = ClusteredDifference.unpaired(
                baseline: [.init(runs: 4, failures: 4), .init(runs: 4, failures: 0), .init(runs: 4, failures: 0)],
                candidate: [.init(runs: 2, failures: 1), .init(runs: 2, failures: 1)],
                z: 1)
            #expect(abs(result.estimate - 1.0 / 6) < 1e-15)
            #expect(abs(result.low - (1.0 / 6 - 1.0 / 3)) < 1e-15 && abs(result.high - 0.5) < 1e-15)
            #expect(abs(result.pValue - NormalDistribution.survival(0.5)) < 1e-15)
        }

        @Test func insufficientDataIsUninformative() {
            #expect(ClusteredDifference.paired([], z: 1.96) == .uninformative)
            #expect(ClusteredDifference.paired([.init(baselineRuns: 0, baselineFailures: 0, candidateRuns: 3, candidateFailures: 1)], z: 1.96) == .uninformative)
            let single = ClusteredDifference.paired([.init(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 3)], z: 1.96)
            #expect(single == RateDifferenceEvidence(estimate: 0.5, low: -1, high: 1, pValue: 1))
            #expect(ClusteredDifference.unpaired(baseline: [], candidate: [.init(runs: 3, failures: 1)], z: 1.96) == .uninformative)
            let oneCluster = ClusteredDifference.unpaired(
                baseline: [.init(runs: 4, failures: 1)], candidate: [.init(runs: 4, failures: 2), .init(runs: 4, failures: 3)], z: 1.96)
            #expect(oneCluster == RateDifferenceEvidence(estimate: 0.375, low: -1, high: 1, pValue: 1))
        }

        @Test func zeroStandardErrorFollowsTheSignOfTheDifference() {
            let worse = Array(repeating: ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 1, candidateRuns: 4, candidateFailures: 2), count: 5)
            #expect(ClusteredDifference.paired(worse, z: 1.96) == RateDifferenceEvidence(estimate: 0.25, low: 0.25, high: 0.25, pValue: 0))
            let same = Array(repeating: ClusteredDifference.PairedCase(baselineRuns: 4, baselineFailures: 2, candidateRuns: 4, candidateFailures: 2), count: 5)
            #expect(ClusteredDifference.paired(same, z: 1.96) == RateDifferenceEvidence(estimate: 0, low: 0, high: 0, pValue: 1))
        }
    }
}
