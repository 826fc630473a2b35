/// One terminal page about the last days: daily failure-rate bars, per-step bars, the anomaly
/// check, the trend, and the latest failed runs with their causes (failure-forensics'
/// `dashboard.render`, without its side effects: it writes no file and reads no clock).
///
/// ```swift
/// let (dashboard, _) = try Dashboard.read([.file("requests.jsonl")])
/// print(dashboard.render(color: false))
/// ```
public struct Dashboard: Sendable {
    /// Daily rates, trend and anomaly.
    public var trend: TrendAnalysis
    /// The latest failed runs, latest first.
    public var latestFailed: [RunAnalysis]
    /// Only this version, when given.
    public var version: String?
    /// A day above this step failure rate is marked (0...1).
    public var markRate: Double = 0.25

    /// A page from its parts.
    public init(trend: TrendAnalysis, latestFailed: [RunAnalysis], version: String? = nil) {
        self.trend = trend
        self.latestFailed = latestFailed
        self.version = version
    }

    /// Reads `sources` once and builds the page for the `days` up to `asOf` (default: the latest day).
    public static func read(
        _ sources: [LogSource], version: String? = nil, days: Int = 7, asOf: LogDay? = nil, failedRuns: Int = 5,
        config: ForensicsConfig = .default, maxBadLines: Int = 0, runScope: RunScope = .all, onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (Dashboard, LogReadSummary) {
        var daily = DailyRateCollector(version: version)
        var runs = RunCollector()
        let summary = try MonitoredRead.read(sources, version: version, maxBadLines: maxBadLines, runScope: runScope, onBadLine: onBadLine) { record in
            daily.add(record)
            if !MonitoredRead.isAfter(record, asOf) { runs.add(record) }
        }
        guard !daily.days.isEmpty else { throw UndatedLogsError(sources: summary.sources, records: daily.undated) }
        let trend = TrendAnalysis(daily: daily, windowDays: days, asOf: asOf)
        let analysis = ForensicsAnalysis(collector: runs, config: config)
        return (Dashboard(trend: trend, latestFailed: analysis.latestFailed(limit: failedRuns), version: version), summary)
    }

    /// The page, at most 80 columns wide; ANSI colours only when `color` is true.
    public func render(color: Bool) -> String {
        let style = ANSIStyle(enabled: color)
        let t = trend
        let rule = TerminalText(trusted: "  " + String(repeating: "─", count: 76) + "\n")
        let heavy = TerminalText(trusted: String(repeating: "═", count: 80) + "\n")
        var out = heavy
        out += "  \(trusted: style.bold("regress-gate dashboard")) · \(t.from) to \(t.asOf) · \(version ?? "all versions")\n"
        out += heavy

        out += "\n  \(trusted: style.bold("FAILURE RATE PER DAY")) (failed step records / step records)\n\(rule)"
        if t.days.isEmpty { out += "  no records in these days\n" }
        for d in t.days {
            let hot = d.rate > markRate
            let bar = style.color(Bar.text(d.rate, width: 30), hot ? .red : .green)
            let mark = hot ? " " + style.color("⚠ above \(ReportFormat.percent(markRate))", .red) : ""
            out += "  \(d.day)  \(trusted: bar) \(Self.pad(ReportFormat.percent(d.rate), 7))  \(Self.pad("\(d.failed)/\(d.total)", 9))\(trusted: mark)\n"
        }

        out += "\n  \(trusted: style.bold("PER STEP")) (these days, worst first)\n\(rule)"
        let steps = t.steps.enumerated().sorted { $0.element.counts.rate != $1.element.counts.rate ? $0.element.counts.rate > $1.element.counts.rate : $0.offset < $1.offset }
        for (_, s) in steps {
            let bar = style.color(Bar.text(s.counts.rate, width: 20), s.counts.rate > markRate ? .red : .yellow)
            out += "  \(Self.padRight(ReportFormat.clip(s.step, 14), 14))  \(trusted: bar) \(Self.pad(ReportFormat.percent(s.counts.rate), 7))  \(s.counts.failed)/\(s.counts.total) failed\n"
        }

        out += "\n  \(trusted: style.bold("ANOMALY"))\n\(rule)"
        if let a = t.anomaly {
            let text = ReportFormat.wrap("\(a.message)", width: 78, indent: "  ", hanging: "    ")
            out += a.anomaly ? "\(trusted: style.color(text.escaped, .red))" : text
        } else {
            out += "  no records\n"
        }

        out += "\n  \(trusted: style.bold("TREND")) (later half of the days vs earlier)\n\(rule)"
        let arrow: String
        switch t.direction {
        case .degrading: arrow = style.color("DEGRADING ↑ failing more", .red)
        case .improving: arrow = style.color("IMPROVING ↓ failing less", .green)
        case .stable: arrow = "STABLE → steady"
        }
        out += "  \(trusted: arrow) (\(ReportFormat.pp(t.trendDeltaPP))) · average daily rate \(ReportFormat.percent(t.movingAverageRate))\n"

        out += "\n  \(trusted: style.bold("LATEST \(latestFailed.count) FAILED RUN\(latestFailed.count == 1 ? "" : "S")"))\n\(rule)"
        if latestFailed.isEmpty { out += "  no failed runs\n" }
        for (n, run) in latestFailed.enumerated() {
            let when = run.lastTimestamp.map { AnalysisReport.shortTime($0) + "  " } ?? ""
            out += "  \(n + 1). \(ReportFormat.clip(run.runID, 18))  \(ReportFormat.clip(run.version, 10))  \(when)\(trusted: style.color(VisibleText.escape(run.category.rawValue), .magenta))\n"
            var detail = run.rootCause
            if let q = run.inputSummary, !q.isEmpty { detail += " — \"\(q)\"" }
            out += "     \(ReportFormat.clip(detail, 75))\n"
        }
        out += heavy
        return out.string
    }

    /// `s` padded on the right to `width` characters.
    static func padRight(_ s: String, _ width: Int) -> TerminalText {
        TerminalText(trusted: s.count >= width ? s : s + String(repeating: " ", count: width - s.count))
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

/// ANSI styling that is a no-op when disabled.
struct ANSIStyle {
    enum Color: String { case red = "31", green = "32", yellow = "33", magenta = "35" }
    var enabled: Bool

    func color(_ text: String, _ c: Color) -> String { enabled ? "\u{1B}[\(c.rawValue)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
