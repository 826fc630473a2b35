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
        out += "Policy `\(r.policy)`: " + r.reasons.joined(separator: "; ") + ".\n\n"
        out += "| Step | Baseline | Candidate | Δ | Verdict |\n|---|---:|---:|---:|---|\n"
        out += "| **overall** | \(ReportFormat.rate(StepCounts(total: r.baseline.steps, failed: r.baseline.failed))) | \(ReportFormat.rate(StepCounts(total: r.candidate.steps, failed: r.candidate.failed))) | \(ReportFormat.pp(r.deltaPP)) | **\(r.verdict.rawValue)** |\n"
        for s in r.steps {
            var verdict = s.verdict.rawValue
            if let note = s.note { verdict += " — \(Self.cell(note))" }
            out += "| \(Self.cell(s.step)) | \(ReportFormat.rate(s.baseline)) | \(ReportFormat.rate(s.candidate)) | \(ReportFormat.pp(s.deltaPP)) | \(verdict) |\n"
        }
        out += "\n"
        if let worst = r.worstStep { out += "Worst step: **\(Self.cell(worst))** (\(ReportFormat.pp(r.worstStepDeltaPP))). " }
        out += "Runs: baseline \(r.baseline.runs), candidate \(r.candidate.runs). \(Self.cell(input.textLine.prefix(1).uppercased() + input.textLine.dropFirst())).\n"
        return out
    }

    /// Escapes text for a table cell: pipes and newlines would break the row.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func code(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'") }
}
