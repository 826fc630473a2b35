import Foundation
import Testing

@Suite("regress-gate analyze")
struct AnalyzeCommandTests {
    @Test func jsonListsEveryFailedRunWithItsCategoryLatestFirst() throws {
        let run = try gate(["analyze", "--logs", fixture("requests.jsonl"), "--limit", "0", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run.stdout)
        let runs = report["runs"] as! [[String: Any]]
        let versions = report["versions"] as! [[String: Any]]
        #expect(runs.count == versions.reduce(0) { $0 + ($1["failed_runs"] as! Int) })
        #expect(versions.map { $0["version"] as! String } == ["v1", "v2", "v3"])
        let stamps = runs.map { $0["last_timestamp"] as! String }
        #expect(stamps == stamps.sorted(by: >))
        let categories = Set(runs.map { $0["category"] as! String })
        #expect(categories.isSubset(of: ["API_ERROR", "RETRIEVAL_QUALITY", "RERANKER_FAILURE", "LLM_HALLUCINATION", "CITATION_MISS", "UNKNOWN"]))
        let growth = report["growth"] as! [String: Any]
        #expect(growth["from"] as? String == "v2" && growth["to"] as? String == "v3")
        let grew = (growth["categories"] as! [[String: Any]]).filter { $0["grew"] as! Bool }.map { $0["category"] as! String }
        #expect(grew.contains("CITATION_MISS"))
    }

    @Test func oneRunByIdAndItsRecommendations() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 3, 1)])
        let run = try gate(["analyze", "--logs", "logs.jsonl", "--run", "v1-0"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Run v1-0 (v1, 2 steps): API_ERROR"))
        #expect(run.stdout.contains("root cause: generation failed: timeout"))
        #expect(run.stdout.contains("HIGH    retry transient errors with backoff"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let ok = try gate(["analyze", "--logs", "logs.jsonl", "--run", "v1-2", "--format", "json"], in: dir)
        #expect((try json(ok.stdout)["runs"] as! [[String: Any]])[0]["category"] as? String == "NONE")
    }

    @Test func anUnknownRunOrVersionIsAnInputError() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 3, 1)])
        let run = try gate(["analyze", "--logs", "logs.jsonl", "--run", "nope"], in: dir)
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: no run 'nope' in logs.jsonl (3 runs there)"))
        let version = try gate(["analyze", "--logs", "logs.jsonl", "--version", "v9"], in: dir)
        #expect(version.status == 2)
        #expect(version.stderr.contains("no records for version 'v9'"))
    }
}
