import Foundation
import Testing

/// Every command that counts by day puts a record on the date written at the start of its
/// timestamp, whatever its offset, fraction or tail; a timestamp that does not start with a real
/// date puts it on no day. The gate's reader (a baseline's daily history) and the monitoring
/// commands (trend, dashboard, alert and its anomaly check) agree record for record.
@Suite("Days are the dates as written")
struct DateAsWrittenTests {
    /// (timestamp as JSON, failed): 2 records on 10 Nov (1 failed), 4 on 11 Nov (2 failed),
    /// 2 on 12 Nov (1 failed), 5 on no day.
    static let records: [(timestamp: String, failed: Bool)] = [
        (#""2026-11-10T23:30:00-05:00""#, true),             // 11 Nov in UTC: the offset is not applied
        (#""2026-11-10T08:00:00Z""#, false),
        (#""2026-11-11T00:30:00+09:00""#, false),            // 10 Nov in UTC
        (#""2026-11-11T12:00:00.123456789+00:00""#, true),
        (#""2026-11-11 12:00:00.5""#, false),                 // no offset
        (#""2026-11-11T12:00:00.1234567890+00:00""#, true),   // ten fraction digits: the date still stands
        (#""2026-11-12T25:00:00+00:00""#, false),             // no such hour: the date still stands
        (#""2026-11-12 (retried)""#, true),
        (#""2026-02-30T10:00:00+00:00""#, false),             // no such date
        (#""2026-13-01T10:00:00+00:00""#, true),
        (#""20261112T100000Z""#, false),                      // a date, but not written YYYY-MM-DD
        (#""yesterday""#, true),
        ("null", false),
    ]

    static let expectedDays: [(date: String, total: Int, failed: Int)] = [
        ("2026-11-10", 2, 1), ("2026-11-11", 4, 2), ("2026-11-12", 2, 1),
    ]

    /// The records as one version's log, each its own run, alternating two steps.
    func logFolder() throws -> URL {
        let dir = temporaryDirectory()
        let lines = Self.records.enumerated().map { n, r in
            #"{"timestamp": \#(r.timestamp), "run_id": "r\#(n)", "step_name": "\#(n % 2 == 0 ? "retrieval" : "generation")", "success": \#(!r.failed), "error_type": \#(r.failed ? "\"timeout\"" : "null"), "prompt_version": "v1"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("logs.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    func days(ofTrend trend: [String: Any]) -> [String] {
        (trend["days"] as! [[String: Any]]).map { "\($0["date"]!) \($0["total"]!) \($0["failed"]!)" }
    }

    var expected: [String] { Self.expectedDays.map { "\($0.date) \($0.total) \($0.failed)" } }

    @Test func trendCountsEachRecordOnItsDateAsWritten() throws {
        let dir = try logFolder()
        let run = try gate(["trend", "--logs", "logs.jsonl", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run.stdout)
        #expect(days(ofTrend: report) == expected)
        #expect(report["undated_records"] as? Int == 5)
        let steps = (report["days"] as! [[String: Any]])[1]["steps"] as! [String: [String: Any]]
        #expect(steps["retrieval"]?["total"] as? Int == 2 && steps["generation"]?["total"] as? Int == 2)
        let text = try gate(["trend", "--logs", "logs.jsonl"], in: dir).stdout
        #expect(text.contains("5 records without a usable timestamp left out"))
    }

    @Test func theDashboardShowsTheSameDays() throws {
        let dir = try logFolder()
        let run = try gate(["dashboard", "--logs", "logs.jsonl", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(days(ofTrend: try json(run.stdout)["trend"] as! [String: Any]) == expected)
        let page = try gate(["dashboard", "--logs", "logs.jsonl"], in: dir, environment: ["NO_COLOR": ""]).stdout
        for (date, total, failed) in Self.expectedDays {
            #expect(page.split(separator: "\n").contains { $0.hasPrefix("  \(date) ") && $0.contains(" \(failed)/\(total)") }, "\(page)")
        }
    }

    @Test func alertsJudgeTheDayAsWritten() throws {
        let dir = try logFolder()
        // 12 Nov: 1 of 2 failed (the "(retried)" record counts), above 40 %; 11 Nov: 2 of 4.
        let latest = try gate(["alert", "--logs", "logs.jsonl", "--max-failure-rate", "0.4", "--consecutive", "9"], in: dir,
                              environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(latest.status == 0, "\(latest.stderr)")
        #expect(latest.stdout.contains("failure rate 50.0 % (1/2 step records) on 2026-11-12 is above the 40.0 % threshold"), "\(latest.stdout)")
        let asOf = try gate(["alert", "--logs", "logs.jsonl", "--max-failure-rate", "0.4", "--consecutive", "9", "--as-of", "2026-11-11",
                             "--format", "json"], in: dir, environment: ["REGRESS_GATE_WEBHOOK": ""])
        let messages = (try json(asOf.stdout)["alerts"] as! [[String: Any]]).map { $0["message"] as! String }
        #expect(messages.contains("failure rate 50.0 % (2/4 step records) on 2026-11-11 is above the 40.0 % threshold"), "\(messages)")
    }

    /// The anomaly check judges the as-of day's records against the days before it.
    @Test func theAnomalyCheckJudgesTheDayAsWritten() throws {
        let dir = try logFolder()
        let run = try gate(["trend", "--logs", "logs.jsonl", "--as-of", "2026-11-11", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let anomaly = try #require(try json(run.stdout)["anomaly"] as? [String: Any])
        #expect(anomaly["date"] as? String == "2026-11-11")
        #expect(anomaly["today_total"] as? Int == 4 && anomaly["today_failed"] as? Int == 2)
        #expect(anomaly["previous_days"] as? Int == 1 && anomaly["previous_mean_rate"] as? Double == 0.5)
    }

    /// Failures in a row count a step's records up to the as-of day; a record dated after it
    /// (by the date as written) is left out, even when the rest of its timestamp is not a time.
    @Test func failuresInARowStopAtTheAsOfDayAsWritten() throws {
        let dir = temporaryDirectory()
        let lines = [(#""2026-11-10T10:00:00Z""#, false), (#""2026-11-11 (retried)""#, true), (#""2026-11-11T25:00:00Z""#, true)]
            .enumerated().map { n, r in
                #"{"timestamp": \#(r.0), "run_id": "r\#(n)", "step_name": "citation", "success": \#(!r.1), "error_type": \#(r.1 ? "\"timeout\"" : "null"), "prompt_version": "v1"}"#
            }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("logs.jsonl"), atomically: true, encoding: .utf8)
        let asOf10 = try gate(["alert", "--logs", "logs.jsonl", "--consecutive", "2", "--as-of", "2026-11-10"], in: dir,
                              environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(asOf10.status == 0, "\(asOf10.stderr)")
        #expect(!asOf10.stdout.contains("in a row"), "\(asOf10.stdout)")
        let asOf11 = try gate(["alert", "--logs", "logs.jsonl", "--consecutive", "2", "--as-of", "2026-11-11"], in: dir,
                              environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(asOf11.stdout.contains("step 'citation' failed 2 times in a row (its latest records up to 2026-11-11)"), "\(asOf11.stdout)")
    }

    /// The gate's reader (scanned lines, read in shards) keeps the same days: a baseline's daily
    /// history is the trend's days.
    @Test func aBaselinesDailyHistoryIsTheTrendsDays() throws {
        let dir = try logFolder()
        let run = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "baseline.json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let baseline = try json(String(contentsOf: dir.appendingPathComponent("baseline.json"), encoding: .utf8))
        let daily = try #require(baseline["daily"] as? [[Any]], "\(baseline.keys.sorted())")
        #expect(daily.map { "\($0[0]) \($0[1]) \($0[2])" } == expected)
    }
}
