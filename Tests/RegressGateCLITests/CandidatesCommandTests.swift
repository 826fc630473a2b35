import Foundation
import Testing

@Suite("regress-gate candidates")
struct CandidatesCommandTests {
    @Test func writesTheFileAndMergesOnTheNextRun() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4)])   // each query once: no candidate
        let none = try gate(["candidates", "--logs", "logs.jsonl", "--format", "json"], in: dir)
        #expect(none.status == 0, "\(none.stderr)")
        #expect((try json(none.stdout)["candidates"] as! [Any]).isEmpty)

        // Three versions fail on the same four queries: each query failed 3 times.
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 4), ("v3", 40, 4)])
        let run = try gate(["candidates", "--logs", "logs.jsonl", "--output", "evals/c.jsonl", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run.stdout)
        #expect(report["new"] as? Int == 4 && report["eligible"] as? Int == 4)
        let text = try String(contentsOf: dir.appendingPathComponent("evals/c.jsonl"), encoding: .utf8)
        let first = try json(String(text.split(separator: "\n")[0]))
        #expect(first["query"] as? String == "soru 0 – ğüş")
        #expect(first["failure_count"] as? Int == 3 && first["auto_add_eligible"] as? Bool == true)
        #expect(first["root_cause_category"] as? String == "API_ERROR")

        let again = try gate(["candidates", "--logs", "logs.jsonl", "--output", "evals/c.jsonl"], in: dir)
        #expect(again.stdout.hasPrefix("evals/c.jsonl: 4 candidates (0 new, 0 updated, 4 unchanged, 0 kept from the file)"))
        #expect(try String(contentsOf: dir.appendingPathComponent("evals/c.jsonl"), encoding: .utf8) == text)
    }

    /// An eval set kept elsewhere and linked in: the merge goes to the link's target, the link
    /// stays, and the report names the file written.
    @Test func aLinkedCandidatesFileIsMergedThroughTheLink() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 4), ("v3", 40, 4)])
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("evals"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("c.jsonl").path, withDestinationPath: "evals/c.jsonl")
        let run = try gate(["candidates", "--logs", "logs.jsonl", "--output", "c.jsonl"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let target = dir.appendingPathComponent("evals").resolvingSymlinksInPath().appendingPathComponent("c.jsonl").path
        #expect(run.stdout.hasPrefix("\(target): 4 candidates (4 new"), "\(run.stdout)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("c.jsonl").path) == "evals/c.jsonl")
        #expect(try String(contentsOf: dir.appendingPathComponent("evals/c.jsonl"), encoding: .utf8).split(separator: "\n").count == 4)
    }

    @Test func aDamagedFileIsLeftAloneAndExitsTwo() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 4, 4)])
        try "not json\n".write(to: dir.appendingPathComponent("candidates.jsonl"), atomically: true, encoding: .utf8)
        let run = try gate(["candidates", "--logs", "logs.jsonl"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: candidates.jsonl:1: not valid JSON"))
        #expect(try String(contentsOf: dir.appendingPathComponent("candidates.jsonl"), encoding: .utf8) == "not json\n")
    }
}
