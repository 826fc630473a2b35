import Foundation
import Testing
@testable import RegressionKit

/// An engine's aggregates, read from a file, are the log reader's values: the same statistics,
/// daily rates and first failures, so the same verdict. A damaged file is refused, naming the
/// row and column.
@Suite("Engine aggregates")
struct EngineAggregatesTests {
    /// Every version of `path` as the gate's log read gathers it.
    static func versionsFromLogs(_ path: String) throws -> [EngineAggregates.Version] {
        let (all, _) = try LogStatistics.read([.file(path)])
        return try all.allStats().map { s in
            let (one, _) = try LogReader(sources: [.file(path)]).scan(makeState: { OneVersionAccumulator(version: s.version, expectedBytes: $0) })
            return EngineAggregates.Version(stats: s, daily: one.daily, firstFailures: one.firstFailures)
        }
    }

    static let fixtureCSV: String = {
        EngineAggregates.csv(try! versionsFromLogs(fixture("requests.jsonl")))
    }()

    func read(_ text: String) throws(AggregatesFileError) -> EngineAggregates {
        try EngineAggregates(bytes: Array(text.utf8), path: "agg.csv")
    }

    @Test func aggregatesWrittenFromTheLogsReadBackAsTheSameValuesAndVerdict() throws {
        let logs = try Self.versionsFromLogs(fixture("requests.jsonl"))
        let file = try read(Self.fixtureCSV)
        #expect(file.versions.map(\.stats.version) == ["v1", "v2", "v3"])
        for (a, b) in zip(logs, file.versions) {
            #expect(a.stats == b.stats)   // counts, steps in order, error types, latency sketches, cases
            #expect(a.daily == b.daily)
            #expect(a.firstFailures.causes == b.firstFailures.causes)
        }
        for policy in [GatePolicy.default, GatePolicy.thresholds()] {
            let fromLogs = Gate.evaluate(baseline: logs[1].stats, candidate: logs[2].stats, policy: policy)
            let fromFile = Gate.evaluate(baseline: file.versions[1].stats, candidate: file.versions[2].stats, policy: policy)
            #expect(fromLogs == fromFile)
        }
        #expect(Gate.evaluate(baseline: file.versions[1].stats, candidate: file.versions[2].stats, policy: .default).verdict == .regressionDetected)
    }

    @Test func jsonLinesAsClickHouseAndSparkWriteThem() throws {
        // ClickHouse quotes 64-bit integers; Spark leaves null columns out.
        let table = try AggregateRows(bytes: Array(Self.fixtureCSV.utf8), path: "agg.csv")
        let json = table.rows.map { row in
            JSONValue.object(row.mapValues { JSONValue.string($0) }).compact + "\n"
        }.joined()
        let fromJSON = try EngineAggregates(bytes: Array(json.utf8), path: "agg.jsonl")
        #expect(fromJSON.versions.map(\.stats) == (try read(Self.fixtureCSV)).versions.map(\.stats))
    }

    /// `rows` as CSV under `columns`, every value quoted, nulls empty.
    static func csv(_ columns: [String], _ rows: [[String: String]]) -> String {
        ([columns.joined(separator: ",")] + rows.map { row in
            columns.map { c in row[c].map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? "" }.joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }

    /// `fixtureCSV` with `column` of the first row of `kind` replaced by `value`, and that row's number.
    func damaged(kind: String, column: String, value: String) throws -> (text: String, row: Int) {
        let table = try AggregateRows(bytes: Array(Self.fixtureCSV.utf8), path: "agg.csv")
        var rows = table.rows
        let i = rows.firstIndex { $0["kind"] == kind }!
        rows[i][column] = value
        return (Self.csv(table.columns, rows), i + 1)
    }

    @Test func aMissingColumnIsRefused() throws {
        let table = try AggregateRows(bytes: Array(Self.fixtureCSV.utf8), path: "agg.csv")
        let text = Self.csv(table.columns.filter { $0 != "failed_runs" }, table.rows)
        let error = #expect(throws: AggregatesFileError.self) { try read(text) }
        #expect(error?.column == "failed_runs")
        #expect(error?.description.contains("the column failed_runs is missing") == true)
    }

    @Test func aNegativeCountIsRefused() throws {
        let (text, row) = try damaged(kind: "step_case", column: "runs", value: "-3")
        let error = #expect(throws: AggregatesFileError.self) { try read(text) }
        #expect(error?.row == row && error?.column == "runs")
        #expect(error?.description.contains("a negative count (-3)") == true)
    }

    @Test func rowsOfAnotherBucketSchemeAreRefused() throws {
        for (column, value) in [("sketch_relative_accuracy", "0.02"), ("sketch_min_indexable_ms", "0.0001"), ("query_version", "1")] {
            let (text, row) = try damaged(kind: "latency", column: column, value: value)
            let error = #expect(throws: AggregatesFileError.self) { try read(text) }
            #expect(error?.row == row && error?.column == column, "\(column)")
        }
        let (text, _) = try damaged(kind: "latency", column: "kind", value: "latency_hdr")
        let error = #expect(throws: AggregatesFileError.self) { try read(text) }
        #expect(error?.description.contains("unknown row kind 'latency_hdr'") == true)
    }

    @Test func countsThatDoNotAddUpAreRefused() throws {
        let (text, _) = try damaged(kind: "error", column: "failed", value: "1000")
        let error = #expect(throws: AggregatesFileError.self) { try read(text) }
        #expect(error?.description.contains("error rows count") == true)
        let (cut, _) = try damaged(kind: "version", column: "records", value: "1")
        #expect(throws: AggregatesFileError.self) { try read(cut) }
    }

    @Test func rowsWithoutARequiredKeyAreRefused() throws {
        let text = Self.fixtureCSV + "\"invalid\",,,,,,,,,\"2\",,,,,,,,,,,,\"2\",\"0.01\",\"0.001\"\n"
        let error = #expect(throws: AggregatesFileError.self) { try read(text) }
        #expect(error?.description.contains("2 records without a version, run id, step name or success") == true)
    }
}
