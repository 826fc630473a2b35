import Foundation
import Testing

/// One rule for trend, dashboard and alert: a window without records (an --as-of before the
/// first record or after the last) is not an error; logs without a dated record are.
@Suite("An empty window")
struct EmptyWindowTests {
    static let commands = ["trend", "dashboard", "alert"]

    @Test(arguments: commands)
    func isNoDataNotAnError(command: String) throws {
        for (asOf, from) in [("2020-01-01", "2019-12-26"), ("2030-01-01", "2029-12-26")] {
            for format in ["text", "json"] {
                let run = try gate([command, "--logs", fixture("requests.jsonl"), "--as-of", asOf, "--format", format],
                                   environment: ["REGRESS_GATE_WEBHOOK": ""])
                #expect(run.status == 0, "\(command) --as-of \(asOf): \(run.stderr)")
                #expect(run.stderr.hasSuffix("note: no records from \(from) to \(asOf); the records are dated 2026-11-01 to 2026-11-12; nothing is judged in an empty window (check --as-of and --days)\n"),
                        "\(command) --as-of \(asOf): \(run.stderr)")
                guard format == "json" else { continue }
                let report = try json(run.stdout)
                switch command {
                case "alert": #expect((report["alerts"] as? [Any])?.isEmpty == true)
                case "dashboard": #expect(((report["trend"] as? [String: Any])?["days"] as? [Any])?.isEmpty == true)
                default: #expect((report["days"] as? [Any])?.isEmpty == true)
                }
            }
        }
        // Of one version: its own days.
        let v2 = try gate([command, "--logs", fixture("requests.jsonl"), "--as-of", "2020-01-01", "--version", "v2"], environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(v2.status == 0 && v2.stderr.contains("; the records of v2 are dated 2026-11-04 to 2026-11-08;"), "\(v2.stderr)")
        // A window with records says nothing of the kind.
        let full = try gate([command, "--logs", fixture("requests.jsonl"), "--as-of", "2026-11-10"], environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(full.status == 0 && !full.stderr.contains("note:"), "\(full.stderr)")
    }

    @Test(arguments: commands)
    func logsWithoutADatedRecordAreAnInputErrorThatCountsThemTruly(command: String) throws {
        let dir = temporaryDirectory()
        try """
        {"run_id": "a", "step_name": "s", "success": false, "prompt_version": "v1"}
        {"run_id": "b", "step_name": "s", "success": true, "prompt_version": "v1"}
        {"run_id": "c", "step_name": "s", "success": true, "prompt_version": "v1", "timestamp": "garbage"}

        """.write(to: dir.appendingPathComponent("undated.jsonl"), atomically: true, encoding: .utf8)
        for asOf in [[], ["--as-of", "2020-01-01"]] {
            let run = try gate([command, "--logs", "undated.jsonl"] + asOf, in: dir, environment: ["REGRESS_GATE_WEBHOOK": ""])
            #expect(run.status == 2 && run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("error: none of the 3 records in undated.jsonl has an ISO 8601 \"timestamp\""), "\(asOf): \(run.stderr)")
        }
    }
}
