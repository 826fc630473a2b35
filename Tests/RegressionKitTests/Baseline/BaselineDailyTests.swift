import Foundation
import Testing
@testable import RegressionKit

@Suite("Baseline daily history")
struct BaselineDailyTests {
    @Test func updateKeepsTheDailyCountsAndTheyReadBack() throws {
        let snapshot = try BaselineSnapshot.make(version: "v2", from: [.file(fixture("requests.jsonl"))])
        #expect(snapshot.daily.map(\.day.description) == ["2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"])
        #expect(snapshot.daily.reduce(0) { $0 + $1.steps } == snapshot.stats.totalSteps)
        #expect(snapshot.daily.reduce(0) { $0 + $1.failed } == snapshot.stats.failedSteps)
        let text = snapshot.jsonText()
        #expect(text.contains("\"daily\": [\n    [\"2026-11-04\", 154, 10],"))
        let read = try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        #expect(read.daily == snapshot.daily)
    }

    @Test func aBaselineWithoutHistoryStillReads() throws {
        // A file written before the history existed: the committed baseline without its "daily" key.
        let text = try String(contentsOf: packageRoot.appendingPathComponent("baselines/baseline.json"), encoding: .utf8)
        guard case .object(var members) = try JSONValue.parse(Array(text.utf8)) else { Issue.record("not an object"); return }
        #expect(members.removeValue(forKey: "daily") != nil)
        let older = try BaselineSnapshot(jsonBytes: Array(JSONValue.object(members).prettyPrinted.utf8), path: "older.json")
        #expect(older.daily.isEmpty)
        #expect(older.stats.runs == 300)
        // One day of records writes no history at all.
        let one = BaselineSnapshot(stats: stats(records(version: "v", runs: 3, failing: 1), "v"), createdAt: "2026-11-29T21:00:00Z",
                                   source: .init(files: ["x"], records: 6, versionRecords: 6, badLines: 0),
                                   daily: [.init(day: LogDay("2026-11-01")!, steps: 6, failed: 1)])
        #expect(!one.jsonText().contains("daily"))
    }

    @Test func anImpossibleHistoryIsRefused() throws {
        let text = try BaselineSnapshot.make(version: "v2", from: [.file(fixture("requests.jsonl"))]).jsonText()
        for (bad, field) in [("[\"2026-11-04\", 154, 10]", "[\"2026-11-04\", 10, 154]"), ("[\"2026-11-05\", 293, 21]", "[\"2026-11-03\", 293, 21]"),
                             ("[\"2026-11-04\", 154, 10]", "[\"2026-13-04\", 154, 10]"), ("[\"2026-11-04\", 154, 10]", "[\"2026-11-04\", 99154, 10]")] {
            let damaged = text.replacingOccurrences(of: bad, with: field)
            #expect(throws: BaselineError.self) { try BaselineSnapshot(jsonBytes: Array(damaged.utf8), path: "b.json") }
        }
    }
}
