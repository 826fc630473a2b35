import Foundation

/// The pull-request comment: verdict first, then the findings that decided it, each number once.
extension GateSummary {
    /// The most newly failing cases a comment lists; the rest are counted.
    package static let maxListedCases = 10
    /// The most steps each table lists (the most severe first); the rest are counted. With
    /// `maxShownCharacters`, this keeps a comment well under GitHub's 65 536 characters
    /// whatever the report holds.
    package static let maxListedSteps = 25
    /// The most characters of one name or case shown; longer ones end in "…".
    static let maxShownCharacters = 120

    /// `text` cut to `maxShownCharacters` before it is escaped, so no escape is ever halved.
    static func clipped(_ text: String) -> String {
        text.count <= maxShownCharacters ? text : String(text.prefix(maxShownCharacters)) + "…"
    }

    /// The comment's Markdown, starting with `marker` (its hidden first line). Every string from
    /// the report (versions, policy, step names, cases, notes) is escaped for Markdown and HTML
    /// and can neither mention anyone nor make a link (`MarkdownEscaping`). `runURL`, the CI
    /// run's page, is linked when known.
    package func comment(marker: String, runURL: String?) -> String {
        let icon: String
        switch verdict {
        case .pass: icon = "✅"
        case .insufficientData: icon = "❔"
        case .warning: icon = "⚠️"
        case .regressionDetected: icon = "❌"
        }
        var out = MarkdownText(trusted: marker + "\n")
        out += "### \(icon) regress-gate: \(verdict.rawValue)\n\n"
        out += "Candidate \(trusted: MarkdownEscaping.codeSpan(candidate)) (\(candidateRuns) runs) against baseline \(trusted: MarkdownEscaping.codeSpan(baseline)) (\(baselineRuns) runs), policy \(trusted: MarkdownEscaping.codeSpan(policy)).\n\n"
        if verdict == .pass {
            out += "The gate passes: no step's failure rate or latency regressed.\n\n"
        }
        if !rates.isEmpty {
            out += "| Failure rate | Δ | Interval (pp) | adj. p | Verdict |\n|---|---:|---|---:|---|\n"
            // Stable: equally severe steps keep the report's order.
            let ordered = rates.enumerated().sorted { ($0.element.name == nil ? 1 : 0, $0.element.verdict, -$0.offset) > ($1.element.name == nil ? 1 : 0, $1.element.verdict, -$1.offset) }.map(\.element)
            for f in ordered.prefix(Self.maxListedSteps + 1) {
                let name: MarkdownText = f.name.map { "\(Self.clipped($0))" } ?? "**overall (runs)**"
                let interval: MarkdownText = f.ciLowPP.flatMap { low in f.ciHighPP.map { "[\(ReportFormat.signed(low)), \(ReportFormat.signed($0))]" } } ?? "—"
                var verdictCell: MarkdownText = "\(f.verdict.rawValue)"
                if let note = f.note { verdictCell += " — \(Self.clipped(note))" }
                out += "| \(name) | \(ReportFormat.pp(f.deltaPP)) | \(interval) | \(trusted: f.adjustedP.map(ReportFormat.shortP) ?? "—") | \(verdictCell) |\n"
            }
            if ordered.count > Self.maxListedSteps + 1 { out += "\n… and \(ordered.count - Self.maxListedSteps - 1) more steps that did not pass (see the reports).\n" }
            out += "\n"
        }
        if !latency.isEmpty {
            out += "| Latency | Slowdown | Interval | adj. p | Verdict |\n|---|---:|---|---:|---|\n"
            for l in latency.sorted(by: { $0.verdict > $1.verdict }).prefix(Self.maxListedSteps) {
                out += "| \(Self.clipped(l.step)) | ×\(String(format: "%.2f", l.slowdown)) | \(trusted: ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh)) | \(trusted: ReportFormat.shortP(l.adjustedP)) | \(l.verdict.rawValue) |\n"
            }
            if latency.count > Self.maxListedSteps { out += "\n… and \(latency.count - Self.maxListedSteps) more slower steps (see the reports).\n" }
            out += "\n"
        }
        let settling = rates.filter { $0.verdict == .insufficientData || $0.verdict == .warning }.compactMap { f in f.candidateRunsNeeded.map { (f.name, $0) } }
        for (name, runs) in settling.prefix(Self.maxListedSteps) {
            let what: MarkdownText = name.map { "\(trusted: MarkdownEscaping.codeSpan(Self.clipped($0)))" } ?? "the overall rate"
            out += "- \(what): about \(runs) candidate runs would settle it.\n"
        }
        if !settling.isEmpty { out += "\n" }
        if let compared = casesCompared, !newlyFailing.isEmpty {
            out += "**\(newlyFailing.count) newly failing** of \(compared) cases run by both:\n\n"
            for key in newlyFailing.prefix(Self.maxListedCases) { out += "- \(Self.clipped(key))\n" }
            if newlyFailing.count > Self.maxListedCases { out += "- … and \(newlyFailing.count - Self.maxListedCases) more (see the reports)\n" }
            out += "\n"
        }
        var footer: MarkdownText = "<sub>Read \(records) records from \(files) file\(trusted: files == 1 ? "" : "s")"
        if badLines > 0 { footer += ", \(badLines) bad lines skipped" }
        footer += "."
        if let runURL, let url = URL(string: runURL), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
            footer += " [The run](\(trusted: Self.linkDestination(runURL)))."
        }
        out += footer + "</sub>\n"
        return out.string
    }

    /// A URL as a Markdown link destination: in `<…>`, with what would end it percent-encoded.
    static func linkDestination(_ url: String) -> String {
        var out = "<"
        for scalar in url.unicodeScalars {
            switch scalar {
            case "<", ">", " ", "\\", "\n", "\r": out += String(format: "%%%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + ">"
    }
}
