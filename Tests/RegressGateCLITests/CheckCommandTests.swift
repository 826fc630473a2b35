import Foundation
import Testing

@Suite("regress-gate check")
struct CheckCommandTests {
    @Test func aRegressionExitsOneWithTheJSONContract() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2", "--format", "json", "--policy", "thresholds"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try json(run.stdout)
        #expect(report["verdict"] as? String == "REGRESSION_DETECTED")
        #expect(report["policy"] as? String == "thresholds")
        let baseline = report["baseline"] as! [String: Any], candidate = report["candidate"] as! [String: Any]
        #expect(baseline["version"] as? String == "v1")
        #expect(baseline["runs"] as? Int == 40 && baseline["steps"] as? Int == 80 && baseline["failed"] as? Int == 4)
        #expect(baseline["failure_rate"] as? Double == 0.05)
        #expect(candidate["failure_rate"] as? Double == 0.2)
        #expect(abs((report["delta_pp"] as! Double) - 15) < 1e-9)
        #expect(report["worst_step"] as? String == "generation")
        let steps = report["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == ["retrieval", "generation"])
        #expect(steps[1]["baseline_rate"] as? Double == 0.1)
        #expect(steps[1]["candidate_rate"] as? Double == 0.4)
        #expect(abs((steps[1]["delta_pp"] as! Double) - 30) < 1e-9)
        #expect(steps[1]["verdict"] as? String == "REGRESSION_DETECTED")
    }

    @Test func aPassExitsZeroAndTheTextLeadsWithTheVerdict() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--policy", "thresholds"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("PASS: v3 vs baseline v1 (policy: thresholds)"))
        #expect(run.stdout.contains("generation"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func aWarningPassesUnlessFailOnWarning() throws {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 50, 5), ("v2", 50, 12)])   // +7 pp of steps
        _ = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "b.json"], in: dir)
        let plain = try gate(["check", "--baseline", "b.json", "--logs", "logs.jsonl", "--candidate", "v2", "--policy", "thresholds"], in: dir)
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("WARNING"))
        let strict = try gate(["check", "--baseline", "b.json", "--logs", "logs.jsonl", "--candidate", "v2", "--policy", "thresholds", "--fail-on", "warning"], in: dir)
        #expect(strict.status == 1)
    }

    @Test func markdownIsATableAndOutputGoesToTheFile() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2", "--format", "markdown", "--output", "out/report.md", "--policy", "thresholds"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let md = try String(contentsOf: dir.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(md.contains("REGRESSION_DETECTED"))
        #expect(md.contains("| Step | Baseline | Candidate | Δ | Verdict |"))
        #expect(md.contains("| generation | 10.0 % (4/40) | 40.0 % (16/40) | +30.0 pp | REGRESSION_DETECTED |"))
    }

    @Test func logsFromStandardInput() throws {
        let dir = try workFolder()
        let logs = try Data(contentsOf: dir.appendingPathComponent("logs.jsonl"))
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "-", "--candidate", "v2", "--format", "json"], stdin: logs, in: dir)
        #expect(run.status == 1)
        #expect((try json(run.stdout)["input"] as! [String: Any])["files"] as? [String] == ["-"])
    }

    @Test func badLinesAreToleratedOnlyWhenAskedAndAreCounted() throws {
        let dir = try workFolder()
        var logs = try String(contentsOf: dir.appendingPathComponent("logs.jsonl"), encoding: .utf8)
        logs += "{not json\n"
        try logs.write(to: dir.appendingPathComponent("dirty.jsonl"), atomically: true, encoding: .utf8)
        let strict = try gate(["check", "--baseline", "baseline.json", "--logs", "dirty.jsonl", "--candidate", "v3"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.contains("dirty.jsonl:241:"))
        let tolerant = try gate(["check", "--baseline", "baseline.json", "--logs", "dirty.jsonl", "--candidate", "v3", "--max-bad-lines", "1", "--format", "json"], in: dir)
        #expect(tolerant.status == 0)
        #expect(tolerant.stderr.contains("dirty.jsonl:241:"))
        #expect((try json(tolerant.stdout)["input"] as! [String: Any])["bad_lines"] as? Int == 1)
    }

    @Test func statisticalIsTheDefaultAndReportsItsEvidence() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2", "--format", "json"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try json(run.stdout)
        #expect(report["policy"] as? String == "statistical")
        #expect(report["verdict"] as? String == "REGRESSION_DETECTED")
        #expect(report["alpha"] as? Double == 0.05)
        // overall and retrieval; generation fails exactly when a run fails, so it is the overall test, counted once.
        #expect(report["family_size"] as? Int == 2)
        #expect(report["paired"] as? Bool == true)         // both versions ran the same 40 queries
        let overall = report["overall"] as! [String: Any]
        #expect(overall["design"] as? String == "paired")
        #expect((overall["p_value"] as! Double) < 0.001)
        #expect((overall["ci_low_pp"] as! Double) > 2)
        let cases = report["cases"] as! [String: Any]
        #expect((cases["newly_failing"] as! [String]).count == 12)
        #expect((cases["newly_fixed"] as! [String]).isEmpty)
        let steps = report["steps"] as! [[String: Any]]
        for key in ["p_value", "adjusted_p_value", "ci_low_pp", "ci_high_pp", "verdict"] {
            #expect(steps[0][key] != nil, "\(key)")
        }
        #expect((steps[1]["note"] as? String)?.contains("tested once") == true)
        let markdown = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2", "--format", "markdown"], in: dir)
        #expect(markdown.stdout.contains("| Interval (pp) | adj. p |"))
        #expect(markdown.stdout.contains("Newly failing cases (12)"))
        let text = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2"], in: dir)
        #expect(text.stdout.contains("12 newly failing"))
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func tooFewRunsIsInsufficientDataAndFailsOnlyWhenAsked() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("INSUFFICIENT_DATA: v3 vs baseline v1"))
        #expect(run.stdout.contains("only a bigger baseline can settle it"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let strict = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--fail-on", "insufficient"], in: dir)
        #expect(strict.status == 1)
        let warningOnly = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--fail-on", "warning"], in: dir)
        #expect(warningOnly.status == 0)
    }
}
