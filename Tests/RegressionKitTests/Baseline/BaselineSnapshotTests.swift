import Foundation
import Testing
@testable import RegressionKit

@Suite("Baseline snapshot file")
struct BaselineSnapshotTests {
    func snapshot() -> BaselineSnapshot {
        var rows = records(version: "v2", runs: 20, failing: 3)
        rows[0].latencyMS = 0   // a zero-bin latency must survive the round trip too
        let s = stats(rows, "v2")
        return BaselineSnapshot(stats: s, createdAt: "2026-11-29T21:00:00Z",
                                source: .init(files: ["a.jsonl"], records: 41, versionRecords: 40, badLines: 1))
    }

    @Test func roundTripsExactly() throws {
        let original = snapshot()
        let read = try BaselineSnapshot(jsonBytes: Array(original.jsonText().utf8), path: "b.json")
        #expect(read == original)
    }

    @Test func sameStatisticsGiveTheSameBytesWithSortedKeys() throws {
        let text = snapshot().jsonText()
        #expect(text == snapshot().jsonText())
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(text.hasSuffix("}\n"))
    }

    @Test func anUnknownSchemaVersionIsRefusedWithAdvice() {
        let text = snapshot().jsonText().replacingOccurrences(of: "\"schema_version\": 1", with: "\"schema_version\": 2")
        #expect(throws: BaselineError.unsupportedSchema(path: "b.json", found: 2)) {
            try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        }
        #expect("\(BaselineError.unsupportedSchema(path: "b.json", found: 2))".contains("upgrade regress-gate"))
    }

    @Test func impossibleCountsAreRefused() {
        let text = snapshot().jsonText().replacingOccurrences(of: "\"failed_steps\": 3", with: "\"failed_steps\": 300")
        #expect {
            try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "totals.failed_steps" && message.contains("impossible")
        }
        let negative = snapshot().jsonText().replacingOccurrences(of: "\"runs\": 20", with: "\"runs\": -20")
        #expect(throws: BaselineError.self) { try BaselineSnapshot(jsonBytes: Array(negative.utf8), path: "b.json") }
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        #expect {
            _ = try BaselineStore.load(fixture("bad/truncated-baseline.json"))
        } throws: { error in
            guard case .malformed(_, let line, _, _)? = error as? BaselineError else { return false }
            return line == 5
        }
    }

    @Test func aMissingFileSaysHowToCreateIt() {
        #expect {
            _ = try BaselineStore.load("/nonexistent/baseline.json")
        } throws: { "\($0)".contains("regress-gate baseline update") }
    }

    @Test func saveIsAtomicAndLeavesNoTemporaryFiles() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("nested/baseline.json").path
        try BaselineStore.save(snapshot(), to: path)
        #expect(try BaselineStore.load(path) == snapshot())
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("nested").path) == ["baseline.json"])
    }

    @Test func aFailedSaveLeavesTheOldFileUntouched() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("baseline.json").path
        try BaselineStore.save(snapshot(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(dir.path, 0o500)   // the directory refuses the temporary file
        defer { chmod(dir.path, 0o700) }
        if getuid() != 0 {       // root ignores permissions
            #expect(throws: BaselineError.self) { try BaselineStore.save(snapshot(), to: path) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
