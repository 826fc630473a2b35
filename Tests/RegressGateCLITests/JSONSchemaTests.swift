import Foundation
import Testing
@testable import RegressionKit

/// Every JSON the tool prints validates against its schema in `schemas/` (draft 2020-12),
/// checked by python's `jsonschema` through `scripts/validate-json`.
///
/// A command that prints JSON adds `schemas/NAME.schema.json` and a row to `outputs` below
/// (alert, analyze, candidates, compare, dashboard, trend included); `everySchemaIsExercised`
/// fails until it does.
@Suite("JSON outputs match schemas/", .enabled(if: ExternalTool.wanted(ExternalTool.hasPython("jsonschema")),
                                               "needs python3 with jsonschema (pip install jsonschema); always runs when CI is set"))
struct JSONSchemaTests {
    /// A folder whose logs give every shape: paired and unpaired runs, a step only the
    /// baseline ran, a step only the candidate ran, and a skipped bad line.
    static func variedFolder() throws -> URL {
        let dir = try workFolder()
        try writeLog(dir.appendingPathComponent("other.jsonl"), [("v1", 30, 3), ("w", 30, 9)], steps: ["retrieval", "rerank", "answer"])
        var logs = try String(contentsOf: dir.appendingPathComponent("other.jsonl"), encoding: .utf8)
        logs = logs.replacingOccurrences(of: "\"input_summary\": \"soru", with: "\"input_summary\": \"other")   // different cases: unpaired
        logs += "{broken\n"
        try logs.write(to: dir.appendingPathComponent("other.jsonl"), atomically: true, encoding: .utf8)
        try #"{"policy": "statistical", "quarantine": [{"case": "soru 3 – ğüş", "until": "2026-11-05"}, {"case": "soru 5 – ğüş", "until": "2027-01-31", "reason": "known"}], "prices": {"gemini-flash-latest": {"per_1k_tokens": 0.002}, "other": {"per_1k_tokens": 1}}}"#
            .write(to: dir.appendingPathComponent("rules.json"), atomically: true, encoding: .utf8)
        try aggregatesCSV(fixture("requests.jsonl")).write(to: dir.appendingPathComponent("agg.csv"), atomically: true, encoding: .utf8)
        try "# one that fails in v3, one never run\nsoru 3 – ğüş\nnever ran\n".write(to: dir.appendingPathComponent("must-pass.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    /// The aggregates of the log at `path` as the query's CSV (the rows the gate reads).
    static func aggregatesCSV(_ path: String) throws -> String {
        let (all, _) = try LogStatistics.read([.file(path)])
        return EngineAggregates.csv(try all.allStats().map { s in
            let (one, _) = try LogReader(sources: [.file(path)]).scan(makeState: { OneVersionAccumulator(version: s.version, expectedBytes: $0) })
            return EngineAggregates.Version(stats: s, daily: one.daily, firstFailures: one.firstFailures)
        })
    }

    /// schema name -> command lines whose stdout it must accept (run in `variedFolder`).
    static let outputs: [String: [[String]]] = [
        "check": [
            ["check", "--baseline", "baseline.json", "--aggregates", "agg.csv", "--candidate", "v3", "--format", "json"],
            fixtureCheck + ["--format", "json"],
            fixtureCheck + ["--format", "json", "--policy", "thresholds"],
            fixtureCheck + ["--format", "json", "--policy", "sequential"],
            fixtureCheck.dropLast(2) + ["--candidate", "v1", "--format", "json"],
            ["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2", "--format", "json"],
            ["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--format", "json"],
            ["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--format", "json", "--must-pass", "must-pass.txt"],
            ["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--format", "json", "--policy", "rules.json"],
            ["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v3", "--format", "json", "--llm", "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--no-llm-cache"],
            ["check", "--baseline", "baseline.json", "--logs", "other.jsonl", "--candidate", "w", "--format", "json", "--max-bad-lines", "1", "--allow-case-set-change"],
            ["check", "--baseline", "baseline.json", "--logs", "other.jsonl", "--candidate", "w", "--format", "json", "--max-bad-lines", "1", "--policy", "thresholds", "--allow-case-set-change"],
        ],
        "stats": [
            ["stats", "--aggregates", "agg.csv", "--format", "json"],
            ["stats", "--logs", fixture("requests.jsonl"), "--format", "json"],
            ["stats", "--logs", fixture("small/quirks.jsonl"), "--format", "json"],
            ["stats", "--logs", "logs.jsonl", "other.jsonl", "--format", "json", "--max-bad-lines", "1"],
        ],
        "baseline": [
            ["baseline", "show", "--baseline", packageRoot.appendingPathComponent("baselines/baseline.json").path, "--format", "json"],
            ["baseline", "show", "--baseline", "baseline.json", "--format", "json"],
        ],
        "baseline-update": [
            ["baseline", "update", "--aggregates", "agg.csv", "--version", "v2", "--baseline", "updated.json", "--format", "json"],
            ["baseline", "update", "--logs", fixture("requests.jsonl"), "--version", "v2", "--baseline", "updated.json", "--format", "json"],
            ["baseline", "update", "--logs", "logs.jsonl", "other.jsonl", "--max-bad-lines", "1", "--version", "w", "--baseline", "updated.json", "--format", "json"],
        ],
        "analyze": [
            ["analyze", "--aggregates", "agg.csv", "--format", "json"],
            ["analyze", "--logs", fixture("requests.jsonl"), "--limit", "0", "--format", "json"],
            ["analyze", "--logs", "logs.jsonl", "other.jsonl", "--max-bad-lines", "1", "--version", "w", "--format", "json"],
            ["analyze", "--logs", "logs.jsonl", "--run", "v1-39", "--format", "json"],
            ["analyze", "--logs", "logs.jsonl", "--format", "json", "--llm", "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--no-llm-cache"],
        ],
        "candidates": [
            ["candidates", "--aggregates", "agg.csv", "--output", "candidates-agg.jsonl", "--format", "json"],
            ["candidates", "--logs", fixture("requests.jsonl"), "--output", "candidates.jsonl", "--format", "json"],
            ["candidates", "--logs", "logs.jsonl", "other.jsonl", "--max-bad-lines", "1", "--output", "candidates.jsonl", "--format", "json"],
        ],
        "explain-mapping": [
            ["stats", "--explain-mapping", "--format", "json", "--logs", fixture("otlp/combined-1.otlp.jsonl"), fixture("otlp/combined-2.otlp.jsonl"),
             fixture("otlp/genai.pb"), fixture("otlp/bad/no-version.otlp.jsonl"), fixture("requests.jsonl")],
            ["stats", "--explain-mapping", "--format", "json", "--logs", "logs.jsonl"],
        ],
        "flaky": [
            ["flaky", "--logs", fixture("requests.jsonl"), "--version", "v2", "--format", "json"],
            ["flaky", "--logs", "logs.jsonl", "--version", "v1", "--format", "json"],
        ],
        "calibrate": [
            ["calibrate", "--logs", fixture("requests.jsonl"), "--version", "v2", "--splits", "20", "--format", "json"],
            ["calibrate", "--logs", "other.jsonl", "--version", "w", "--max-bad-lines", "1", "--policy", "thresholds", "--splits", "5", "--format", "json"],
            ["calibrate", "--logs", fixture("requests.jsonl"), "--version", "v3", "--policy", "sequential", "--splits", "10", "--seed", "9", "--format", "json"],
        ],
        "trend": [
            ["trend", "--aggregates", "agg.csv", "--version", "v3", "--format", "json"],
            ["trend", "--logs", fixture("requests.jsonl"), "--format", "json"],
            ["trend", "--logs", fixture("requests.jsonl"), "--as-of", "2026-11-10", "--version", "v3", "--days", "3", "--format", "json"],
            ["trend", "--logs", "logs.jsonl", "--as-of", "2026-10-01", "--format", "json"],
        ],
        "compare": [
            ["compare", "--aggregates", "agg.csv", "--a", "v2", "--b", "v3", "--format", "json"],
            ["compare", "--logs", fixture("requests.jsonl"), "--a", "v2", "--b", "v3", "--format", "json"],
            ["compare", "--logs", "logs.jsonl", "other.jsonl", "--max-bad-lines", "1", "--a", "v1", "--b", "w", "--format", "json"],
            ["compare", "--logs", fixture("requests.jsonl"), "--a", "v2", "--b", "v3", "--format", "json", "--llm", "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--no-llm-cache"],
        ],
        "alert": [
            ["alert", "--aggregates", "agg.csv", "--as-of", "2026-11-10", "--anomaly-threshold-pp", "15", "--format", "json"],
            ["alert", "--logs", fixture("requests.jsonl"), "--as-of", "2026-11-10", "--anomaly-threshold-pp", "15", "--format", "json"],
            ["alert", "--logs", "logs.jsonl", "--format", "json"],
        ],
        "dashboard": [
            ["dashboard", "--aggregates", "agg.csv", "--format", "json"],
            ["dashboard", "--logs", fixture("requests.jsonl"), "--format", "json"],
            ["dashboard", "--logs", "logs.jsonl", "--version", "v2", "--format", "json"],
        ],
    ]

    func validate(_ schema: String, _ files: [String]) throws -> ToolRun {
        try ExternalTool.pythonScript("validate-json", [packageRoot.appendingPathComponent("schemas/\(schema).schema.json").path] + files)
    }

    @Test(arguments: outputs.keys.sorted())
    func everyOutputValidates(schema: String) throws {
        let dir = try Self.variedFolder()
        var files: [String] = []
        for (n, arguments) in Self.outputs[schema]!.enumerated() {
            let run = try gate(arguments, in: dir)
            #expect(run.status != 2 && !run.stdout.isEmpty, "\(arguments): \(run.stderr)")
            let file = dir.appendingPathComponent("\(schema)-\(n).json")
            try run.stdout.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let result = try validate(schema, files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func theShippedBaselineFileValidates() throws {
        let result = try validate("baseline", [packageRoot.appendingPathComponent("baselines/baseline.json").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func schemasAreClosedSoDriftIsCaught() throws {
        let dir = temporaryDirectory()
        var report = try json(try gate(fixtureCheck + ["--format", "json"]).stdout)
        var steps = report["steps"] as! [[String: Any]]
        steps[0]["unexpected"] = 1
        report["steps"] = steps
        let file = dir.appendingPathComponent("drifted.json")
        try JSONSerialization.data(withJSONObject: report).write(to: file)
        let result = try validate("check", [file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("$.steps[0]") && result.stdout.contains("'unexpected'"), "\(result.stdout)")
    }

    @Test func everySchemaIsExercised() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("schemas").path)
            .filter { $0.hasSuffix(".schema.json") }.map { String($0.dropLast(".schema.json".count)) }
        #expect(names.sorted() == (Self.outputs.keys + ["aggregates"]).sorted())
    }

    /// The aggregates table's rows, as JSON lines, validate against `aggregates.schema.json`
    /// (a table the tool reads, not one it prints).
    @Test func theAggregatesRowsValidate() throws {
        let dir = try workFolder()
        let table = try AggregateRows(bytes: Array(try Self.aggregatesCSV(fixture("requests.jsonl")).utf8), path: "agg.csv")
        var files: [String] = []
        for kind in AggregateTable.Kind.allCases where kind != .invalid {
            guard let row = table.rows.first(where: { $0["kind"] == kind.rawValue }) else { continue }
            let file = dir.appendingPathComponent("row-\(kind.rawValue).json")
            try JSONValue.object(row.mapValues { JSONValue.string($0) }).compact.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        #expect(files.count >= 8)   // every kind the log read writes: not step_day, failing_input, latency_zero (a query makes those)
        let result = try validate("aggregates", files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
