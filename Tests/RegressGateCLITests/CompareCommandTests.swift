import Foundation
import Testing

@Suite("regress-gate compare")
struct CompareCommandTests {
    /// The runs behind the ancestor's published data/ab_report.json: 50 runs per version, four
    /// steps each, the first `failing[step]` runs failing at that step.
    func ancestorSample(_ dir: URL) throws {
        let steps = ["retrieval", "reranking", "generation", "citation"]
        let failing = ["v1": [19, 13, 15, 3], "v2": [14, 8, 2, 6]]
        var lines: [String] = []
        for version in ["v1", "v2"] {
            for r in 0..<50 {
                for (i, step) in steps.enumerated() {
                    let fails = r < failing[version]![i]
                    lines.append(#"{"timestamp": "2026-06-04T05:\#(10 + r % 50):00+00:00", "run_id": "\#(version)-\#(r)", "step_name": "\#(step)", "input_summary": "query \#(r)", "output_summary": "", "latency_ms": 10.0, "token_count": 0, "success": \#(!fails), "error_type": \#(fails ? "\"timeout\"" : "null"), "prompt_version": "\#(version)", "model_name": "gemini-flash-latest"}"#)
                }
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("logs.jsonl"), atomically: true, encoding: .utf8)
    }

    @Test func theAncestorsPublishedNumbersAndOurEvidence() throws {
        let dir = temporaryDirectory()
        try ancestorSample(dir)
        let run = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v2", "--format", "json", "--output", "data/ab_report.json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let report = try json(String(contentsOf: dir.appendingPathComponent("data/ab_report.json"), encoding: .utf8))
        let summary = report["summary"] as! [String: Any]
        #expect(summary["winner"] as? String == "v2")
        #expect(summary["v1_failure_rate"] as? Double == 0.25 && summary["v2_failure_rate"] as? Double == 0.15)
        #expect(summary["improvement_pct"] as? Double == 10.0)
        #expect(summary["v1_runs"] as? Int == 50 && summary["v2_runs"] as? Int == 50)
        let steps = report["step_breakdown"] as! [String: [String: Any]]
        #expect(steps.mapValues { $0["delta_pct"] as! Double } == ["retrieval": 10.0, "reranking": 10.0, "generation": 26.0, "citation": -6.0])
        #expect(steps["citation"]!["step_winner"] as? String == "v1")
        #expect((steps["generation"]!["v1"] as! [String: Any])["rate"] as? Double == 0.3)
        let raw = report["raw_stats"] as! [String: [String: Any]]
        #expect(raw["v1"]!["total_steps"] as? Int == 200 && raw["v1"]!["failed_steps"] as? Int == 50)

        // The evidence: generation's 30 % -> 4 % is real; citation's 6 % -> 12 % is not.
        let evidence = report["evidence"] as! [String: Any]
        let stepEvidence = evidence["steps"] as! [String: [String: Any]]
        #expect(stepEvidence["generation"]!["winner"] as? String == "v2")
        #expect(stepEvidence["citation"]!["winner"] is NSNull)
        #expect(stepEvidence["retrieval"]!["winner"] is NSNull)
    }

    /// In the ancestor's sample, retrieval fails in exactly the runs that fail: it is the overall
    /// rate, tested once, so the family is 4 rates, not 5, and Holm multiplies by 3 and 4, not 4 and 5.
    @Test func aStepThatFailsInTheSameRunsAsOverallIsTestedOnce() throws {
        let dir = temporaryDirectory()
        try ancestorSample(dir)
        let run = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v2", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let evidence = try json(run.stdout)["evidence"] as! [String: Any]
        #expect(evidence["family_size"] as? Int == 4)
        let overall = evidence["overall"] as! [String: Any]
        let steps = evidence["steps"] as! [String: [String: Any]]
        #expect(NSDictionary(dictionary: steps["retrieval"]!).isEqual(to: overall))
        // Exact McNemar p-values 1/16 (overall, reranking), 1/4096 (generation), 1/4 (citation).
        #expect(abs((overall["adjusted_p_value"] as! Double) - 3.0 / 16) < 1e-12)
        #expect(abs((steps["generation"]!["adjusted_p_value"] as! Double) - 4.0 / 4096) < 1e-12)
        #expect(abs((steps["citation"]!["adjusted_p_value"] as! Double) - 0.25) < 1e-12)
        let text = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v2"], in: dir).stdout
        #expect(text.contains("Holm-adjusted over 4 rates (retrieval: the same\nruns fail as overall, tested once as the overall rate)"), "\(text)")
    }

    @Test func theTableSaysWhenThereIsNoSignificantDifference() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 20, 3), ("v2", 20, 2)])
        let run = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v2"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("A/B: v1 (20 runs) vs v2 (20 runs)\n  no significant difference: 15.0 % → 10.0 % of runs failed"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let same = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v1"], in: dir)
        #expect(same.status == 2)
        let missing = try gate(["compare", "--logs", "logs.jsonl", "--a", "v1", "--b", "v3"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("no records for version 'v3'"))
    }
}
