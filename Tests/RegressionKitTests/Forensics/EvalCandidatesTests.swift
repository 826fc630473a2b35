import Foundation
import Testing
@testable import RegressionKit

@Suite("Eval candidates")
struct EvalCandidatesTests {
    /// Runs failing at `step` with `error` on `query`, one per timestamp.
    func failures(_ query: String, _ times: [String], step: String = "retrieval", error: String = "no_results", version: String = "v1") -> [StepRecord] {
        times.enumerated().map { i, t in
            StepRecord(runID: "\(query)-\(version)-\(i)", stepName: step, success: false, promptVersion: version, errorType: error, inputSummary: query, timestamp: t)
        }
    }

    func analyses(_ records: [StepRecord]) -> [RunAnalysis] {
        var collector = RunCollector()
        records.forEach { collector.add($0) }
        return collector.analyses()
    }

    @Test func inputsFailingTwiceAreCandidatesAndThreeTimesEligible() {
        let runs = analyses(
            failures(" twice ", ["2026-11-01T10:00:00+00:00", "2026-11-02T10:00:00+00:00"])
            + failures("once", ["2026-11-01T11:00:00+00:00"])
            + failures("thrice", ["2026-11-03T10:00:00+00:00", "2026-11-01T09:00:00+00:00", "2026-11-02T09:00:00+00:00"], step: "citation", error: "timeout")
            + failures("Simulated query 7", ["2026-11-01T10:00:00+00:00", "2026-11-01T10:00:00+00:00"]))
        let found = EvalCandidates().collect(runs)
        #expect(found.map(\.query) == ["twice", "thrice"])
        #expect(found[0].failureCount == 2 && !found[0].autoAddEligible && found[0].rootCauseCategory == "RETRIEVAL_QUALITY")
        #expect(found[1].failureCount == 3 && found[1].autoAddEligible && found[1].rootCauseCategory == "API_ERROR")
        #expect(found[1].firstSeen == "2026-11-01T09:00:00+00:00" && found[1].lastSeen == "2026-11-03T10:00:00+00:00")
    }

    @Test func linesAreWrittenInTheAncestorsShape() {
        let c = EvalCandidate(query: "Aynı sorgu \"iki\" kere\tpatladı", failureCount: 3, rootCauseCategory: "RETRIEVAL_QUALITY",
                              firstSeen: "2026-06-11T01:53:53.961023+00:00", lastSeen: "2026-06-11T01:53:53.963734+00:00", autoAddEligible: true)
        #expect(CandidatesFile.line(c) == #"{"query": "Aynı sorgu \"iki\" kere\tpatladı", "failure_count": 3, "root_cause_category": "RETRIEVAL_QUALITY", "first_seen": "2026-06-11T01:53:53.961023+00:00", "last_seen": "2026-06-11T01:53:53.963734+00:00", "auto_add_eligible": true}"#)
    }

    @Test func mergingKeepsWhatAPersonEdited() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("candidates.jsonl").path
        let edited = #"{"query":"twice","failure_count":2,"root_cause_category":"CITATION_MISS","first_seen":"2026-11-01T10:00:00+00:00","last_seen":"2026-11-01T10:00:00+00:00","auto_add_eligible":false,"note":"not a retrieval problem"}"#
        let untouched = #"{"query": "old", "failure_count": 9, "root_cause_category": "API_ERROR", "first_seen": "", "last_seen": "", "auto_add_eligible": true}"#
        try (edited + "\n" + untouched + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var file = try CandidatesFile.read(path)
        let found = EvalCandidates().collect(analyses(
            failures("twice", ["2026-11-01T10:00:00+00:00", "2026-11-02T10:00:00+00:00", "2026-11-03T10:00:00+00:00"])
            + failures("fresh", ["2026-11-04T10:00:00+00:00", "2026-11-05T10:00:00+00:00"])))
        file.merge(found)
        try file.write(to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"query": "twice", "failure_count": 3, "root_cause_category": "CITATION_MISS", "first_seen": "2026-11-01T10:00:00+00:00", "last_seen": "2026-11-03T10:00:00+00:00", "auto_add_eligible": true, "note": "not a retrieval problem"}"#)
        #expect(lines[1] == untouched)
        #expect(lines[2].hasPrefix(#"{"query": "fresh", "failure_count": 2,"#))
        #expect(file.entries.map(\.change) == [.updated, .kept, .new])

        // The same logs again: nothing doubles, nothing changes.
        var again = try CandidatesFile.read(path)
        again.merge(found)
        #expect(again.entries.map(\.change) == [.unchanged, .kept, .unchanged])
        #expect(again.text() == lines.joined(separator: "\n") + "\n")
    }

    @Test func aDamagedFileIsRefusedWithItsLine() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("candidates.jsonl").path
        try "{\"query\": \"a\", \"failure_count\": 2}\n{\"query\": \"b\", \"failure_count\": \"two\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try CandidatesFile.read(path) } throws: { error in
            (error as? CandidatesFileError)?.description.hasPrefix("\(path):2: failure_count: expected an integer") == true
        }
    }
}
