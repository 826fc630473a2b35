import Foundation

/// The findings of a verdict as short lines: what a failing test prints under the verdict.
///
/// ```
/// citation: 10.0 % → 60.0 % of runs failed (estimate +50.0 pp, interval [+36.9, +61.4], adj. p < 0.0001): REGRESSION_DETECTED
/// generation latency: ×1.32 (interval ×1.22 to ×1.40, p95 3396 → 4404 ms, adj. p < 0.0001): REGRESSION_DETECTED
/// newly failing cases (3 of 120): "q 7", "q 19", "q 23"
/// estimates: paired by case, clustered
/// ```
///
/// Beside an interval stands the estimate the verdict rests on (`FailureRateEvidence.estimatePP`),
/// not the raw difference of the two rates; the last line says which design made the estimates.
extension GateResult {
    /// One line per must-pass case that failed or was not run, then one per metric that did not
    /// pass (the overall rate, each step, each latency), most important first, then the newly failing cases, then the design of the estimates shown;
    /// empty for a clean PASS. Names from the logs are shown with their hidden characters escaped
    /// (a line break as `\n`, a bidi override as `\u{202E}`), so each finding is one line.
    public var findings: [String] {
        var lines: [TerminalText] = []
        var estimated = false   // whether a line shows an estimate, so the design is said
        let overall = overallVerdict ?? verdict
        let unit = overallEvidence == nil ? "step records" : "runs"
        // Must-pass cases first: they decide whatever the rates say.
        for f in mustPass?.failed ?? [] {
            lines.append("must-pass case \"\(ReportFormat.clip(f.caseKey, 60))\": \(f.failedRuns) of \(f.runs) run\(f.runs == 1 ? "" : "s") failed: REGRESSION_DETECTED")
        }
        for key in mustPass?.notRun ?? [] {
            lines.append("must-pass case \"\(ReportFormat.clip(key, 60))\": not run: WARNING")
        }
        for case let .casePassRateBelow(key, b, c, minimum) in explanation {
            lines.append("case \"\(ReportFormat.clip(key, 60))\": passes \(ReportFormat.percent(c)) of runs (baseline \(ReportFormat.percent(b))), below the minimum of \(ReportFormat.percent(minimum)): REGRESSION_DETECTED")
        }
        if overall != .pass {
            let label = overallEvidence == nil ? "step failure rate" : "run failure rate"
            estimated = estimated || overallEvidence != nil
            lines.append(Self.line(label, baseline.judged, candidate.judged, unit: unit, deltaPP: deltaPP,
                                   evidence: overallEvidence, verdict: overall, note: nil))
        }
        for step in steps where step.verdict != .pass {
            if step.presence == .both, overallEvidence != nil, step.evidence == overallEvidence, step.note != nil { continue }   // tested as the overall rate
            estimated = estimated || step.evidence != nil
            lines.append(Self.line(step.step, step.baseline, step.candidate, unit: unit, deltaPP: step.deltaPP,
                                   evidence: step.evidence, verdict: step.verdict, note: step.note))
        }
        for step in steps {
            guard let l = step.latency, l.verdict != .pass else { continue }
            var detail = "×\(ReportFormat.ratio(l.slowdownRatio)) (interval ×\(ReportFormat.ratio(l.ratioLow)) to ×\(ReportFormat.ratio(l.ratioHigh))"
            if let b = l.baselineP95PointMS, let c = l.candidateP95PointMS { detail += String(format: ", p95 %.0f → %.0f ms", b, c) }
            lines.append("\(step.step) latency: \(detail), adj. p \(pText(l.adjustedPValue))): \(l.verdict.rawValue)")
        }
        for t in tokens?.steps ?? [] where t.verdict != .pass {
            lines.append("\(t.step) tokens: ×\(ReportFormat.ratio(t.ratio)) (interval ×\(ReportFormat.ratio(t.ratioLow)) to ×\(ReportFormat.ratio(t.ratioHigh)), adj. p \(pText(t.adjustedPValue))): \(t.verdict.rawValue)")
        }
        if let cases = caseChanges, !cases.newlyFailing.isEmpty {
            let shown: [TerminalText] = cases.newlyFailing.prefix(5).map { "\"\(ReportFormat.clip($0, 40))\"" }
            let more = cases.newlyFailing.count > 5 ? ", …" : ""
            lines.append("newly failing cases (\(cases.newlyFailing.count) of \(cases.compared)): \(TerminalText.joined(shown, separator: ", "))\(more)")
        }
        let active = quarantined.filter { !$0.expired }
        if !active.isEmpty {
            let shown: [TerminalText] = active.prefix(5).map { "\"\(ReportFormat.clip($0.caseKey, 40))\" until \($0.until)" }
            lines.append("quarantined, left out of every test: \(TerminalText.joined(shown, separator: ", "))\(active.count > 5 ? ", …" : "")")
        }
        if estimated, let designs = estimateDesigns {
            lines.append("estimates: \(designs)")
        }
        return lines.map(\.string)
    }

    private static func line(_ label: String, _ b: StepCounts?, _ c: StepCounts?, unit: String, deltaPP: Double?,
                             evidence e: FailureRateEvidence?, verdict: Verdict, note: String?) -> TerminalText {
        let rates: String
        switch (b, c) {
        case let (b?, c?): rates = "\(ReportFormat.percent(b.rate)) → \(ReportFormat.percent(c.rate)) of \(unit) failed"
        case let (nil, c?): rates = "\(ReportFormat.percent(c.rate)) of \(unit) failed, a new step"
        case let (b?, nil): rates = "\(ReportFormat.percent(b.rate)) of \(unit) failed in the baseline, not run now"
        default: rates = "no runs"
        }
        var details: [String] = []
        if e == nil, let deltaPP { details.append("\(ReportFormat.signed(deltaPP)) pp") }   // thresholds: the raw difference decides
        if let e {
            details.append("estimate \(ReportFormat.signed(e.estimatePP)) pp")
            details.append("interval [\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))]")
            details.append("adj. p \(pText(e.adjustedPValue))")
        }
        var line: TerminalText = "\(label): \(rates)\(details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"): \(verdict.rawValue)"
        if verdict == .insufficientData || verdict == .warning, let advice = e?.settlingAdvice { line += "; \(advice)" }
        if let note { line += " (\(note))" }
        return line
    }
}
