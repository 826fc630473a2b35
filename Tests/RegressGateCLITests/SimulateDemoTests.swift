import Foundation
import Testing

@Suite("regress-gate simulate and demo")
struct SimulateDemoTests {
    @Test func simulateIsSeededAndWritesTheAncestorsRecords() throws {
        let dir = temporaryDirectory()
        let args = ["simulate", "--runs", "50", "--versions", "a,b", "--days", "3", "--anomaly-day", "2026-11-03", "--seed", "11"]
        let first = try gate(args + ["--out", "one.jsonl"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote one.jsonl: "))
        _ = try gate(args + ["--out", "two.jsonl"], in: dir)
        _ = try gate(["simulate", "--runs", "50", "--versions", "a,b", "--days", "3", "--seed", "12", "--out", "three.jsonl"], in: dir)
        let one = try String(contentsOf: dir.appendingPathComponent("one.jsonl"), encoding: .utf8)
        #expect(one == (try String(contentsOf: dir.appendingPathComponent("two.jsonl"), encoding: .utf8)))
        #expect(one != (try String(contentsOf: dir.appendingPathComponent("three.jsonl"), encoding: .utf8)))

        let lines = one.split(separator: "\n")
        let keys = ["timestamp", "run_id", "step_name", "input_summary", "output_summary", "latency_ms", "token_count", "success", "error_type", "prompt_version", "model_name"]
        #expect(lines.allSatisfy { line in
            var at = line.startIndex
            for key in keys {   // the ancestor's key order, with json.dumps' separators
                guard let r = line.range(of: "\"\(key)\": ", range: at..<line.endIndex) else { return false }
                at = r.upperBound
            }
            return line.hasPrefix("{\"timestamp\": \"2026-11-0")
        })
        let stats = try json(try gate(["stats", "--logs", "one.jsonl", "--format", "json"], in: dir).stdout)
        let versions = stats["versions"] as! [[String: Any]]
        #expect(Set(versions.map { $0["version"] as! String }) == ["a", "b"])
        #expect(versions.allSatisfy { $0["runs"] as? Int == 50 })
        let trend = try json(try gate(["trend", "--logs", "one.jsonl", "--format", "json"], in: dir).stdout)
        #expect((trend["anomaly"] as! [String: Any])["date"] as? String == "2026-11-03")
    }

    @Test func demoRunsToTheEndAndExitsZero() throws {
        let dir = temporaryDirectory()
        let run = try gate(["demo", "--dir", dir.appendingPathComponent("demo").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        for n in 1...8 { #expect(run.stdout.contains("━━ \(n)/8 ")) }
        #expect(run.stdout.contains("REGRESSION_DETECTED: v3 vs baseline v2"))
        #expect(run.stdout.contains("ANOMALY: 2026-11-07"))
        #expect(run.stdout.hasSuffix("Gate verdict for v3: REGRESSION_DETECTED.\n"))
        for file in ["requests.jsonl", "baseline.json", "candidates.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo/\(file)").path))
        }
        // The baseline the demo wrote is a real one.
        let show = try gate(["baseline", "show", "--baseline", dir.appendingPathComponent("demo/baseline.json").path])
        #expect(show.status == 0)
    }
}
