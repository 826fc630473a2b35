import Foundation

/// The `check --format markdown` report: GitHub-flavoured, fit for `$GITHUB_STEP_SUMMARY`.
extension GateReport {
    /// The report as Markdown.
    public func markdown() -> String {
        let r = result
        let icon: String
        switch r.verdict {
        case .pass: icon = "✅"
        case .insufficientData: icon = "❔"
        case .warning: icon = "⚠️"
        case .regressionDetected: icon = "❌"
        }
        var out = "### \(icon) \(r.verdict.rawValue): `\(Self.code(r.candidate.version))` vs baseline `\(Self.code(r.baseline.version))`\n\n"
        out += "Policy `\(r.policy)`:\n\n" + r.reasons.map { "- \(Self.cell($0))\n" }.joined() + "\n"
        let evidence = r.overallEvidence != nil
        out += evidence
            ? "| Step | Baseline | Candidate | Δ | Interval (pp) | adj. p | Verdict |\n|---|---:|---:|---:|---|---:|---|\n"
            : "| Step | Baseline | Candidate | Δ | Verdict |\n|---|---:|---:|---:|---|\n"
        func row(_ name: String, _ b: StepCounts?, _ c: StepCounts?, _ delta: Double?, _ e: FailureRateEvidence?, _ verdict: String) -> String {
            var cells = [name, ReportFormat.rate(b), ReportFormat.rate(c), ReportFormat.pp(delta)]
            if evidence {
                cells += [e.map { "[\(ReportFormat.signed($0.ciLowPP)), \(ReportFormat.signed($0.ciHighPP))]" } ?? "", e.map { ReportFormat.shortP($0.adjustedPValue) } ?? ""]
            }
            return "| " + (cells + [verdict]).joined(separator: " | ") + " |\n"
        }
        out += row("**overall**", r.baseline.judged, r.candidate.judged, r.deltaPP, r.overallEvidence, "**\((r.overallVerdict ?? r.verdict).rawValue)**")
        for s in r.steps {
            var verdict = s.verdict.rawValue
            if let note = s.note { verdict += " — \(Self.cell(note))" }
            out += row(Self.cell(s.step), s.baseline, s.candidate, s.deltaPP, s.note == nil ? s.evidence : nil, verdict)
        }
        let latency = r.steps.compactMap { s in s.latency.map { (s.step, $0) } }
        if !latency.isEmpty {
            out += "\n| Latency | Slowdown | Interval | p95 ms (baseline → candidate) | adj. p | Verdict |\n|---|---:|---|---:|---:|---|\n"
            for (name, l) in latency {
                let p95 = l.p95Verdict == .insufficientData ? "INSUFFICIENT_DATA" :
                    String(format: "%.0f → %.0f", l.baselineP95PointMS ?? 0, l.candidateP95PointMS ?? 0)
                out += "| \(Self.cell(name)) | ×\(String(format: "%.2f", l.slowdownRatio)) | \(ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh)) | \(p95) | \(ReportFormat.shortP(l.adjustedPValue)) | \(l.verdict.rawValue) |\n"
            }
        }
        out += "\n"
        if let c = r.caseChanges {
            out += "Cases run by both: \(c.compared); **\(c.newlyFailing.count) newly failing**, \(c.newlyFixed.count) newly fixed.\n\n"
            for (label, keys) in [("Newly failing cases", c.newlyFailing), ("Newly fixed cases", c.newlyFixed)] where !keys.isEmpty {
                out += "<details><summary>\(label) (\(keys.count))</summary>\n\n" + keys.map { "- \(Self.cell(Self.html($0)))\n" }.joined() + "\n</details>\n\n"
            }
        }
        if let worst = r.worstStep { out += "Worst step: **\(Self.cell(worst))** (\(ReportFormat.pp(r.worstStepDeltaPP))). " }
        out += "Runs: baseline \(r.baseline.runs), candidate \(r.candidate.runs)."
        if let alpha = r.alpha, let m = r.familySize { out += " \(m) failure-rate tests, one-sided α = \(format(alpha)), Holm-adjusted." }
        out += " \(Self.cell(input.textLine.prefix(1).uppercased() + input.textLine.dropFirst())).\n"
        return out
    }

    /// Escapes text for a table cell: pipes and newlines would break the row.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Escapes `<`, `>` and `&` so user text cannot open HTML in the summary.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func code(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'") }
}
