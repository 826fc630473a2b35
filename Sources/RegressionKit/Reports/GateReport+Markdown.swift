import Foundation

/// The `check --format markdown` report: GitHub-flavoured, fit for `$GITHUB_STEP_SUMMARY`.
extension GateReport {
    /// The report as Markdown.
    func markdown() -> String {
        let r = result
        let icon: String
        switch r.verdict {
        case .pass: icon = "✅"
        case .insufficientData: icon = "❔"
        case .warning: icon = "⚠️"
        case .regressionDetected: icon = "❌"
        }
        var out: MarkdownText = "### \(icon) \(r.verdict.rawValue): \(trusted: MarkdownEscaping.codeSpan(r.candidate.version)) vs baseline \(trusted: MarkdownEscaping.codeSpan(r.baseline.version))\n\n"
        out += "Policy \(trusted: MarkdownEscaping.codeSpan(r.policy)):\n\n"
        for reason in r.reasons { out += "- \(reason)\n" }
        out += "\n"
        let evidence = r.overallEvidence != nil
        out += evidence
            ? "| Step | Baseline | Candidate | Raw Δ | Estimate | Interval (pp) | adj. p | Verdict |\n|---|---:|---:|---:|---:|---|---:|---|\n"
            : "| Step | Baseline | Candidate | Δ | Verdict |\n|---|---:|---:|---:|---|\n"
        func row(_ name: MarkdownText, _ b: StepCounts?, _ c: StepCounts?, _ delta: Double?, _ e: FailureRateEvidence?, _ verdict: MarkdownText) -> MarkdownText {
            var cells: [MarkdownText] = [name, "\(ReportFormat.rate(b))", "\(ReportFormat.rate(c))", "\(ReportFormat.pp(delta))"]
            if evidence {
                cells += [e.map { "\(ReportFormat.pp($0.estimatePP))" } ?? "", e.map { "[\(ReportFormat.signed($0.ciLowPP)), \(ReportFormat.signed($0.ciHighPP))]" } ?? "", e.map { "\(trusted: ReportFormat.shortP($0.adjustedPValue))" } ?? ""]
            }
            return "| \(MarkdownText.joined(cells + [verdict], separator: " | ")) |\n"
        }
        out += row("**overall**", r.baseline.judged, r.candidate.judged, r.deltaPP, r.overallEvidence, "**\((r.overallVerdict ?? r.verdict).rawValue)**")
        for s in r.steps {
            var verdict: MarkdownText = "\(s.verdict.rawValue)"
            if let note = s.note { verdict += " — \(note)" }
            out += row("\(s.step)", s.baseline, s.candidate, s.deltaPP, s.note == nil ? s.evidence : nil, verdict)
        }
        if let designs = r.estimateDesigns {
            out += "\nEstimate: the rise each verdict rests on, with its interval (\(designs)). Raw Δ: the candidate's rate minus the baseline's.\n"
        }
        let latency = r.steps.compactMap { s in s.latency.map { (s.step, $0) } }
        if !latency.isEmpty {
            out += "\n| Latency | Slowdown | Interval | p95 ms (baseline → candidate) | adj. p | Verdict |\n|---|---:|---|---:|---:|---|\n"
            for (name, l) in latency {
                let p95 = l.p95Verdict == .insufficientData ? "INSUFFICIENT_DATA" :
                    String(format: "%.0f → %.0f", l.baselineP95PointMS ?? 0, l.candidateP95PointMS ?? 0)
                out += "| \(name) | ×\(String(format: "%.2f", l.slowdownRatio)) | \(trusted: ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh)) | \(p95) | \(trusted: ReportFormat.shortP(l.adjustedPValue)) | \(l.verdict.rawValue) |\n"
            }
        }
        out += "\n"
        if let c = r.caseChanges {
            out += "Cases run by both: \(c.compared); **\(c.newlyFailing.count) newly failing**, \(c.newlyFixed.count) newly fixed.\n\n"
            for (label, keys) in [("Newly failing cases", c.newlyFailing), ("Newly fixed cases", c.newlyFixed)] where !keys.isEmpty {
                out += "<details><summary>\(label) (\(keys.count))</summary>\n\n"
                for key in keys { out += "- \(key)\n" }
                out += "\n</details>\n\n"
            }
        }
        if let worst = r.worstStep { out += "Worst step: **\(worst)** (\(ReportFormat.pp(r.worstStepDeltaPP))\(evidence ? " raw Δ" : "")). " }
        out += "Runs: baseline \(r.baseline.runs), candidate \(r.candidate.runs)."
        if let alpha = r.alpha, let m = r.familySize { out += " \(m) failure-rate tests, one-sided α = \(format(alpha)), Holm-adjusted." }
        out += " \(input.textLine.prefix(1).uppercased() + input.textLine.dropFirst()).\n"
        if let llm { out += llm.markdown }
        return out.string
    }
}
