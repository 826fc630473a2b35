import Foundation
import Testing

/// Run ids that collide across `--logs` files: counted, warned about, and kept apart on request.
@Suite("Run ids across files")
struct RunScopeTests {
    /// Two shards whose run ids are both r0…r999, each with 10 % of its runs failing (different ones).
    static func shards() throws -> URL {
        let dir = temporaryDirectory()
        for shard in 1...2 {
            var lines: [String] = []
            for r in 0..<1000 {
                for step in ["retrieval", "generation"] {
                    let fails = step == "generation" && r % 10 == shard
                    lines.append(#"{"timestamp": "2026-11-01T10:00:00+00:00", "run_id": "r\#(r)", "step_name": "\#(step)", "input_summary": "q\#(r)", "output_summary": "", "latency_ms": 10.0, "token_count": 1, "success": \#(!fails), "error_type": \#(fails ? "\"boom\"" : "null"), "prompt_version": "v1", "model_name": "m"}"#)
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("s\(shard).jsonl"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func sharedIdsAreJoinedWithAWarningAndCountedInEveryJSONInput() throws {
        let dir = try Self.shards()
        for command in [["stats"], ["analyze"], ["trend"], ["alert"], ["candidates", "--output", "c.jsonl"], ["dashboard"]] {
            let run = try gate(command + ["--logs", "s1.jsonl", "s2.jsonl", "--format", "json"], in: dir)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("warning: 1000 run ids have records in more than one --logs file, joined into one run each"), "\(command)")
            #expect(run.stderr.contains("--run-scope file"), "\(command)")
            let input = try #require(try Self.json(run.stdout)["input"] as? [String: Any], "\(command)")
            #expect(input["runs_split_across_files"] as? Int == 1000, "\(command)")
        }
        let stats = try Self.json(try gate(["stats", "--logs", "s1.jsonl", "s2.jsonl", "--format", "json"], in: dir).stdout)
        let version = (stats["versions"] as! [[String: Any]])[0]
        #expect(version["runs"] as? Int == 1000)   // joined: each run twice as long, and 20 % failing
        #expect(version["failed_runs"] as? Int == 200)
    }

    @Test func runScopeFileKeepsEachFilesRunsApart() throws {
        let dir = try Self.shards()
        let stats = try gate(["stats", "--logs", "s1.jsonl", "s2.jsonl", "--format", "json", "--run-scope", "file"], in: dir)
        #expect(stats.stderr.contains("kept apart"))
        let version = (try Self.json(stats.stdout)["versions"] as! [[String: Any]])[0]
        #expect(version["runs"] as? Int == 2000)
        #expect(version["failed_runs"] as? Int == 200)
        // The gate and the baseline agree with it: 10 % of 2,000 runs, not 20 % of 1,000.
        let update = try gate(["baseline", "update", "--logs", "s1.jsonl", "s2.jsonl", "--version", "v1", "--baseline", "b.json", "--run-scope", "file"], in: dir)
        #expect(update.status == 0 && update.stdout.contains("2000 runs"), "\(update.stdout)\(update.stderr)")
        let check = try gate(["check", "--logs", "s1.jsonl", "s2.jsonl", "--candidate", "v1", "--baseline", "b.json", "--run-scope", "file", "--format", "json"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        let report = try Self.json(check.stdout)
        #expect((report["candidate"] as? [String: Any])?["runs"] as? Int == 2000)
        #expect((report["input"] as? [String: Any])?["runs_split_across_files"] as? Int == 1000)
        let analyze = try Self.json(try gate(["analyze", "--logs", "s1.jsonl", "s2.jsonl", "--format", "json", "--run-scope", "file"], in: dir).stdout)
        #expect("\(analyze)".contains("2000"))
    }

    @Test func oneFileOrDistinctIdsSayNothing() throws {
        let dir = try Self.shards()
        let one = try gate(["stats", "--logs", "s1.jsonl", "--format", "json"], in: dir)
        #expect(!one.stderr.contains("run id"))
        #expect((try Self.json(one.stdout)["input"] as? [String: Any])?["runs_split_across_files"] as? Int == 0)
        let unknown = try gate(["stats", "--logs", "s1.jsonl", "--run-scope", "files"], in: dir)
        #expect(unknown.status == 2)
    }
}
