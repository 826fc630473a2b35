import Testing
@testable import RegressionKit

@Suite("Log simulator")
struct LogSimulatorTests {
    @Test func aRecordIsByteForByteWhatTheAncestorsLoggerWrites() {
        // Python: json.dumps(record, ensure_ascii=False) of logger.log_step's dict.
        let micros = LogTimestamp("2026-11-03T04:05:06.000789+00:00")!.microsecondsSinceEpoch
        let line = LogSimulator.line(timestamp: micros, runID: "0a1b2c3d", step: "generation", input: #"path "C:\Users\me" – ğ"#,
                                     output: "timeout: generation failed", latencyMS: 10234.5678, tokens: 0, error: "timeout",
                                     version: "v3", model: "gemini-flash-latest")
        #expect(line == #"{"timestamp": "2026-11-03T04:05:06.000789+00:00", "run_id": "0a1b2c3d", "step_name": "generation", "input_summary": "path \"C:\\Users\\me\" – ğ", "output_summary": "timeout: generation failed", "latency_ms": 10234.57, "token_count": 0, "success": false, "error_type": "timeout", "prompt_version": "v3", "model_name": "gemini-flash-latest"}"#)
    }

    @Test func timestampsAreIsoformatWithMicrosecondsOnlyWhenThereAreAny() {
        #expect(LogSimulator.isoformat(LogTimestamp("2026-11-03T00:00:00Z")!.microsecondsSinceEpoch) == "2026-11-03T00:00:00+00:00")
        #expect(LogSimulator.isoformat(LogTimestamp("1969-12-31T23:59:59.5Z")!.microsecondsSinceEpoch) == "1969-12-31T23:59:59.500000+00:00")
    }

    @Test func everyRecordParsesAndRunsStopAtAFailureOrRunAllFourSteps() throws {
        var simulator = LogSimulator(seed: 3)
        simulator.runsPerVersion = 40
        var collector = RunCollector()
        var parsed = 0
        simulator.generate { line in
            if let record = try? LogLineParser.parse(Array(line.utf8)) { collector.add(record); parsed += 1 }
        }
        #expect(parsed >= 120 && collector.runCount == 120)
        let runs = collector.analyses()
        #expect(runs.allSatisfy { $0.steps == 4 || $0.failed })
    }
}
