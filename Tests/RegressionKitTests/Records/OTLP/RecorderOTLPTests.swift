import Foundation
import Testing
@testable import RegressionKit

/// `Recorder(..., format: .otlpJSON)`: a Swift team's runs written as OpenTelemetry traces that
/// a real OTLP consumer parses and the gate reads back with the native format's statistics.
@Suite("Recorder writing traces")
struct RecorderOTLPTests {
    struct Call { var step: String, success: Bool, errorType: String?, latencyMS: Double, tokens: Int, output: String }
    struct Run { var input: String, caseID: String?, calls: [Call] }

    /// Runs with hostile strings, failures with and without an error type, and repeated cases.
    static let runs: [Run] = (0..<24).map(run)

    static func run(_ k: Int) -> Run {
        let input: String = k % 3 == 0 ? "q\(k % 6) \"quoted\" \\ \u{2028}\u{01} Şifre 👨‍👩‍👧" : "query \(k % 5)"
        let caseID: String? = k % 4 == 0 ? "case\t\(k % 8)</script>" : nil
        let retrieval = Call(step: "retrieval", success: k % 5 != 0, errorType: k % 10 == 0 ? "ConnectionError" : nil,
                             latencyMS: 100 + Double(k) * 3.25, tokens: 0, output: "docs")
        let generation = Call(step: "gener\"ation\n", success: k % 7 != 3, errorType: "rate_limit {\"x\": 1}",
                              latencyMS: 800.5 + Double(k * k), tokens: 1000 + k, output: "answer \u{7F}")
        let citation = Call(step: "citation", success: k % 4 != 1, errorType: "no_citation", latencyMS: 2.75, tokens: 0, output: "")
        return Run(input: input, caseID: caseID, calls: [retrieval, generation, citation])
    }

    func record(format: Recorder.LogFormat, to path: String) throws -> Recorder {
        let recorder = try Recorder(version: "swift-v1", model: "llama3.2", appendingTo: path, format: format)
        for run in Self.runs {
            recorder.run(input: run.input, caseID: run.caseID) { handle in
                for call in run.calls {
                    handle.record(call.step, success: call.success, errorType: call.errorType, latencyMS: call.latencyMS,
                                  tokenCount: call.tokens, output: call.output)
                }
            }
        }
        return recorder
    }

    func stats(_ path: String) throws -> VersionStats {
        let (accumulator, _) = try LogStatistics.read([.file(path)])
        return try #require(accumulator.stats(for: "swift-v1"))
    }

    @Test func tracesReadBackWithTheNativeFormatsStatistics() throws {
        let dir = temporaryDirectory()
        let native = dir.appendingPathComponent("native.jsonl").path, traces = dir.appendingPathComponent("runs.otlp.jsonl").path
        _ = try record(format: .failureForensics, to: native)
        _ = try record(format: .otlpJSON, to: traces)
        let lines = try String(contentsOfFile: traces, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Self.runs.count)   // one line per run
        var fromTraces = try stats(traces), fromNative = try stats(native)
        #expect(fromTraces.runs == Self.runs.count)
        // The same runs, steps, failures, error types, cases and latencies; only the times differ
        // (each recorder took its own clock), and a span starts its latency before the record.
        for s in [\VersionStats.firstTimestamp, \VersionStats.lastTimestamp] {
            fromTraces[keyPath: s] = nil
            fromNative[keyPath: s] = nil
        }
        // Steps named in the order first seen: a trace's in the order they started, the log's in
        // the order recorded. These latencies are made up, so that a later record starts earlier.
        #expect(Set(fromTraces.stepOrder) == Set(fromNative.stepOrder))
        fromTraces.stepOrder = fromNative.stepOrder
        #expect(fromTraces == fromNative)
    }

    @Test func aStepRecordedAfterItsRunEndedJoinsItsTraceWhenRead() throws {
        let path = temporaryDirectory().appendingPathComponent("late.otlp.jsonl").path
        let recorder = try Recorder(version: "swift-v1", appendingTo: path, format: .otlpJSON)
        struct Late: RecordableError { var recordedErrorType: String { "late" } }
        let kept = recorder.run(input: "q") { run in
            run.step("retrieval") { _ = (0..<1000).reduce(0, +) }
            return run
        }
        try? kept.step("generation") { throw Late() }
        let stats = try stats(path)
        #expect(stats.runs == 1 && stats.totalSteps == 2 && stats.failedRuns == 1)
        #expect(stats.stepOrder == ["retrieval", "generation"])
    }

    @Test func concurrentRunsAreEachOneWholeLine() async throws {
        let path = temporaryDirectory().appendingPathComponent("concurrent.otlp.jsonl").path
        let recorder = try Recorder(version: "swift-v1", appendingTo: path, keepsRecords: false, format: .otlpJSON)
        await withTaskGroup(of: Void.self) { group in
            for k in 0..<200 {
                group.addTask {
                    await recorder.run(input: "q\(k)") { run in
                        run.record("a", success: true, latencyMS: 1)
                        await Task.yield()
                        run.record("b", success: k % 2 == 0, errorType: "e", latencyMS: 2)
                    }
                }
            }
        }
        let stats = try stats(path)
        #expect(stats.runs == 200 && stats.totalSteps == 400 && stats.failedRuns == 100)
        #expect(recorder.logError == nil)
    }

    /// The Python protobuf runtime's own JSON parser (`json_format.Parse`, strict: it refuses an
    /// unknown field or a wrong type) reads every line as an `ExportTraceServiceRequest`. (It
    /// reads ids as base64, the plain protobuf mapping; OTLP/JSON writes them in hex, which the
    /// gate's reader and the Collector read: the ids are checked by the read-back tests.)
    @Test(.enabled(if: otlpPython != nil || isCI, "needs .venv-otlp (scripts/otlp-requirements.txt), which .ci/run makes"))
    func theProtobufRuntimeParsesEveryLine() throws {
        let python = try #require(otlpPython, "CI is set but .venv-otlp is missing: .ci/run must make it")
        let path = temporaryDirectory().appendingPathComponent("runs.otlp.jsonl").path
        _ = try record(format: .otlpJSON, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", """
            import sys
            from google.protobuf import json_format
            from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
            spans = 0
            for line in open(sys.argv[1], encoding="utf-8"):
                request = json_format.Parse(line, ExportTraceServiceRequest())
                for rs in request.resource_spans:
                    for ss in rs.scope_spans:
                        for span in ss.spans:
                            assert span.end_time_unix_nano >= span.start_time_unix_nano, span
                            spans += 1
            print(spans)
            """, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed == "\(Self.runs.count * 4)\n")   // a root and three steps per run
    }
}

private let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

/// The virtualenv `.ci/run` makes for the OTLP checks, when it is there.
private let otlpPython: String? = {
    let venv = packageRoot.appendingPathComponent(".venv-otlp/bin/python").path
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
}()
