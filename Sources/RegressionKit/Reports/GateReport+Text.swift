import Foundation

/// The `check --format text` report: verdict first, then a table that fits 80 columns.
///
/// ```
/// REGRESSION_DETECTED: v3 vs baseline v2 (policy: thresholds)
///   the step failure rate rose 12.3 pp, more than the 10 pp limit
///
///   step        baseline           candidate          delta     verdict
///   overall     6.4 % (70/1100)    18.7 % (205/1096)  +12.3 pp  REGRESSION_DETECTED
///   ...
/// ```
extension GateReport {
    /// The report as terminal text.
    public func text() -> String {
        let r = result
        var out = "\(r.verdict.rawValue): \(r.candidate.version) vs baseline \(r.baseline.version) (policy: \(r.policy))\n"
        for reason in r.reasons { out += "  \(reason)\n" }
        out += "\n"
        var table = TextTable([("step", .left), ("baseline", .right), ("candidate", .right), ("delta", .right), ("verdict", .left)])
        table.add(["overall",
                   ReportFormat.rate(StepCounts(total: r.baseline.steps, failed: r.baseline.failed)),
                   ReportFormat.rate(StepCounts(total: r.candidate.steps, failed: r.candidate.failed)),
                   ReportFormat.pp(r.deltaPP), r.verdict.rawValue])
        for s in r.steps {
            var verdict = s.verdict.rawValue
            if s.presence != .both { verdict += s.presence == .baselineOnly ? " (missing)" : " (new)" }
            table.add([ReportFormat.clip(s.step, 16), ReportFormat.rate(s.baseline), ReportFormat.rate(s.candidate),
                       ReportFormat.pp(s.deltaPP), verdict])
        }
        out += table.render()
        for s in r.steps where s.note != nil && s.presence == .both {
            out += "  \(s.step): \(s.note!)\n"
        }
        out += "\n"
        if let worst = r.worstStep {
            out += "worst step: \(worst) (\(ReportFormat.pp(r.worstStepDeltaPP)))\n"
        }
        out += "runs: baseline \(r.baseline.runs) (\(ReportFormat.percent(r.baseline.runFailureRate)) failed), candidate \(r.candidate.runs) (\(ReportFormat.percent(r.candidate.runFailureRate)) failed)\n"
        out += input.textLine + "\n"
        return out
    }
}

extension LogReadSummary {
    /// "read 3000 records from fixtures/requests.jsonl (0 bad lines skipped)".
    var textLine: String {
        let files = sources.joined(separator: ", ")
        var line = "read \(records) record\(records == 1 ? "" : "s") from \(files)"
        if badLines > 0 { line += " (\(badLines) bad line\(badLines == 1 ? "" : "s") skipped, see stderr)" }
        return line
    }
}
