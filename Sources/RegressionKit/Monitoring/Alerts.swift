/// One alert: which rule fired and the message a person reads.
package struct Alert: Sendable, Equatable {
    /// The rule that fired.
    enum Rule: String, Sendable, Equatable {
        /// The day's failure rate is above the maximum.
        case failureRate = "failure_rate"
        /// The day is an anomaly (see `AnomalyCheck`).
        case anomaly
        /// A step's last N records all failed.
        case consecutiveFailures = "consecutive_failures"
    }

    /// The rule that fired.
    var rule: Rule
    /// `CRITICAL` for every built-in rule (as failure-forensics sends them).
    var level: String
    /// What happened, in one sentence.
    var message: String

    /// The Slack message: `🔴 *[regress-gate]* <message>` (Slack renders `*...*` bold), the
    /// message escaped for Slack: `&`, `<`, `>` as entities, so data cannot mention or link, and
    /// hidden characters shown (see `VisibleText`).
    package var text: String { SlackText("\(trusted: Self.prefix)\(message)").string }

    /// What every alert's text starts with.
    static let prefix = "🔴 *[regress-gate]* "
}

/// The alert rules of failure-forensics (`alerts.py`), with their defaults:
/// the as-of day's step failure rate above `maxFailureRate` (0.25), the as-of day an anomaly
/// (20 pp over the earlier days of the window and beyond noise), and `consecutiveFailures` (3)
/// failures in a row of one step (its latest records up to the as-of day).
///
/// ```swift
/// let (alerts, trend, _) = try AlertRules().evaluate([.file("requests.jsonl")])
/// for alert in alerts { print(alert.text) }
/// ```
package struct AlertRules: Sendable, Equatable {
    /// A day's step failure rate above this (0...1) fires `failure_rate`.
    package var maxFailureRate: Double = 0.25
    /// The anomaly threshold, percentage points over the earlier days' mean.
    package var anomalyThresholdPP: Double = 20
    /// The anomaly test's one-sided level.
    var alpha: Double = 0.05
    /// Failures in a row of one step that fire `consecutive_failures`.
    package var consecutiveFailures: Int = 3
    /// Days of history the anomaly is judged against, the as-of day included.
    package var windowDays: Int = 7

    /// The defaults: 25 %, 20 pp, alpha 0.05, 3 in a row, 7 days.
    package init() {}

    /// The alerts for `trend`'s as-of day and the steps failing in a row.
    func alerts(trend: TrendAnalysis, failingSteps: [String], version: String? = nil) -> [Alert] {
        var out: [Alert] = []
        let scope = version.map { " (\($0))" } ?? ""
        if let today = trend.days.last(where: { $0.day == trend.asOf }), today.rate > maxFailureRate {
            out.append(Alert(rule: .failureRate, level: "CRITICAL", message:
                "failure rate \(ReportFormat.percent(today.rate)) (\(today.failed)/\(today.total) step records) on \(today.day)\(scope) is above the \(ReportFormat.percent(maxFailureRate)) threshold"))
        }
        if let a = trend.anomaly, a.anomaly {
            out.append(Alert(rule: .anomaly, level: "CRITICAL", message:
                "anomaly on \(a.day)\(scope): failure rate \(ReportFormat.percent(a.todayRate)) vs \(ReportFormat.percent(a.previousMeanRate)) on the \(a.previousDays) day\(a.previousDays == 1 ? "" : "s") before (\(ReportFormat.pp(a.deltaPP)), binomial p \(ReportFormat.shortP(a.pValue)))"))
        }
        for step in failingSteps {
            out.append(Alert(rule: .consecutiveFailures, level: "CRITICAL", message:
                "step '\(step)'\(scope) failed \(consecutiveFailures) times in a row (its latest records up to \(trend.asOf))"))
        }
        return out
    }

    /// Reads `sources` once (records of `version` only, when given; none after `asOf`) and
    /// evaluates every rule.
    package func evaluate(
        _ sources: [LogSource], version: String? = nil, asOf: LogDay? = nil, reading: LogReading = LogReading(),
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (alerts: [Alert], trend: TrendAnalysis, input: LogReadSummary) {
        var daily = DailyRateCollector(version: version)
        var streak = ConsecutiveFailures(count: consecutiveFailures)
        let summary = try MonitoredRead.read(sources, version: version, reading: reading, onBadLine: onBadLine) { record in
            daily.add(record)
            if !MonitoredRead.isAfter(record, asOf) { streak.add(record) }
        }
        guard !daily.days.isEmpty else { throw UndatedLogsError(sources: summary.sources, records: daily.undated) }
        let trend = TrendAnalysis(daily: daily, windowDays: windowDays, asOf: asOf, anomalyThresholdPP: anomalyThresholdPP, alpha: alpha)
        return (alerts(trend: trend, failingSteps: streak.failingSteps, version: version), trend, summary)
    }
}
