import Foundation
import Testing

/// Writes a JSONL log in the ancestor's format: for each version, `runs` runs of
/// retrieval then generation (or `steps`, JSON-escaped names), the first `failing` runs
/// failing at the last step.
func writeLog(_ url: URL, _ versions: [(name: String, runs: Int, failing: Int)], steps: [String] = ["retrieval", "generation"]) throws {
    var lines: [String] = []
    for v in versions {
        for r in 0..<v.runs {
            for step in steps {
                let fails = r < v.failing && step == steps.last
                lines.append(#"{"timestamp": "2026-11-0\#(1 + r % 9)T10:00:00+00:00", "run_id": "\#(v.name)-\#(r)", "step_name": "\#(step)", "input_summary": "soru \#(r) – ğüş", "output_summary": "", "latency_ms": \#(100 + r).5, "token_count": 12, "success": \#(!fails), "error_type": \#(fails ? "\"timeout\"" : "null"), "prompt_version": "\#(v.name)", "model_name": "gemini-flash-latest"}"#)
            }
        }
    }
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
}

/// A work folder with `logs.jsonl` (v1: 40 runs, 4 failing; v2: 40 runs, 16 failing; v3: 40 runs, 6 failing)
/// and `baseline.json` frozen from v1 by the tool itself.
func workFolder() throws -> URL {
    let dir = temporaryDirectory()
    try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 16), ("v3", 40, 6)])
    try freezeV1(in: dir)
    return dir
}

/// Freezes v1 of `logs.jsonl` in `dir` as `baseline.json`, with the tool itself; a failure stops the test.
func freezeV1(in dir: URL) throws {
    let run = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "baseline.json"], in: dir)
    try #require(run.status == 0, "\(run.stderr)")
}

/// `regress-gate check` of v2 of `logs.jsonl` in `dir` against `baseline.json`, with `extra` arguments.
func checkV2(in dir: URL, _ extra: [String]) throws -> ToolRun {
    try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2"] + extra, in: dir)
}

/// Writes `text` to the file `name` in `dir`.
func writeFile(_ text: String, _ name: String, in dir: URL) throws {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
}
