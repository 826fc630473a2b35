import Foundation

/// The HTML report: one self-contained page to attach to a CI run as an artifact.
///
/// Verdict banner; reasons; a chart of baseline vs candidate failure rates per step with 95 %
/// intervals (`#rates-chart`, two bars per step that both sides ran); the step and latency
/// tables; the cases that newly fail or were fixed; the candidate's daily failure rates when
/// its logs span several days (`#daily-chart`); the candidate's failed runs by first failure.
/// No scripts and no external resources; readable on a phone, printable.
extension GateReport {
    /// The report as one HTML document.
    func html() -> String {
        let r = result
        var body: HTMLText = """
        <header class="banner \(Self.cssClass(r.verdict))"><div class="banner-inner">
        <p class="verdict">\(r.verdict.rawValue)</p>
        <p class="subject">candidate <strong>\(r.candidate.version)</strong> vs baseline <strong>\(r.baseline.version)</strong> · policy \(r.policy)</p>
        </div></header>
        <main>
        <section id="reasons"><h2>Why</h2><ul class="reasons">
        \(HTMLText.joined(r.reasons.map { "<li>\($0)</li>" }, separator: "\n"))
        </ul></section>

        """
        body += ratesSection() + stepTable() + latencyTable() + casesSection() + dailySection() + firstFailuresSection()
        if let llm { body += llm.html }
        body += "</main>\n<footer>\(footerText)</footer>"
        return HTMLPage.document(title: "regress-gate: \(r.verdict.rawValue), \(r.candidate.version) vs baseline \(r.baseline.version)", body: body)
    }

    /// `verdict-regression`, `verdict-warning`, `verdict-insufficient`, `verdict-pass`.
    static func cssClass(_ verdict: Verdict) -> String {
        switch verdict {
        case .regressionDetected: return "verdict-regression"
        case .warning: return "verdict-warning"
        case .insufficientData: return "verdict-insufficient"
        case .pass: return "verdict-pass"
        }
    }

    static func tag(_ verdict: Verdict) -> HTMLText {
        "<span class=\"tag \(cssClass(verdict))\">\(verdict.rawValue)</span>"
    }

    private var statistical: Bool { result.overallEvidence != nil }

    private func ratesSection() -> HTMLText {
        let r = result
        let z95 = 1.959963984540054
        func bar(_ name: String, _ side: String, _ version: String, _ counts: StepCounts, _ css: String) -> SVGBarChart.Bar {
            let w = WilsonInterval.bounds(count: counts.failed, trials: counts.total, z: z95)
            let tooltip = "\(name), \(side) \(version): \(ReportFormat.rate(counts)); 95 % interval "
                + String(format: "%.1f–%.1f %%", w.low * 100, w.high * 100)
            return SVGBarChart.Bar(cssClass: css, value: counts.rate, low: w.low, high: w.high, tooltip: tooltip)
        }
        func group(_ name: String, _ b: StepCounts?, _ c: StepCounts?, _ verdict: Verdict) -> SVGBarChart.Group {
            var bars: [SVGBarChart.Bar] = []
            if let b { bars.append(bar(name, "baseline", r.baseline.version, b, "series-baseline")) }
            if let c { bars.append(bar(name, "candidate", r.candidate.version, c, Self.cssClass(verdict))) }
            return SVGBarChart.Group(label: ReportFormat.clip(name, 14), bars: bars)
        }
        var groups = [group("overall", r.baseline.judged, r.candidate.judged, r.overallVerdict ?? r.verdict)]
        groups += r.steps.map { group($0.step, $0.baseline, $0.candidate, min($0.verdict, r.verdict)) }
        let chart = SVGBarChart(id: "rates-chart", title: "Failure rate per step: baseline \(r.baseline.version) vs candidate \(r.candidate.version)", groups: groups)
        let unit = statistical ? "failed runs / runs that reached the step (overall: failed runs / runs)" : "failed step records / step records"
        let shown = Set([r.overallVerdict ?? r.verdict] + r.steps.filter { $0.candidate != nil }.map { min($0.verdict, r.verdict) })
        let legend = [("series-baseline", "baseline \(r.baseline.version)")]
            + Verdict.allCases.filter(shown.contains).map { (Self.cssClass($0), "candidate \(r.candidate.version): \($0.rawValue)") }
        return """
        <section id="rates"><h2>Failure rates</h2><figure>
        <div class="scroll">\(chart.svg)</div>
        <ul class="legend">\(HTMLText.joined(legend.map { "<li><span class=\"\($0.0)\"></span>\($0.1)</li>" }))</ul>
        <figcaption>Bars: \(unit). Whiskers: 95 % Wilson interval of each rate. The verdicts rest on the interval of the difference, in the table below\(statistical ? " (at α/m, paired by case when both ran the same cases)" : "").</figcaption>
        </figure></section>

        """
    }

    private func stepTable() -> HTMLText {
        let r = result
        var head: HTMLText = "<th>Step</th><th class=\"num\">Baseline</th><th class=\"num\">Candidate</th><th class=\"num\">\(statistical ? "Raw Δ" : "Δ")</th>"
        if statistical { head += "<th class=\"num\">Estimate</th><th>Interval (pp)</th><th class=\"num\">adj. p</th>" }
        head += "<th>Verdict</th><th>Note</th>"
        func row(_ name: String, _ b: StepCounts?, _ c: StepCounts?, _ delta: Double?, _ e: FailureRateEvidence?, _ v: Verdict, _ note: String?) -> HTMLText {
            var cells: HTMLText = "<td class=\"name\">\(name)</td><td class=\"num\">\(ReportFormat.rate(b))</td><td class=\"num\">\(ReportFormat.rate(c))</td><td class=\"num\">\(ReportFormat.pp(delta))</td>"
            if statistical {
                cells += "<td class=\"num\">\(e.map { ReportFormat.pp($0.estimatePP) } ?? "")</td>"
                cells += "<td class=\"num\">\(e.map { "[\(ReportFormat.signed($0.ciLowPP)), \(ReportFormat.signed($0.ciHighPP))]" } ?? "")</td>"
                cells += "<td class=\"num\">\(e.map { ReportFormat.shortP($0.adjustedPValue) } ?? "")</td>"
            }
            return "<tr>\(cells)<td>\(Self.tag(v))</td><td>\(note ?? "")</td></tr>"
        }
        var rows = [row("overall", r.baseline.judged, r.candidate.judged, r.deltaPP, r.overallEvidence, r.overallVerdict ?? r.verdict, nil)]
        let metrics = reportedMetrics
        for (s, m) in zip(r.steps, metrics.dropFirst()) {   // the metrics list the overall rate, then the steps in order
            let note = m.details.joined(separator: "; ")      // the step's note, the runs that would settle it, ...
            rows.append(row(s.step, s.baseline, s.candidate, s.deltaPP, s.note == nil ? s.evidence : nil, s.verdict, note.isEmpty ? nil : note))
        }
        return """
        <section id="steps"><h2>Steps</h2><div class="scroll"><table>
        <thead><tr>\(head)</tr></thead>
        <tbody>
        \(HTMLText.joined(rows, separator: "\n"))
        </tbody></table></div>\(r.estimateDesigns.map { "\n<p class=\"note\">Estimate: the rise each verdict rests on, with its interval (\($0)). Raw Δ: the candidate's rate minus the baseline's.</p>" } ?? "" as HTMLText)</section>

        """
    }

    private func latencyTable() -> HTMLText {
        let rows = result.steps.compactMap { s in s.latency.map { (s.step, $0) } }
        guard !rows.isEmpty else { return "" }
        let body = rows.map { name, l -> HTMLText in
            let p95: String
            if let b = l.baselineP95PointMS, let c = l.candidateP95PointMS, l.p95Verdict == .pass {
                p95 = String(format: "%.0f → %.0f", b, c)
            } else {
                p95 = "too few runs"
            }
            return "<tr><td class=\"name\">\(name)</td><td class=\"num\">×\(String(format: "%.2f", l.slowdownRatio))</td>"
                + "<td class=\"num\">\(ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh))</td><td class=\"num\">\(p95)</td>"
                + "<td class=\"num\">\(ReportFormat.shortP(l.adjustedPValue))</td><td>\(Self.tag(l.verdict))</td></tr>"
        }
        return """
        <section id="latency"><h2>Latency</h2><div class="scroll"><table>
        <thead><tr><th>Step</th><th class="num">Slowdown</th><th class="num">Interval</th><th class="num">p95 ms (baseline → candidate)</th><th class="num">adj. p</th><th>Verdict</th></tr></thead>
        <tbody>
        \(HTMLText.joined(body, separator: "\n"))
        </tbody></table></div>
        <p class="note">Slowdown: candidate / baseline typical latency (Hodges-Lehmann shift of log latency), with its interval; one-sided Mann-Whitney test.</p></section>

        """
    }

    private func casesSection() -> HTMLText {
        guard let c = result.caseChanges else { return "" }
        var out: HTMLText = "<section id=\"cases\"><h2>Cases</h2>\n<p>Run by both: \(c.compared); <strong>\(c.newlyFailing.count) newly failing</strong>, \(c.newlyFixed.count) newly fixed.</p>\n"
        for (id, label, keys) in [("newly-failing", "Newly failing", c.newlyFailing), ("newly-fixed", "Newly fixed", c.newlyFixed)] where !keys.isEmpty {
            out += "<details id=\"\(id)\" open><summary>\(label) (\(keys.count))</summary><ol class=\"cases\">"
            out += HTMLText.joined(keys.map { "<li>\($0)</li>" })
            out += "</ol></details>\n"
        }
        return out + "</section>\n"
    }

    private func dailySection() -> HTMLText {
        let days = daily.days
        guard days.count >= 2 else { return "" }
        let z95 = 1.959963984540054
        let groups = days.map { day -> SVGBarChart.Group in
            let w = WilsonInterval.bounds(count: day.failed, trials: day.steps, z: z95)
            let tip = "\(day.date): \(ReportFormat.percent(day.failureRate)) (\(day.failed)/\(day.steps) steps failed)"
            return SVGBarChart.Group(label: String(day.date.dropFirst(5)), bars: [SVGBarChart.Bar(cssClass: "series-daily", value: day.failureRate, low: w.low, high: w.high, tooltip: tip)])
        }
        let chart = SVGBarChart(id: "daily-chart", title: "Candidate \(result.candidate.version): step failure rate per day", groups: groups, height: 220)
        let rows: [HTMLText] = days.map { "<tr><td>\($0.date)</td><td class=\"num\">\($0.steps)</td><td class=\"num\">\($0.failed)</td><td class=\"num\">\(ReportFormat.percent($0.failureRate))</td></tr>" }
        return """
        <section id="daily"><h2>Daily failure rate of \(result.candidate.version)</h2><figure>
        <div class="scroll">\(chart.svg)</div>
        <figcaption>Failed step records / step records per day (the date in the log timestamps), whiskers 95 % Wilson intervals. A day far above the others points to an outage rather than the version.</figcaption>
        </figure>
        <details><summary>Per day</summary><div class="scroll"><table><thead><tr><th>Date</th><th class="num">Steps</th><th class="num">Failed</th><th class="num">Rate</th></tr></thead>
        <tbody>\(HTMLText.joined(rows, separator: "\n"))</tbody></table></div></details></section>

        """
    }

    private func firstFailuresSection() -> HTMLText {
        let tally = firstFailures
        guard tally.failedRunCount > 0 else { return "" }
        let causes = tally.causes
        let shown = causes.prefix(15)
        var rows = shown.map { c -> HTMLText in
            let share = Double(c.runs) / Double(tally.failedRunCount)
            return "<tr><td class=\"name\">\(c.step)</td><td class=\"name\">\(c.errorType)</td><td class=\"num\">\(c.runs)</td>"
                + "<td class=\"num\">\(ReportFormat.percent(share))</td><td><span class=\"share\" style=\"width: \(String(format: "%.1f", share * 8))rem\"></span></td></tr>"
        }
        if causes.count > shown.count {
            let rest = causes.dropFirst(shown.count).reduce(0) { $0 + $1.runs }
            rows.append("<tr><td colspan=\"2\">\(causes.count - shown.count) others</td><td class=\"num\">\(rest)</td><td></td><td></td></tr>")
        }
        return """
        <section id="first-failures"><h2>Where \(result.candidate.version)'s runs failed first</h2><div class="scroll"><table>
        <thead><tr><th>First failed step</th><th>Error type</th><th class="num">Runs</th><th class="num">Share</th><th></th></tr></thead>
        <tbody>
        \(HTMLText.joined(rows, separator: "\n"))
        </tbody></table></div>
        <p class="note">\(tally.failedRunCount) failed runs, each counted once: by the first step that failed in it (log order) and that step's error type.</p></section>

        """
    }

    private var footerText: String {
        let r = result
        var text = "regress-gate \(RegressionKitVersion.current) · baseline \(baselinePath) · "
        text += input.textLine
        if let alpha = r.alpha, let m = r.familySize {
            text += " · \(m) failure-rate tests, one-sided α = \(format(alpha)), Holm-adjusted"
            if let e = r.overallEvidence { text += "; \(Self.designText(e))" }
        }
        return text
    }
}
