extension Dashboard {
    /// The page, at most 80 columns wide; ANSI colours only when `color` is true.
    package func render(color: Bool) -> String {
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

        if countsOnly {
            out += "\n  \(trusted: style.bold("LATEST FAILED RUNS"))\n\(rule)  aggregates hold counts, not runs: listing them needs the logs\n"
        } else {
            out += "\n  \(trusted: style.bold("LATEST \(latestFailed.count) FAILED RUN\(latestFailed.count == 1 ? "" : "S")"))\n\(rule)"
        }
        if latestFailed.isEmpty, !countsOnly { out += "  no failed runs\n" }
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
