/// One terminal page about the last days: daily failure-rate bars, per-step bars, the anomaly
/// check, the trend, and the latest failed runs with their causes (failure-forensics'
/// `dashboard.render`, without its side effects: it writes no file and reads no clock).
///
/// ```swift
/// let (dashboard, _) = try Dashboard.read([.file("requests.jsonl")])
/// print(dashboard.render(color: false))
/// ```
package struct Dashboard: Sendable {
    /// Daily rates, trend and anomaly.
    package var trend: TrendAnalysis
    /// The latest failed runs, latest first.
    var latestFailed: [RunAnalysis]
    /// Only this version, when given.
    var version: String?
    /// A day above this step failure rate is marked (0...1).
    var markRate: Double = 0.25
    /// Made from an engine's aggregates: counts only, no single runs to list.
    var countsOnly = false

    /// A page from its parts.
    init(trend: TrendAnalysis, latestFailed: [RunAnalysis], version: String? = nil) {
        self.trend = trend
        self.latestFailed = latestFailed
        self.version = version
    }

    /// Reads `sources` once and builds the page for the `days` up to `asOf` (default: the latest day).
    package static func read(
        _ sources: [LogSource], version: String? = nil, days: Int = 7, asOf: LogDay? = nil, failedRuns: Int = 5,
        config: ForensicsConfig = .default, reading: LogReading = LogReading(), onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (Dashboard, LogReadSummary) {
        var daily = DailyRateCollector(version: version)
        var runs = RunCollector()
        let summary = try MonitoredRead.read(sources, version: version, reading: reading, onBadLine: onBadLine) { record in
            daily.add(record)
            if !MonitoredRead.isAfter(record, asOf) { runs.add(record) }
        }
        guard !daily.days.isEmpty else { throw UndatedLogsError(sources: summary.sources, records: daily.undated) }
        let trend = TrendAnalysis(daily: daily, windowDays: days, asOf: asOf)
        let analysis = ForensicsAnalysis(collector: runs, config: config)
        return (Dashboard(trend: trend, latestFailed: analysis.latestFailed(limit: failedRuns), version: version), summary)
    }
}
