import Foundation
import Testing
@testable import RegressionKit

/// Every number a baseline holds twice is checked against its other copy: a file edited by hand
/// is refused, naming the field, instead of judged against.
@Suite("Baseline consistency")
struct BaselineConsistencyTests {
    /// The committed baseline (v2 of the fixtures: 300 runs, all with a case, 73 failed).
    static let committed: JSONValue = {
        let text = try! String(contentsOf: packageRoot.appendingPathComponent("baselines/baseline.json"), encoding: .utf8)
        return try! JSONValue.parse(Array(text.utf8))
    }()

    /// The committed baseline with the value at `path` (object keys and array indices, joined by
    /// dots: `cases.4.2`) changed by `edit`.
    static func edited(_ path: String, _ edit: (JSONValue) -> JSONValue) -> [UInt8] {
        func apply(_ value: JSONValue, _ rest: ArraySlice<Substring>) -> JSONValue {
            guard let head = rest.first else { return edit(value) }
            switch value {
            case .object(var members):
                members[String(head)] = apply(members[String(head)]!, rest.dropFirst())
                return .object(members)
            case .array(var items):
                items[Int(head)!] = apply(items[Int(head)!], rest.dropFirst())
                return .array(items)
            default:
                fatalError("no \(head) in \(value.kindName)")
            }
        }
        return Array(apply(committed, path.split(separator: ".")[...]).prettyPrinted.utf8)
    }

    /// `value` plus `delta`, for a number.
    static func plus(_ delta: Double) -> (JSONValue) -> JSONValue {
        { value in
            guard case .number(let text) = value, let number = Double(text) else { fatalError("not a number") }
            return JSONValue.number(number + delta)
        }
    }

    @Test func theCommittedBaselineReads() throws {
        let read = try BaselineSnapshot(jsonBytes: Array(Self.committed.prettyPrinted.utf8), path: "b.json")
        #expect(read.stats.failedRuns == 73)
    }

    /// Each edit, the field the error names, and words of its message.
    @Test(arguments: [
        // the repro: one more failed run than the cases hold
        ("totals.failed_runs", 1, "totals.failed_runs", "the failed runs of cases add up to 73"),
        ("totals.failed_runs", -1, "totals.failed_runs", "the failed runs of cases add up to 73"),
        ("totals.runs", 1, "totals.run_failure_rate", "its counts give"),
        ("steps.generation.failed_runs", 1, "steps.generation.failed_runs", "19 runs failed here but only 18 records failed"),
        ("steps.generation.runs", 1, "steps.generation.runs", "275 runs but only 274 records"),
        ("steps.generation.failure_rate", 0.01, "steps.generation.failure_rate", "its counts give"),
        ("steps.generation.latency_ms.min", -40, "steps.generation.latency_ms.min", "not in the sketch's lowest bin"),
        ("steps.generation.latency_ms.max", 100_000, "steps.generation.latency_ms.max", "not in the sketch's highest bin"),
        ("totals.step_failure_rate", 0.001, "totals.step_failure_rate", "its counts give"),
        ("source.version_records", 1, "source.version_records", "but totals.steps is 1124"),
        ("source.records", -3000, "source.records", "fewer than the version's 1124"),
        ("cases.4.2", 1, "totals.failed_runs", "the failed runs of cases add up to 74"),
        ("steps.citation.cases.4.2", 1, "steps.citation.failed_runs", "21, but the failed runs of steps.citation.cases add up to 22"),
        ("daily.0.2", 1, "daily", "more failed step records than the totals"),
    ] as [(String, Double, String, String)])
    func aHandEditedNumberIsRefusedNamingTheField(path: String, delta: Double, field: String, words: String) {
        #expect {
            try BaselineSnapshot(jsonBytes: Self.edited(path, Self.plus(delta)), path: "b.json")
        } throws: { error in
            guard case .invalid("b.json", let named, let message)? = error as? BaselineError else { return false }
            #expect(named == field, "\(path): \(message)")
            #expect(message.contains(words), "\(path): \(message)")
            return named == field
        }
    }

    @Test func aStepCaseTheVersionDoesNotListIsRefused() {
        let bytes = Self.edited("steps.citation.cases.0.0") { _ in .string("a query no run asked") }
        #expect {
            try BaselineSnapshot(jsonBytes: bytes, path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "steps.citation.cases[0]" && message.contains("is not one of the version's \"cases\"")
        }
    }

    @Test func aDayOutsideTheTimestampsIsRefused() {
        let bytes = Self.edited("daily.0.0") { _ in .string("2026-11-01") }
        #expect {
            try BaselineSnapshot(jsonBytes: bytes, path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "daily[0]" && message.contains("2026-11-01 is before first_timestamp (2026-11-04T12:20:36.024980+00:00)")
        }
    }

    @Test func timestampsOutOfOrderAreRefused() {
        let bytes = Self.edited("last_timestamp") { _ in .string("2026-11-03T00:00:00+00:00") }
        #expect(throws: BaselineError.invalid(path: "b.json", field: "last_timestamp",
                                              message: "impossible value: 2026-11-03T00:00:00+00:00 is before first_timestamp (2026-11-04T12:20:36.024980+00:00)")) {
            try BaselineSnapshot(jsonBytes: bytes, path: "b.json")
        }
    }

    /// A baseline of runs without case keys: the totals are not bound by the (empty) case lists,
    /// only by the steps'.
    @Test func runsWithoutCasesStillBindTheTotalsToTheSteps() throws {
        var rows = records(version: "v", runs: 10, failing: 3)
        for i in rows.indices { rows[i].inputSummary = nil }
        let snapshot = BaselineSnapshot(stats: stats(rows, "v"), createdAt: "2026-11-29T21:00:00Z",
                                        source: .init(files: ["x"], records: 20, versionRecords: 20, badLines: 0))
        let text = snapshot.jsonText()
        #expect(try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json") == snapshot)
        let damaged = text.replacingOccurrences(of: "\"failed_runs\": 3,\n    \"failed_steps\"", with: "\"failed_runs\": 4,\n    \"failed_steps\"")
        #expect(damaged != text)
        #expect {
            try BaselineSnapshot(jsonBytes: Array(damaged.utf8), path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "totals.failed_runs" && message.contains("the steps' failed runs add up to 3")
        }
    }
}
