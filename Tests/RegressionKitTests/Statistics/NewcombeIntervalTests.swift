import Testing
@testable import RegressionKit

extension StatisticsTests {
    @Suite("NewcombeInterval")
    struct NewcombeIntervalTests {
        @Test func unpairedMatchesStatsmodels() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.newcombeUnpaired.count >= 30)
            for item in reference.newcombeUnpaired {
                let result = NewcombeInterval.unpaired(
                    baselineFailures: item.x0, baselineTrials: item.n0,
                    candidateFailures: item.x1, candidateTrials: item.n1, z: item.z)
                #expect(abs(result.estimate - (item.estimate ?? .nan)) < 1e-12)
                #expect(abs(result.low - item.low) < 1e-9 && abs(result.high - item.high) < 1e-9,
                        "\(item.x1)/\(item.n1) vs \(item.x0)/\(item.n0): \(result), statsmodels [\(item.low), \(item.high)]")
            }
        }

        /// Newcombe (1998a), Stat Med 17:873, method 10, printed to 4 decimals at z = 1.96.
        @Test func unpairedMatchesPublishedExamples() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.newcombeUnpairedPublished.count == 3)
            for item in reference.newcombeUnpairedPublished {
                let result = NewcombeInterval.unpaired(
                    baselineFailures: item.x0, baselineTrials: item.n0,
                    candidateFailures: item.x1, candidateTrials: item.n1, z: item.z)
                #expect(abs(result.low - item.low) <= 1e-4 && abs(result.high - item.high) <= 1e-4,
                        "\(item.x1)/\(item.n1) vs \(item.x0)/\(item.n0): \(result)")
            }
        }

        @Test func pairedMatchesIndependentPythonImplementation() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.newcombePaired.count >= 40)
            for item in reference.newcombePaired {
                let result = NewcombeInterval.paired(
                    bothFail: item.a, candidateOnlyFails: item.b, baselineOnlyFails: item.c, bothPass: item.d, z: item.z)
                #expect(abs(result.estimate - (item.estimate ?? .nan)) < 1e-12)
                #expect(abs(result.low - item.low) < 1e-9 && abs(result.high - item.high) < 1e-9,
                        "(\(item.a), \(item.b), \(item.c), \(item.d)): \(result), reference [\(item.low), \(item.high)]")
            }
        }

        /// Newcombe (1998b), Stat Med 17:2635, Table III, method 10 rows (z = 1.96, 4 decimals).
        @Test func pairedMatchesPublishedTableIII() throws {
            let reference = try StatisticsReference.load()
            #expect(reference.newcombePairedPublished.count == 18)
            for item in reference.newcombePairedPublished {
                let result = NewcombeInterval.paired(
                    bothFail: item.a, candidateOnlyFails: item.b, baselineOnlyFails: item.c, bothPass: item.d, z: item.z)
                #expect(abs(result.low - item.low) <= 1e-4 && abs(result.high - item.high) <= 1e-4,
                        "(\(item.a), \(item.b), \(item.c), \(item.d)): \(result), published [\(item.low), \(item.high)]")
            }
        }

        @Test func correctedPhiFollowsThePaper() {
            // ad - bc < 0 is used as it is.
            #expect(abs(NewcombeInterval.correctedPhi(a: 36, b: 12, c: 2, d: 0) - (-24 / (48.0 * 2 * 38 * 12).squareRoot())) < 1e-15)
            // ad - bc = 296 > 0 is reduced by n/2 = 25.
            #expect(abs(NewcombeInterval.correctedPhi(a: 20, b: 12, c: 2, d: 16) - 271 / (32.0 * 18 * 22 * 28).squareRoot()) < 1e-15)
            // ad - bc = 1 <= n/2 = 1: corrected to 0 (uncorrected phi would be 1).
            #expect(NewcombeInterval.correctedPhi(a: 1, b: 0, c: 0, d: 1) == 0)
            // An empty margin: 0.
            #expect(NewcombeInterval.correctedPhi(a: 0, b: 3, c: 0, d: 0) == 0)
        }

        @Test func emptyTablesAreUninformative() {
            let none = IntervalEstimate(estimate: 0, low: -1, high: 1)
            #expect(NewcombeInterval.paired(bothFail: 0, candidateOnlyFails: 0, baselineOnlyFails: 0, bothPass: 0, z: 1.96) == none)
            #expect(NewcombeInterval.unpaired(baselineFailures: 0, baselineTrials: 0, candidateFailures: 3, candidateTrials: 9, z: 1.96) == none)
            #expect(NewcombeInterval.unpaired(baselineFailures: 2, baselineTrials: 5, candidateFailures: 0, candidateTrials: 0, z: 1.96) == none)
        }

        @Test func swappingTheSidesNegatesTheInterval() {
            let forward = NewcombeInterval.paired(bothFail: 2, candidateOnlyFails: 3, baselineOnlyFails: 1, bothPass: 4, z: 1.7)
            let backward = NewcombeInterval.paired(bothFail: 2, candidateOnlyFails: 1, baselineOnlyFails: 3, bothPass: 4, z: 1.7)
            #expect(abs(forward.low + backward.high) < 1e-15 && abs(forward.high + backward.low) < 1e-15)
            let worse = NewcombeInterval.unpaired(baselineFailures: 4, baselineTrials: 50, candidateFailures: 11, candidateTrials: 60, z: 2)
            let better = NewcombeInterval.unpaired(baselineFailures: 11, baselineTrials: 60, candidateFailures: 4, candidateTrials: 50, z: 2)
            #expect(abs(worse.low + better.high) < 1e-15 && abs(worse.high + better.low) < 1e-15)
        }

        /// Positively correlated pairs make the paired interval narrower than the
        /// unpaired one on the same margins.
        @Test func pairingNarrowsTheIntervalWhenOutcomesAgree() {
            let (a, b, c, d) = (20, 5, 0, 15)
            let n = a + b + c + d
            let paired = NewcombeInterval.paired(bothFail: a, candidateOnlyFails: b, baselineOnlyFails: c, bothPass: d, z: 1.96)
            let unpaired = NewcombeInterval.unpaired(
                baselineFailures: a + c, baselineTrials: n, candidateFailures: a + b, candidateTrials: n, z: 1.96)
            #expect(abs(paired.estimate - unpaired.estimate) < 1e-15)
            #expect(paired.high - paired.low < unpaired.high - unpaired.low - 0.01)
        }
    }
}
