import Testing
@testable import RegressionKit

/// `candidates --version`: the failed runs candidates come from, and a version the logs do not hold.
@Suite("Failed runs of a version")
struct FailedRunsOfVersionTests {
    func analysis() -> ForensicsAnalysis {
        var collector = RunCollector()
        let rows = records(version: "v1", runs: 4, failing: 2) + records(version: "v2", runs: 3, failing: 1)
            + records(version: "v3", runs: 2, failing: 0)
        rows.forEach { collector.add($0) }
        return ForensicsAnalysis(collector: collector)
    }

    @Test func aVersionKeepsItsOwnFailedRunsAndNoneKeepsAll() throws {
        let analysis = analysis()
        #expect(try analysis.failedRuns(of: nil, sources: ["l.jsonl"]).map(\.runID) == ["v1-0", "v1-1", "v2-0"])
        #expect(try analysis.failedRuns(of: "v2", sources: ["l.jsonl"]).map(\.runID) == ["v2-0"])
        #expect(try analysis.failedRuns(of: "v3", sources: ["l.jsonl"]).isEmpty)   // ran, never failed: no error
    }

    @Test func aVersionWithoutRunsIsAnErrorNamingTheOnesThere() {
        #expect(throws: VersionNotFoundError(version: "v4", sources: ["l.jsonl"], available: ["v1", "v2", "v3"])) {
            try analysis().failedRuns(of: "v4", sources: ["l.jsonl"])
        }
    }
}
