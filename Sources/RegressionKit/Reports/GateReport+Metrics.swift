import Foundation

/// One judged metric as the CI-facing reports list it: a JUnit test case, a GitHub annotation.
///
/// `verdict` is what the metric contributes to the gate: its own verdict, capped at the gate's.
/// They differ only under `thresholds`, where a step's verdict is informational unless the
/// step broke its maximum: a step that rose 12 pp while the overall rate rose 4 pp shows as a
/// PASS contribution, so a CI's test tab never shows a failure for a gate that passed.
struct ReportedMetric: Equatable {
    /// `overall run failure rate`, `citation failure rate`, `generation latency`.
    var name: String
    /// The verdict the metric contributes to the gate (see above).
    var verdict: Verdict
    /// The metric's own verdict, as the JSON report gives it.
    var ownVerdict: Verdict
    /// One line with the numbers: rates, counts, change, interval, adjusted p.
    var summary: String
    /// Further lines: notes, how many runs would settle it, cases.
    var details: [String] = []
}

extension GateReport {
    /// The gate itself: its verdict, every reason, and the cases that newly fail.
    var gateMetric: ReportedMetric {
        let r = result
        var gate = ReportedMetric(name: "gate verdict", verdict: r.verdict, ownVerdict: r.verdict,
                                  summary: "\(r.candidate.version) vs baseline \(r.baseline.version) (policy \(r.policy))")
        gate.details = r.reasons
        if let c = r.caseChanges, !c.newlyFailing.isEmpty {
            gate.details.append("newly failing cases (\(c.newlyFailing.count) of \(c.compared) run by both):")
            gate.details += c.newlyFailing.map { "  " + $0 }
        }
        return gate
    }

    /// The must-pass cases that failed and the cases below the minimum pass rate (each a
    /// regression), the overall rate, then each step's failure rate, latency and tokens.
    var reportedMetrics: [ReportedMetric] {
        let r = result
        var metrics: [ReportedMetric] = []
        for reason in r.explanation {
            switch reason {
            case let .mustPassFailed(key, _, _), let .casePassRateBelow(key, _, _, _):
                metrics.append(ReportedMetric(name: "case \(key)", verdict: .regressionDetected, ownVerdict: .regressionDetected, summary: reason.sentence))
            default: break
            }
        }
        let overallName = r.overallEvidence == nil ? "overall step failure rate" : "overall run failure rate"
        var overall = ReportedMetric(
            name: overallName, verdict: r.overallVerdict ?? r.verdict, ownVerdict: r.overallVerdict ?? r.verdict,
            summary: Self.rateSummary(overallName, r.baseline.judged, r.candidate.judged, r.deltaPP, r.overallEvidence))
        if let advice = r.overallEvidence?.settlingAdvice, [.insufficientData, .warning].contains(overall.ownVerdict) {
            overall.details.append(advice)
        }
        metrics.append(overall)
        for s in r.steps {
            let name = "\(s.step) failure rate"
            var metric = ReportedMetric(name: name, verdict: min(s.verdict, r.verdict), ownVerdict: s.verdict,
                                        summary: Self.rateSummary(name, s.baseline, s.candidate, s.deltaPP, s.note == nil ? s.evidence : nil))
            if let note = s.note { metric.details.append(note) }
            if let advice = s.evidence?.settlingAdvice, [.insufficientData, .warning].contains(s.verdict) {
                metric.details.append(advice)
            }
            if r.overallEvidence == nil, s.verdict > metric.verdict {
                metric.details.append("informational: under the thresholds policy only the overall rate (and a step's maximum) decides")
            }
            metrics.append(metric)
        }
        for s in r.steps {
            guard let l = s.latency else { continue }
            metrics.append(ReportedMetric(name: "\(s.step) latency", verdict: min(l.verdict, r.verdict), ownVerdict: l.verdict,
                                          summary: Self.latencySummary("\(s.step) latency", l)))
        }
        for t in r.tokens?.steps ?? [] {
            metrics.append(ReportedMetric(name: "\(t.step) tokens", verdict: min(t.verdict, r.verdict), ownVerdict: t.verdict,
                                          summary: "\(t.step) tokens per record ×\(ReportFormat.ratio(t.ratio)) \(ReportFormat.ratioInterval(t.ratioLow, t.ratioHigh)), adj. p \(pText(t.adjustedPValue))"))
        }
        return metrics
    }

    /// "citation failure rate 8.0 % (21/263) → 24.8 % (57/230), estimate +17.8 pp [+8.0, +27.7]
    /// (paired by case, clustered), adj. p < 0.0001": with evidence, the estimate the verdict rests
    /// on beside its interval; without (`thresholds`), the raw difference "+16.8 pp" it rests on.
    static func rateSummary(_ name: String, _ b: StepCounts?, _ c: StepCounts?, _ delta: Double?, _ e: FailureRateEvidence?) -> String {
        var text = "\(name) \(ReportFormat.rate(b)) → \(ReportFormat.rate(c))"
        if let e {
            text += ", estimate \(ReportFormat.pp(e.estimatePP)) [\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))]"
            text += " (\(e.design.inWords)), adj. p \(pText(e.adjustedPValue))"
        } else if let delta {
            text += ", \(ReportFormat.pp(delta))"
        }
        return text
    }

    /// "generation latency ×1.32 [1.22, 1.40], p95 3396 → 4404 ms, adj. p < 0.0001".
    static func latencySummary(_ name: String, _ l: LatencyEvidence) -> String {
        var text = "\(name) ×\(ReportFormat.ratio(l.slowdownRatio)) \(ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh))"
        if let b = l.baselineP95PointMS, let c = l.candidateP95PointMS {
            text += String(format: ", p95 %.0f → %.0f ms", b, c)
        }
        return text + ", adj. p \(pText(l.adjustedPValue))"
    }
}
