import Foundation
import Testing

@Suite("regress-gate trend")
struct TrendCommandTests {
    @Test func dailyRatesOfTheFixtureAndItsAnomalyDay() throws {
        let run = try gate(["trend", "--logs", fixture("requests.jsonl"), "--as-of", "2026-11-10", "--format", "json", "--anomaly-threshold-pp", "15"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run.stdout)
        let days = report["days"] as! [[String: Any]]
        #expect(days.map { $0["date"] as! String } == (4...10).map { "2026-11-\($0 < 10 ? "0" : "")\($0)" })
        #expect(days.last!["total"] as? Int == 176 && days.last!["failed"] as? Int == 47)
        let steps = days.last!["steps"] as! [String: [String: Any]]
        #expect(steps.values.reduce(0) { $0 + ($1["total"] as! Int) } == 176)
        let anomaly = report["anomaly"] as! [String: Any]
        #expect(anomaly["anomaly"] as? Bool == true)
        #expect(anomaly["date"] as? String == "2026-11-10")

        let defaultThreshold = try gate(["trend", "--logs", fixture("requests.jsonl"), "--as-of", "2026-11-10"])
        #expect(defaultThreshold.stdout.contains("Anomaly: normal: 2026-11-10: 26.7 % (47/176) vs 8.3 % on the 6 days before"))
        #expect(defaultThreshold.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func todayIsTheLatestDayInTheLogsNotTheClock() throws {
        let run = try gate(["trend", "--logs", fixture("requests.jsonl"), "--format", "json"])
        #expect(try json(run.stdout)["as_of"] as? String == "2026-11-12")
    }

    @Test func aBadDateIsAUsageError() throws {
        let run = try gate(["trend", "--logs", fixture("requests.jsonl"), "--as-of", "10/11/2026"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: invalid value '10/11/2026' for '--as-of': expected a date YYYY-MM-DD"))
    }
}
