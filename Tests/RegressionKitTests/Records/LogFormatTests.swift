import Foundation
import Testing
@testable import RegressionKit

/// How the reader picks a file's format from its first bytes.
struct LogFormatTests {
    func detect(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { FailureForensicsFormat.detect($0) }
    }

    @Test(arguments: [
        "{\"timestamp\": \"2026-01-01T00:00:00Z\"}\n",
        "\u{FEFF}{}",            // a byte-order mark first
        " \t\r\n\n{",            // blank lines first
        "",                      // an empty file holds no record in any format
        "\n\n",
    ])
    func failureForensicsClaimsJSONLinesAndEmptyFiles(text: String) {
        #expect(detect(Array(text.utf8)))
    }

    @Test(arguments: ["[{}]", "timestamp,run_id\n", "\"trace_id\": \"0x1\"", "\u{FEFF}x"])
    func failureForensicsLeavesOtherTextToOtherFormats(text: String) {
        #expect(!detect(Array(text.utf8)))
    }

    @Test func aFileNoFormatClaimsIsReadAsFailureForensicsSoItsLinesAreReported() throws {
        let path = temporaryDirectory().appendingPathComponent("rows.csv").path
        try Data("timestamp,run_id\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LogReadError.self) { try LogReader(sources: [.file(path)]).read { _ in } }
        do {
            try LogReader(sources: [.file(path)]).read { _ in }
        } catch let LogReadError.badLine(error) {
            #expect(error.source == path && error.line == 1)
        }
    }

    @Test func theFirstMatchingRecordIsFoundWithItsLine() throws {
        let path = temporaryDirectory().appendingPathComponent("logs.jsonl").path
        let lines = records(version: "v1", runs: 3, failing: 1).map(\.jsonLine)
        try Data((["", "not a record"] + lines).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let found = try #require(try LogReader(sources: [.file(path)]).firstRecord { !$0.success })
        #expect(found.source == path && found.line == 4 && found.record.runID == "v1-0")
    }
}
