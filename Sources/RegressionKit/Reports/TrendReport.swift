/// What `regress-gate trend` prints: daily failure rates, the direction and the anomaly check.
package struct TrendReport: Sendable {
    /// The analysis.
    var trend: TrendAnalysis
    /// Only this version's records, when given.
    var version: String?
    /// What reading the logs saw.
    var input: LogReadSummary

    /// A report of `trend`.
    package init(trend: TrendAnalysis, version: String? = nil, input: LogReadSummary) {
        self.trend = trend
        self.version = version
        self.input = input
    }

    /// The report as deterministic JSON. Each day has failure-forensics' `pattern.daily_failure_rates`
    /// keys (`total`, `failed`, `failure_rate`, `steps: {name: {total, failed, rate}}`) plus `date`
    /// and `moving_average_rate`; rates are unrounded fractions 0...1.
    package func jsonText() -> String { jsonValue.prettyPrinted }

    var jsonValue: JSONValue {
        let t = trend
        return JSONValue.object([
            "format_version": .number(1),
            "version": .string(version),
            "as_of": .string(t.asOf.description),
            "from": .string(t.from.description),
            "window_days": .number(t.windowDays),
            "days": .array(zip(t.days, t.movingAverages).map { d, average in
                .object([
                    "date": .string(d.day.description),
                    "total": .number(d.total), "failed": .number(d.failed), "failure_rate": .number(d.rate),
                    "moving_average_rate": .number(average),
                    "steps": .object(d.steps.mapValues { $0.jsonValue }),
                ])
            }),
            "steps": .array(t.steps.map { s in
                .object(["step": .string(s.step), "total": .number(s.counts.total), "failed": .number(s.counts.failed), "rate": .number(s.counts.rate)])
            }),
            "moving_average_rate": .number(t.movingAverageRate),
            "trend": .string(t.direction.rawValue),
            "trend_delta_pp": .number(t.trendDeltaPP),
            "trend_threshold_pp": .number(t.trendThresholdPP),
            "anomaly": t.anomaly?.jsonValue ?? .null,
            "undated_records": .number(t.undated),
            "input": input.jsonValue,
        ])
    }

    /// The report for a terminal, within 80 columns.
    package func text() -> String {
        let t = trend
        let scope = version.map { ", \($0)" } ?? ""
        var out: TerminalText = "Failure rate per day (step records\(scope)), \(t.from) to \(t.asOf):\n"
        if t.days.isEmpty {
            out += "  no records in these \(t.windowDays) days\n"
        } else {
            var table = TextTable([("day", .left), ("steps", .right), ("failed", .right), ("rate", .right), ("7-day avg", .right), ("", .left)])
            for (d, average) in zip(t.days, t.movingAverages) {
                let flag = t.anomaly?.anomaly == true && d.day == t.asOf ? " ANOMALY" : ""
                table.add([d.day.description, "\(d.total)", "\(d.failed)", ReportFormat.percent(d.rate), ReportFormat.percent(average),
                           Bar.text(d.rate, width: 20) + flag])
            }
            out += table.render()
        }
        if !t.steps.isEmpty {
            out += "\nPer step over these days:\n"
            var table = TextTable([("step", .left), ("steps", .right), ("failed", .right), ("rate", .right), ("", .left)])
            for s in t.steps {
                table.add([ReportFormat.clip(s.step, 16), "\(s.counts.total)", "\(s.counts.failed)", ReportFormat.percent(s.counts.rate), Bar.text(s.counts.rate, width: 20)])
            }
            out += table.render()
        }
        out += "\n"
        if let a = t.anomaly { out += ReportFormat.wrap("Anomaly: \(a.message)", indent: "", hanging: "  ") }
        out += ReportFormat.wrap("Trend: \(t.direction.rawValue) (\(ReportFormat.pp(t.trendDeltaPP)), later half of the days vs earlier; threshold ±\(AnomalyCheck.number(t.trendThresholdPP)) pp); average daily rate \(ReportFormat.percent(t.movingAverageRate))", indent: "", hanging: "  ")
        if t.undated > 0 { out += "\(t.undated) record\(t.undated == 1 ? "" : "s") without a usable timestamp left out\n" }
        out += "\(input.textLine)\n"
        return out.string
    }
}

/// Horizontal bars for rates 0...1, as failure-forensics' dashboard draws them.
enum Bar {
    /// `width` cells: `█` for the failed share, `░` for the rest (at least one `█` for any failure).
    static func text(_ rate: Double, width: Int) -> String {
        let clamped = min(max(rate, 0), 1)
        var filled = Int((clamped * Double(width)).rounded())
        if clamped > 0 && filled == 0 { filled = 1 }
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}

extension StepCounts {
    var jsonValue: JSONValue { .object(["total": .number(total), "failed": .number(failed), "rate": .number(rate)]) }
}

extension AnomalyCheck {
    var jsonValue: JSONValue {
        .object([
            "date": .string(day.description),
            "today_total": .number(todayTotal), "today_failed": .number(todayFailed), "today_rate": .number(todayRate),
            "previous_days": .number(previousDays),
            "previous_mean_rate": .number(previousMeanRate), "previous_pooled_rate": .number(previousPooledRate),
            "delta_pp": .number(deltaPP), "threshold_pp": .number(thresholdPP),
            "exceeds_threshold": .bool(exceedsThreshold),
            "p_value": .number(pValue), "alpha": .number(alpha),
            "anomaly": .bool(anomaly),
            "message": .string(message),
        ])
    }
}
