// Part 4 of verdict-quality: how often trend and alert call a day an anomaly when nothing changed.
import RegressionKit

/// The share of days flagged as anomalies over simulated stable years: every day `records` step
/// records, each failing with the same rate, judged against the 6 days before (the default
/// 7-day window) at alpha 0.05, for several anomaly thresholds.
func stableYearTable(years: Int) {
    print("Monitoring: days called an ANOMALY under a stable failure rate (\(years) simulated years of 365 days,")
    print("each day judged against the 6 days before it at alpha 0.05, as trend and alert do by default)\n")
    let widths = [22, 14, 14, 14]
    print(row(["records/day, rate", "threshold 20 pp", "5 pp", "0 pp"], widths))
    var rng = SplitMix64(state: 20261207)
    for (records, rate) in [(10, 0.10), (40, 0.10), (40, 0.30), (400, 0.10)] {
        var flagged = [0, 0, 0], judged = 0
        for _ in 0..<years {
            var days: [(failed: Int, total: Int)] = []
            for _ in 0..<(365 + 6) {
                var failed = 0
                for _ in 0..<records where Double.random(in: 0..<1, using: &rng) < rate { failed += 1 }
                days.append((failed, records))
            }
            for d in 6..<days.count {
                judged += 1
                for (k, threshold) in [20.0, 5, 0].enumerated()
                where AnomalyCheck.fires(failed: days[d].failed, total: records, previous: Array(days[(d - 6)..<d]), thresholdPP: threshold, alpha: 0.05) {
                    flagged[k] += 1
                }
            }
        }
        print(row(["\(records), \(Int(rate * 100)) %"] + flagged.map { pct(Double($0) / Double(judged)) }, widths))
    }
    print()
}
