import Foundation

/// The findings of a verdict as short lines: what a failing test prints under the verdict.
///
/// ```
/// citation: 10.0 % → 60.0 % of runs failed (+50.0 pp, interval [+36.9, +61.4], adj. p < 0.0001): REGRESSION_DETECTED
/// generation latency: ×1.32 (interval ×1.22 to ×1.40, p95 3396 → 4404 ms, adj. p < 0.0001): REGRESSION_DETECTED
/// newly failing cases (3 of 120): "q 7", "q 19", "q 23"
/// ```
extension GateResult {
    /// One line per metric that did not pass (the overall rate, each step, each latency), most
    /// important first, then the newly failing cases; empty for a clean PASS.
    public var findings: [String] {
        var lines: [String] = []
        let overall = overallVerdict ?? verdict
        let unit = overallEvidence == nil ? "step records" : "runs"
        if overall != .pass {
            let label = overallEvidence == nil ? "step failure rate" : "run failure rate"
            lines.append(Self.line(label, baseline.judged, candidate.judged, unit: unit, deltaPP: deltaPP,
                                   evidence: overallEvidence, verdict: overall, note: nil))
        }
        for step in steps where step.verdict != .pass {
            if step.presence == .both, overallEvidence != nil, step.evidence == overallEvidence, step.note != nil { continue }   // tested as the overall rate
            lines.append(Self.line(step.step, step.baseline, step.candidate, unit: unit, deltaPP: step.deltaPP,
                                   evidence: step.evidence, verdict: step.verdict, note: step.note))
        }
        for step in steps {
            guard let l = step.latency, l.verdict != .pass else { continue }
            var detail = "×\(ReportFormat.ratio(l.slowdownRatio)) (interval ×\(ReportFormat.ratio(l.ratioLow)) to ×\(ReportFormat.ratio(l.ratioHigh))"
            if let b = l.baselineP95PointMS, let c = l.candidateP95PointMS { detail += String(format: ", p95 %.0f → %.0f ms", b, c) }
            lines.append("\(step.step) latency: \(detail), adj. p \(pText(l.adjustedPValue))): \(l.verdict.rawValue)")
        }
        if let cases = caseChanges, !cases.newlyFailing.isEmpty {
            let shown = cases.newlyFailing.prefix(5).map { "\"\(ReportFormat.clip(ReportFormat.oneLine($0), 40))\"" }
            let more = cases.newlyFailing.count > 5 ? ", …" : ""
            lines.append("newly failing cases (\(cases.newlyFailing.count) of \(cases.compared)): \(shown.joined(separator: ", "))\(more)")
        }
        return lines
    }

    private static func line(_ label: String, _ b: StepCounts?, _ c: StepCounts?, unit: String, deltaPP: Double?,
                             evidence e: FailureRateEvidence?, verdict: Verdict, note: String?) -> String {
        let rates: String
        switch (b, c) {
        case let (b?, c?): rates = "\(ReportFormat.percent(b.rate)) → \(ReportFormat.percent(c.rate)) of \(unit) failed"
        case let (nil, c?): rates = "\(ReportFormat.percent(c.rate)) of \(unit) failed, a new step"
        case let (b?, nil): rates = "\(ReportFormat.percent(b.rate)) of \(unit) failed in the baseline, not run now"
        default: rates = "no runs"
        }
        var details: [String] = []
        if let deltaPP { details.append("\(ReportFormat.signed(deltaPP)) pp") }
        if let e {
            details.append("interval [\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))]")
            details.append("adj. p \(pText(e.adjustedPValue))")
        }
        var line = "\(label): \(rates)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))") + ": \(verdict.rawValue)"
        if verdict == .insufficientData || verdict == .warning, let advice = e?.settlingAdvice { line += "; \(advice)" }
        if let note { line += " (\(note))" }
        return line
    }
}
