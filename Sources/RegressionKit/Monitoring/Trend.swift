/// The direction of the failure rate over a window of days.
enum TrendDirection: String, Sendable, Equatable {
    case improving = "IMPROVING"
    case stable = "STABLE"
    case degrading = "DEGRADING"
}

/// Failure rates over the last days, their average and direction, and the latest day's anomaly
/// check: what `regress-gate trend` reports.
///
/// The direction is failure-forensics' (`baseline.get_moving_average`): with four or more days,
/// the mean rate of the second half of the window (the later `n - n/2` days) minus that of the
/// first half; with two or three, the last day minus the first; `IMPROVING` at or below
/// `-thresholdPP` (5 pp), `DEGRADING` at or above it, else `STABLE`. Only days with records count.
package struct TrendAnalysis: Sendable, Equatable {
    /// "Today": the latest day in the logs, or the `--as-of` day.
    package var asOf: LogDay
    /// The window's first day (`asOf` minus days - 1).
    var from: LogDay
    /// Calendar days in the window.
    var windowDays: Int
    /// The window's days with records, in order.
    var days: [DayCounts]
    /// Per day of `days`: the mean daily rate of that day and the 6 days before it that have records.
    var movingAverages: [Double]
    /// Mean of the window's daily rates (failure-forensics' `moving_avg`), 0...1.
    var movingAverageRate: Double
    /// Second half minus first half (or last minus first), percentage points.
    var trendDeltaPP: Double
    /// The change (pp) that makes a direction: IMPROVING at or below minus it, DEGRADING at or above it.
    var trendThresholdPP: Double
    /// The direction: IMPROVING, STABLE or DEGRADING.
    var direction: TrendDirection
    /// Per step over the window: records and failed records (failure-forensics' `step_breakdown_report`).
    var steps: [(step: String, counts: StepCounts)]
    /// The as-of day judged against the window's earlier days; nil when the window is empty.
    var anomaly: AnomalyCheck?
    /// Records without a parseable timestamp (not in any day).
    var undated: Int
    /// The first and the last day of the dated records read (of the version, when one was
    /// asked for), whether in the window or not; nil when none is dated.
    var recordDays: ClosedRange<LogDay>?
    /// Only this version's records, when one was asked for.
    var version: String?

    /// Nil when the window has records; else what the window is and where the records are:
    /// "no records from 2019-12-26 to 2020-01-01; the records are dated 2026-11-01 to 2026-11-10".
    /// An empty window is not an error: like a monitor's "no data", nothing is judged in it.
    package var emptyWindow: String? {
        guard days.isEmpty else { return nil }
        let whose = version.map { "the records of \($0)" } ?? "the records"
        let span = recordDays.map { "; \(whose) are dated \($0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound) to \($0.upperBound)")" } ?? ""
        return "no records from \(from) to \(asOf)\(span)"
    }

    /// Analyzes the last `windowDays` days up to `asOf` (default: the latest day) of `daily`.
    init(daily: DailyRateCollector, windowDays: Int = 7, asOf: LogDay? = nil,
                anomalyThresholdPP: Double = 20, alpha: Double = 0.05, trendThresholdPP: Double = 5) {
        let all = daily.days
        let today = asOf ?? all.last?.day ?? LogDay(daysSinceEpoch: 0)
        let window = max(1, windowDays)
        self.asOf = today
        self.windowDays = window
        from = today.advanced(by: -(window - 1))
        let start = from
        days = all.filter { $0.day >= start && $0.day <= today }
        undated = daily.undated
        recordDays = all.first.map { $0.day...all.last!.day }
        version = daily.version
        movingAverages = days.map { d in
            let recent = all.filter { $0.day <= d.day && $0.day > d.day.advanced(by: -7) && $0.total > 0 }
            return recent.reduce(0) { $0 + $1.rate } / Double(max(1, recent.count))
        }
        let rates = days.map(\.rate)
        movingAverageRate = rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count)
        let delta: Double
        if rates.count >= 4 {
            let mid = rates.count / 2
            delta = rates[mid...].reduce(0, +) / Double(rates.count - mid) - rates[..<mid].reduce(0, +) / Double(mid)
        } else if rates.count >= 2 {
            delta = rates.last! - rates.first!
        } else {
            delta = 0
        }
        trendDeltaPP = delta * 100
        self.trendThresholdPP = trendThresholdPP
        // Compared in failure-forensics' units (rates) with a hair of tolerance, so 5 pp is exactly 5 pp.
        direction = delta <= -trendThresholdPP / 100 + 1e-12 ? .improving
            : delta >= trendThresholdPP / 100 - 1e-12 ? .degrading : .stable
        var stepTotals: [String: StepCounts] = [:]
        for d in days {
            for (name, c) in d.steps {
                stepTotals[name, default: StepCounts(total: 0, failed: 0)].total += c.total
                stepTotals[name]!.failed += c.failed
            }
        }
        steps = daily.stepOrder.compactMap { name in stepTotals[name].map { (name, $0) } }
        let todayCounts = days.last { $0.day == today } ?? DayCounts(day: today)
        anomaly = days.isEmpty ? nil
            : AnomalyCheck(today: todayCounts, previous: days.filter { $0.day < today }, thresholdPP: anomalyThresholdPP, alpha: alpha)
    }

    /// Equal days, steps, anomaly and direction.
    package static func == (a: TrendAnalysis, b: TrendAnalysis) -> Bool {
        a.asOf == b.asOf && a.days == b.days && a.anomaly == b.anomaly && a.direction == b.direction
            && a.steps.map(\.step) == b.steps.map(\.step) && a.steps.map(\.counts) == b.steps.map(\.counts)
    }

    /// Reads `sources` as a stream and analyzes the window (see `init`).
    package static func read(
        _ sources: [LogSource], version: String? = nil, windowDays: Int = 7, asOf: LogDay? = nil,
        anomalyThresholdPP: Double = 20, alpha: Double = 0.05, trendThresholdPP: Double = 5, reading: LogReading = LogReading(),
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (TrendAnalysis, LogReadSummary) {
        var daily = DailyRateCollector(version: version)
        let summary = try MonitoredRead.read(sources, version: version, reading: reading, onBadLine: onBadLine) {
            daily.add($0)
        }
        guard !daily.days.isEmpty else { throw UndatedLogsError(sources: summary.sources, records: daily.undated) }
        return (TrendAnalysis(daily: daily, windowDays: windowDays, asOf: asOf, anomalyThresholdPP: anomalyThresholdPP,
                              alpha: alpha, trendThresholdPP: trendThresholdPP), summary)
    }
}

/// No record has a timestamp to place it on a day.
struct UndatedLogsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The logs read, and their records (all without a timestamp).
    var sources: [String]
    var records: Int
    var description: String {
        "none of the \(records) records in \(sources.joined(separator: ", ")) has an ISO 8601 \"timestamp\" (e.g. 2026-11-10T05:50:00+00:00); daily rates need one"
    }
}
