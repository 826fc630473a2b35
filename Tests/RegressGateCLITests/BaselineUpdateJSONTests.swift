import Foundation
import Testing

@Suite("regress-gate baseline update --format json")
struct BaselineUpdateJSONTests {
    @Test func itSaysWhatWasWrittenAndTheFileAgrees() throws {
        let dir = temporaryDirectory()
        let run = try gate(["baseline", "update", "--logs", fixture("requests.jsonl"), "--version", "v2", "--baseline", "b.json", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try json(run.stdout)
        let file = try json(try String(contentsOf: dir.appendingPathComponent("b.json"), encoding: .utf8))
        let totals = file["totals"] as! [String: Any]
        #expect(summary["baseline"] as? String == "b.json")
        #expect(summary["version"] as? String == "v2" && file["version"] as? String == "v2")
        for (key, fileKey) in [("runs", "runs"), ("failed_runs", "failed_runs"), ("steps", "steps"), ("failed_steps", "failed_steps")] {
            #expect(summary[key] as? Int == totals[fileKey] as? Int, "\(key)")
        }
        #expect(summary["step_names"] as? [String] == file["step_order"] as? [String])
        #expect(summary["cases"] as? Int == (file["cases"] as? [Any])?.count ?? (file["cases"] as? [String: Any])?.count)
        #expect(summary["created_at"] as? String == file["created_at"] as? String)
        // The text form is unchanged: one line.
        let text = try gate(["baseline", "update", "--logs", fixture("requests.jsonl"), "--version", "v2", "--baseline", "b.json"], in: dir)
        #expect(text.status == 0 && text.stdout.hasPrefix("wrote b.json: version v2, ") && text.stdout.split(separator: "\n").count == 1)
    }
}
