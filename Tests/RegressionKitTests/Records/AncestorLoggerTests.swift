import Foundation
import Testing
@testable import RegressionKit

/// The Python the ancestor is installed in: `ANCESTOR_PYTHON`, else the virtualenv that
/// scripts/ancestor-parity makes (`.venv-parity`), else nil.
private let ancestorPython: String? = {
    if let path = ProcessInfo.processInfo.environment["ANCESTOR_PYTHON"], !path.isEmpty { return path }
    let venv = packageRoot.appendingPathComponent(".venv-parity/bin/python").path
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
}()

private let inCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

/// The recorder's file against the file the ancestor's own `logger.log_step` (failure-forensics
/// 0.1.1 from PyPI) writes for the same calls: byte for byte. Needs that Python: .ci/run installs
/// it and sets ANCESTOR_PYTHON; elsewhere the test is skipped unless scripts/ancestor-parity has
/// made .venv-parity.
@Suite("Recorder against the ancestor's logger")
struct AncestorLoggerTests {
    struct Call {
        var step: String, success: Bool, latencyMS: Double, tokens: Int, input: String, output: String, errorType: String
    }

    static let calls: [Call] = [
        Call(step: "retrieval", success: true, latencyMS: 412.5749999, tokens: 0, input: "Şifremi nasıl sıfırlarım?", output: "3 docs", errorType: ""),
        Call(step: "reranking", success: false, latencyMS: 2.675, tokens: 12, input: "a \"quoted\" \\ query\twith\ncontrols\u{01}\u{7F} and \u{2028}", output: "rerank_failed: bad json {\"x\": 1}", errorType: "json_parse"),
        Call(step: "generation", success: true, latencyMS: 0.005, tokens: 1234, input: String(repeating: "ü", count: 199) + "👨‍👩‍👧", output: String(repeating: "日本語", count: 80), errorType: "ignored"),
        Call(step: "citation", success: false, latencyMS: 9.1e15, tokens: 0, input: "", output: "", errorType: "no_citation"),
        Call(step: "generation", success: true, latencyMS: 1e16, tokens: 7, input: "ＡＢＣ 😀👍🏽🇹🇷", output: "", errorType: ""),
        Call(step: "retrieval", success: true, latencyMS: 0, tokens: 0, input: "e\u{301}", output: "", errorType: ""),
    ]

    @Test(.enabled(if: ancestorPython != nil || inCI, "needs failure-forensics 0.1.1 in ANCESTOR_PYTHON or .venv-parity (scripts/ancestor-parity makes it)"))
    func linesAreTheAncestorsBytes() throws {
        let python = try #require(ancestorPython, "CI is set but the ancestor's Python is not: .ci/run must install failure-forensics==0.1.1 and set ANCESTOR_PYTHON")
        let directory = temporaryDirectory()
        let ours = directory.appendingPathComponent("ours.jsonl").path
        let theirs = directory.appendingPathComponent("theirs.jsonl").path
        let recorder = try Recorder(version: "v2", model: "gemini-flash-latest", appendingTo: ours)
        for call in Self.calls {
            recorder.run(input: call.input) { run in
                run.record(call.step, success: call.success, errorType: call.errorType, latencyMS: call.latencyMS,
                           tokenCount: call.tokens, output: call.output)
            }
        }
        // The same calls for log_step, with the values only we choose (run id, timestamp) taken from our records.
        let arguments: [JSONValue] = zip(Self.calls, recorder.records).map { call, record in
            .object([
                "run_id": .string(record.runID), "step_name": .string(call.step), "success": .bool(call.success),
                "latency_ms": .number(PythonFloat.repr(call.latencyMS)), "token_count": .number(call.tokens),
                "input_summary": .string(call.input), "output_summary": .string(call.output),
                "error_type": call.success ? .null : .string(call.errorType),
                "prompt_version": .string("v2"), "model_name": .string("gemini-flash-latest"),
                "timestamp": .string(record.timestamp!),
            ])
        }
        let callsFile = directory.appendingPathComponent("calls.json").path
        try JSONValue.array(arguments).prettyPrinted.write(toFile: callsFile, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", """
            import json, sys
            from failure_forensics import logger
            logger.LOG_FILE = sys.argv[2]
            for call in json.load(open(sys.argv[1], encoding="utf-8")):
                logger.log_step(**call)
            """, callsFile, theirs]
        process.environment = ["PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let ourLines = try String(contentsOfFile: ours, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let theirLines = try String(contentsOfFile: theirs, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ourLines.count == Self.calls.count + 1)
        for (n, (a, b)) in zip(ourLines, theirLines).enumerated() {
            #expect(a.utf8.elementsEqual(b.utf8), "line \(n + 1):\n ours:   \(a)\n theirs: \(b)")
        }
        #expect(ourLines.count == theirLines.count)
    }
}
