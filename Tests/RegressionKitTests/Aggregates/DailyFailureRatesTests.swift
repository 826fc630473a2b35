import Foundation
import Testing
@testable import RegressionKit

@Suite("Daily rates: one rule, one collector")
struct DailyFailureRatesTests {
    /// Timestamps and the day each is counted on (nil: undated).
    static let rule: [(timestamp: String, day: String?)] = [
        ("2026-11-10T23:30:00-05:00", "2026-11-10"),   // 11 Nov in UTC: the offset is not applied
        ("2026-11-11T00:30:00+09:00", "2026-11-11"),   // 10 Nov in UTC
        ("2026-11-10T08:00:00Z", "2026-11-10"),
        ("2026-11-10t08:00:00z", "2026-11-10"),
        ("2026-11-10T08:00:00.961023+00:00", "2026-11-10"),
        ("2026-11-10 08:00:00.5", "2026-11-10"),
        ("2026-11-10", "2026-11-10"),
        ("2028-02-29T00:00:00Z", "2028-02-29"),
        // The date is what a day is keyed by: what follows it is not read.
        ("2026-11-10T25:00:00Z", "2026-11-10"),
        ("2026-11-10T08:00:00.1234567890+00:00", "2026-11-10"),
        ("2026-11-10 (retried)", "2026-11-10"),
        ("2026-11-10garbage", "2026-11-10"),
        // Not a real date, or not written YYYY-MM-DD at the start.
        ("2026-02-30T00:00:00Z", nil), ("2027-02-29", nil), ("2026-13-01", nil), ("2026-00-10", nil), ("2026-11-00", nil),
        ("20261110T080000Z", nil), ("2026-11-1", nil), (" 2026-11-10", nil), ("2026/11/10", nil), ("yesterday", nil), ("", nil),
    ]

    @Test func theDayIsTheDateWrittenAtTheStart() {
        for (timestamp, day) in Self.rule {
            #expect(LogDay(dateAsWrittenIn: timestamp)?.description == day, "\(timestamp)")
            let bytes = Array(timestamp.utf8)
            #expect(bytes.withUnsafeBufferPointer { LogDay(dateAsWrittenIn: $0) }?.description == day, "\(timestamp) as bytes")
        }
    }

    /// A log of one record per timestamp of `rule` (every third failed), the timestamps of
    /// every other record written with a JSON escape.
    func ruleLog() throws -> String {
        let lines = Self.rule.enumerated().map { n, r in
            let escaped = n % 2 == 1 && !r.timestamp.isEmpty
                ? "\\u00\(String(r.timestamp.utf8.first!, radix: 16))" + r.timestamp.dropFirst() : r.timestamp
            return #"{"timestamp": "\#(escaped)", "run_id": "r\#(n)", "step_name": "s\#(n % 2)", "success": \#(n % 3 != 0), "prompt_version": "v"}"#
        }
        let path = temporaryDirectory().appendingPathComponent("rule.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The gate's fast path (scanned lines, whole or in shards), records added one by one, and the
    /// monitoring's collector put the same records on the same days.
    @Test func everyPathCountsTheSameDays() throws {
        let path = try ruleLog()
        var expected: [String: (steps: Int, failed: Int)] = [:]
        for (n, r) in Self.rule.enumerated() {
            guard let day = r.day else { continue }
            expected[day, default: (0, 0)].steps += 1
            if n % 3 == 0 { expected[day, default: (0, 0)].failed += 1 }
        }
        let undated = Self.rule.filter { $0.day == nil }.count
        func described(_ days: [DailyFailureRates.Day]) -> [String] { days.map { "\($0.date) \($0.steps) \($0.failed)" } }
        let want = expected.keys.sorted().map { "\($0) \(expected[$0]!.steps) \(expected[$0]!.failed)" }

        var byRecord = DailyFailureRates(), monitoring = DailyRateCollector()
        try LogReader(sources: [.file(path)]).read { record in
            byRecord.add(record)
            monitoring.add(record)
        }
        #expect(described(byRecord.days) == want)
        #expect(byRecord.undated == undated)
        #expect(monitoring.days.map { "\($0.day) \($0.total) \($0.failed)" } == want)
        #expect(monitoring.undated == undated)
        #expect(monitoring.days.allSatisfy { d in d.steps.values.reduce(0) { $0 + $1.total } == d.total })
        for shards in [1, 3] {
            var reader = LogReader(sources: [.file(path)])
            reader.pieces.shardingThreshold = 1
            reader.pieces.shards = shards
            let (state, _) = try reader.scan(makeState: { OneVersionAccumulator(version: "v", expectedBytes: $0) })
            #expect(state.daily == byRecord, "shards: \(shards)")
        }
    }

    @Test func mergedHalvesAddUpUndatedRecordsToo() {
        var halves = (DailyFailureRates(), DailyFailureRates()), whole = DailyFailureRates()
        for (n, r) in Self.rule.enumerated() {
            let record = StepRecord(runID: "r\(n)", stepName: "s", success: n % 2 == 0, promptVersion: "v", timestamp: r.timestamp)
            whole.add(record)
            if n < 7 { halves.0.add(record) } else { halves.1.add(record) }
        }
        halves.0.merge(halves.1)
        #expect(halves.0 == whole)
        #expect(whole.undated == Self.rule.filter { $0.day == nil }.count)
    }
}
