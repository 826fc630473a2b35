import Foundation

/// The tokens and cost of a check, as the text and Markdown reports show them.
extension TokenComparison {
    /// The text table of the steps compared, a line for the steps skipped, and the cost.
    var text: TerminalText? {
        var out: TerminalText = ""
        if !steps.isEmpty {
            var table = TextTable([("tokens", .left), ("records", .right), ("ratio", .right), ("interval", .left), ("adj. p", .right), ("verdict", .left)])
            for e in steps {
                table.add([ReportFormat.clip(e.step, 12), "\(e.baselineCount) → \(e.candidateCount)", "×\(ReportFormat.ratio(e.ratio))",
                           ReportFormat.ratioInterval(e.ratioLow, e.ratioHigh), ReportFormat.shortP(e.adjustedPValue), ReportFormat.shortVerdict(e.verdict)])
            }
            out += table.render()
        }
        if !skipped.isEmpty { out += ReportFormat.wrap("tokens not compared (no token counts, or only 0, on a side): \(skipped.joined(separator: ", "))", indent: "  ", hanging: "    ") }
        if let c = cost {
            out += ReportFormat.wrap("cost per run: \(c.summary)", indent: "  ", hanging: "    ")
            for s in c.steps { out += "    \(ReportFormat.clip(s.step, 20)): \(CostComparison.money(s.baselinePerRun)) → \(CostComparison.money(s.candidatePerRun))\(CostComparison.change(s.baselinePerRun, s.candidatePerRun))\n" }
        }
        return out.string.isEmpty ? nil : out
    }

    /// The Markdown table and lines.
    var markdown: MarkdownText {
        var out: MarkdownText = ""
        if !steps.isEmpty {
            out += "\n| Tokens | Records | Ratio | Interval | adj. p | Verdict |\n|---|---:|---:|---|---:|---|\n"
            for e in steps {
                out += "| \(e.step) | \(e.baselineCount) → \(e.candidateCount) | ×\(trusted: ReportFormat.ratio(e.ratio)) | \(trusted: ReportFormat.ratioInterval(e.ratioLow, e.ratioHigh)) | \(trusted: ReportFormat.shortP(e.adjustedPValue)) | \(e.verdict.rawValue) |\n"
            }
        }
        if !skipped.isEmpty {
            out += "\nTokens not compared (no token counts, or only 0, on a side): \(MarkdownText.joined(skipped.map { "\($0)" }, separator: ", ")).\n"
        }
        if let c = cost {
            out += "\nCost per run: \(c.summary).\n"
            if !c.steps.isEmpty {
                out += "\n| Step | Cost per run (baseline → candidate) |\n|---|---:|\n"
                for s in c.steps { out += "| \(s.step) | \(CostComparison.money(s.baselinePerRun)) → \(CostComparison.money(s.candidatePerRun))\(CostComparison.change(s.baselinePerRun, s.candidatePerRun)) |\n" }
            }
        }
        return out
    }
}

extension CostComparison {
    /// "0.0021 → 0.0032 (+52 %)", with the models that have no price.
    var summary: String {
        var text = "\(Self.money(baselinePerRun)) → \(Self.money(candidatePerRun))\(Self.change(baselinePerRun, candidatePerRun))"
        if !unpricedModels.isEmpty { text += "; no price for \(unpricedModels.joined(separator: ", "))" }
        return text
    }

    static func money(_ v: Double?) -> String { v.map { String(format: "%.4g", $0) } ?? "—" }

    static func change(_ b: Double?, _ c: Double?) -> String {
        guard let b, let c, b > 0 else { return "" }
        return String(format: " (%+.0f %%)", (c / b - 1) * 100)
    }
}
