import Foundation
import Testing
@testable import RegressionKit

/// Which files the reader takes for traces, from their first bytes.
struct OTLPDetectionTests {
    func format(_ bytes: [UInt8]) -> LogFormatID { bytes.withUnsafeBufferPointer { LogFormatID.detect($0) } }
    func encoding(_ bytes: [UInt8]) -> OTLPEncoding? { bytes.withUnsafeBufferPointer { OTLPEncoding.of($0) } }

    @Test(arguments: [
        #"{"resourceSpans":[]}"#,
        "\u{FEFF}\n  {\n  \"resourceSpans\": [",
        #"{"resource_spans":[{"#,
        "{\n    \"name\": \"retrieval\",\n    \"context\": {\n        \"trace_id\": \"0x5b8e\",",   // ConsoleSpanExporter: claimed, then refused
    ])
    func jsonRequestsAreOTLP(text: String) {
        #expect(encoding(Array(text.utf8)) == .json)
        #expect(format(Array(text.utf8)) == .otlp)
    }

    @Test(arguments: [
        #"{"timestamp": "2026-01-01T00:00:00Z", "run_id": "r1"}"#,
        #"{"run_id": "r1", "input_summary": "\"resourceSpans\""}"#,   // the word inside a value is not the first member
        #"{"name": "x", "context": {}}"#,
        "\n\n{\"run_id\": \"r\"}", "\n\n\n{\"run_id\": \"r\"}", "\n\n\n\n\n\n\n\n\n\n\n\n{}",   // blank lines start with 0x0A, as a protobuf request does
        "", "\n",
    ])
    func nativeLogsAndBlankLinesAreNotOTLP(text: String) {
        #expect(encoding(Array(text.utf8)) == nil)
        #expect(format(Array(text.utf8)) == .failureForensics)
    }

    @Test func theSDKsEncodingsAreDetected() throws {
        func head(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: fixture("otlp/\(name)"))).prefix(LogFormatID.prefixBytes)) }
        #expect(encoding(try head("genai.pb")) == .protobuf)
        #expect(encoding(try head("traceloop.binpb")) == .protobufFramed)
        #expect(encoding(try head("combined-1.otlp.jsonl")) == .json)
        #expect(encoding(try head("openinference.json")) == .json)
        #expect(encoding(try head("variants.json")) == .json)
        #expect(encoding(try head("native/genai.jsonl")) == nil)
    }

    @Test func aRequestShorterThanThePrefixIsDetectedWhole() {
        let request = protobufRequest { w in w.message(2) { $0.bytesField(1, [UInt8](repeating: 1, count: 16)) } }
        #expect(encoding(request) == .protobuf)
        #expect(encoding(Array(request.prefix(3))) == nil)   // too short to tell: read as the native format, which refuses it
        let framed = [0, 0, 0, UInt8(request.count)] + request
        #expect(encoding(framed) == .protobufFramed)
    }
}
