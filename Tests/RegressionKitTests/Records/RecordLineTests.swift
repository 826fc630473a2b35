import Testing
@testable import RegressionKit

/// The recorder's lines must be the ancestor's bytes: expected texts below are what Python 3.11's
/// `json.dumps(record, ensure_ascii=False)`, `repr(round(x, 2))` and `datetime.isoformat()` print.
@Suite("Record lines in the ancestor's format")
struct RecordLineTests {
    static let query = "Şifremi \"nasıl\" \\ sıfırlarım?\t\n\u{2028}\u{01}\u{7F} 👨‍👩‍👧 ＡＢ"

    @Test func aLineIsTheAncestorsBytes() {
        let record = StepRecord(
            runID: "3f9a1c2b", stepName: "retrieval", success: false, promptVersion: "v2",
            errorType: "no_results", latencyMS: 412.57, tokenCount: 0, inputSummary: Self.query, outputSummary: "",
            timestamp: "2026-06-11T01:53:53.961023+00:00", modelName: "gemini-flash-latest")
        let expected = #"{"timestamp": "2026-06-11T01:53:53.961023+00:00", "run_id": "3f9a1c2b", "step_name": "retrieval", "input_summary": "Şifremi \"nasıl\" \\ sıfırlarım?\t\n"#
            + "\u{2028}" + #"\u0001"# + "\u{7F} 👨‍👩‍👧 ＡＢ"
            + #"", "output_summary": "", "latency_ms": 412.57, "token_count": 0, "success": false, "error_type": "no_results", "prompt_version": "v2", "model_name": "gemini-flash-latest"}"#
        #expect(record.jsonLine == expected)
    }

    @Test func nilIsNullAndCaseIDComesLast() {
        let record = StepRecord(runID: "r", stepName: "citation", success: true, promptVersion: "v1", caseID: "q-7")
        #expect(record.jsonLine == #"{"timestamp": null, "run_id": "r", "step_name": "citation", "input_summary": null, "output_summary": null, "latency_ms": null, "token_count": null, "success": true, "error_type": null, "prompt_version": "v1", "model_name": null, "case_id": "q-7"}"#)
    }

    @Test func everyLineReadsBackAsTheSameRecord() throws {
        let records = [
            StepRecord(runID: "a", stepName: "retrieval", success: false, promptVersion: "v2", errorType: "429",
                       latencyMS: 1000, tokenCount: 12, inputSummary: Self.query, outputSummary: "x\u{0}y",
                       timestamp: "2026-11-10T00:00:00+00:00", modelName: "m", caseID: "c"),
            StepRecord(runID: "b", stepName: "généra\u{0301}tion", success: true, promptVersion: "v2", latencyMS: 9.1e15),
            StepRecord(runID: "c", stepName: "s", success: true, promptVersion: "v2", latencyMS: 0.01),
        ]
        for record in records {
            #expect(try parseLine(record.jsonLine) == record)
        }
    }

    @Test(arguments: [
        (0.0, "0.0"), (0.01, "0.01"), (0.1, "0.1"), (1.0, "1.0"), (412.57, "412.57"), (1000.0, "1000.0"),
        (1234.5, "1234.5"), (0.0001, "0.0001"), (0.00001, "1e-05"), (123456789012345.67, "123456789012345.67"),
        (9.1e15, "9100000000000000.0"), (1e16, "1e+16"), (1.5e16, "1.5e+16"), (1e22, "1e+22"), (Double.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (2.5e-5, "2.5e-05"), (100.25, "100.25"), (3e-4, "0.0003"),
        (-2.5, "-2.5"),
    ])
    func numbersPrintAsPythonsRepr(value: Double, python: String) {
        #expect(PythonFloat.repr(value) == python)
    }

    @Test(arguments: [
        (2.675, 2.67), (0.125, 0.12), (0.135, 0.14), (412.5749999, 412.57), (412.575, 412.57), (1.005, 1.0),
        (0.0049, 0.0), (0.005, 0.01), (0.015, 0.01), (999.995, 1000.0), (12.345, 12.35),
    ])
    func latencyRoundsAsPythonsRound(value: Double, python: Double) {
        #expect(PythonFloat.roundedToHundredths(value) == python)
    }

    @Test(arguments: [
        (0, 0, "1970-01-01T00:00:00+00:00"),
        (1_794_362_033, 961_023, "2026-11-11T01:53:53.961023+00:00"),
        (1_794_362_033, 5, "2026-11-11T01:53:53.000005+00:00"),
        (4_102_444_799, 999_999, "2099-12-31T23:59:59.999999+00:00"),
    ])
    func timestampsAreIsoformat(seconds: Int, microseconds: Int, python: String) {
        #expect(LogTimestamp.format(secondsSince1970: seconds, microseconds: microseconds) == python)
    }

    @Test func nowIsUTCWithMicroseconds() {
        let now = LogTimestamp.now()
        #expect(now.hasSuffix("+00:00"))
        #expect(now.utf8.count == 32 || now.utf8.count == 25)   // with or without the 6-digit fraction
    }
}
