import Foundation

/// The `check --format text` report: verdict first, reasons, then a table that fits 80 columns.
///
/// ```
/// REGRESSION_DETECTED: v3 vs baseline v2 (policy: statistical)
///   the run failure rate rose +22.64 pp [13.42, 31.86], adjusted p < 0.0001: ...
///
///   step        baseline  candidate   est.  interval (pp)   adj. p  verdict
///   overall       24.3 %     47.0 %  +22.6  [+13.3, +32.0]  <.0001  REGRESSION
///   ...
///   est.: the estimated rise each verdict rests on; paired by case, clustered
/// ```
///
/// Under `statistical` the column beside each interval is the estimate the verdict rests on
/// (`FailureRateEvidence.estimatePP`), which a paired or clustered design can set apart from
/// the raw difference of the two rates shown left of it; the line under the table names the
/// design. Under `thresholds` the verdict rests on the raw difference, and `delta` shows it.
extension GateReport {
    /// Reasons the text report shows before "… and N more".
    static let reasonsShown = 12

    /// The report as terminal text (what `regress-gate check` prints); with `color`, the verdict word in ANSI colour.
    public func text(color: Bool = false) -> String {
        let r = result
        let verdict = color ? TerminalText(trusted: TerminalStyle.colored(r.verdict)) : "\(r.verdict.rawValue)"
        var out: TerminalText = "\(verdict): \(r.candidate.version) vs baseline \(r.baseline.version) (policy: \(r.policy))\n"
        // The most important come first; a long list is cut, and JSON keeps every one.
        let shown = r.reasons.count > Self.reasonsShown + 1 ? Self.reasonsShown : r.reasons.count
        for reason in r.reasons.prefix(shown) { out += ReportFormat.wrap("\(reason)", indent: "  ", hanging: "    ") }
        if shown < r.reasons.count { out += "  … and \(r.reasons.count - shown) more (all of them in the JSON report)\n" }
        out += "\n"
        out += r.overallEvidence == nil ? thresholdsTable() : evidenceTable()
        for s in r.steps where s.note != nil && s.presence == .both && r.overallEvidence == nil {
            out += "  \(s.step): \(s.note!)\n"
        }
        if let latency = latencyTable() { out += "\n" + latency }
        if let cases = r.caseChanges { out += "\n" + Self.caseLines(cases) }
        out += "\n"
        if let worst = r.worstStep {
            let raw = r.overallEvidence == nil ? "" : " raw difference"
            out += "worst step: \(worst) (\(ReportFormat.pp(r.worstStepDeltaPP))\(raw))\n"
        }
        out += "runs: baseline \(r.baseline.runs) (\(ReportFormat.percent(r.baseline.runFailureRate)) failed), candidate \(r.candidate.runs) (\(ReportFormat.percent(r.candidate.runFailureRate)) failed)\n"
        if let alpha = r.alpha, let m = r.familySize {
            let design = r.overallEvidence.map { "; \(Self.designText($0))" } ?? ""
            out += ReportFormat.wrap("tests: \(m) failure rate\(m == 1 ? "" : "s"), one-sided alpha \(format(alpha)), Holm-adjusted\(design)", indent: "", hanging: "  ")
        }
        out += "\(input.textLine)\n"
        if let llm { out += llm.text }
        return out.string
    }

    private func thresholdsTable() -> TerminalText {
        let r = result
        var table = TextTable([("step", .left), ("baseline", .right), ("candidate", .right), ("delta", .right), ("verdict", .left)])
        table.add(["overall", ReportFormat.rate(r.baseline.judged), ReportFormat.rate(r.candidate.judged),
                   ReportFormat.pp(r.deltaPP), r.verdict.rawValue])
        for s in r.steps {
            var verdict = s.verdict.rawValue
            if s.presence != .both { verdict += s.presence == .baselineOnly ? " (missing)" : " (new)" }
            table.add([ReportFormat.clip(s.step, 16), ReportFormat.rate(s.baseline), ReportFormat.rate(s.candidate),
                       ReportFormat.pp(s.deltaPP), verdict])
        }
        return table.render()
    }

    private func evidenceTable() -> TerminalText {
        let r = result
        var table = TextTable([("step", .left), ("baseline", .right), ("candidate", .right), ("est.", .right),
                               ("interval (pp)", .left), ("adj. p", .right), ("verdict", .left)])
        func row(_ name: String, _ b: StepCounts?, _ c: StepCounts?, _ e: FailureRateEvidence?, _ v: Verdict, _ interval: String? = nil) {
            table.add([ReportFormat.clip(name, 12), b.map { ReportFormat.percent($0.rate) } ?? "—", c.map { ReportFormat.percent($0.rate) } ?? "—",
                       e.map { ReportFormat.signed($0.estimatePP) } ?? "—",
                       interval ?? e.map { "[\(ReportFormat.signed($0.ciLowPP)), \(ReportFormat.signed($0.ciHighPP))]" } ?? "",
                       e.map { ReportFormat.shortP($0.adjustedPValue) } ?? "",
                       ReportFormat.shortVerdict(v)])
        }
        row("overall", r.baseline.judged, r.candidate.judged, r.overallEvidence, r.overallVerdict ?? r.verdict)
        for s in r.steps {
            switch s.presence {
            case .both where s.note != nil: row(s.step, s.baseline, s.candidate, nil, s.verdict, "same as overall")
            case .both: row(s.step, s.baseline, s.candidate, s.evidence, s.verdict)
            case .baselineOnly: row(s.step, s.baseline, nil, nil, s.verdict, "candidate lacks it")
            case .candidateOnly: row(s.step, nil, s.candidate, nil, s.verdict, "new step")
            }
        }
        var out = table.render()
        if let designs = r.estimateDesigns {
            out += ReportFormat.wrap("est.: the estimated rise each verdict rests on; \(designs)", indent: "  ", hanging: "    ")
        }
        return out
    }

    private func latencyTable() -> TerminalText? {
        let rows = result.steps.compactMap { s in s.latency.map { (s.step, $0) } }
        guard !rows.isEmpty else { return nil }
        var table = TextTable([("latency", .left), ("slowdown", .right), ("interval", .left), ("p95 ms", .right), ("adj. p", .right), ("verdict", .left)])
        for (name, l) in rows {
            let p95: String
            if let b = l.baselineP95PointMS, let c = l.candidateP95PointMS, l.p95Verdict == .pass {
                p95 = String(format: "%.0f → %.0f", b, c)
            } else {
                p95 = "n < min"
            }
            table.add([ReportFormat.clip(name, 12), String(format: "×%.2f", l.slowdownRatio), ReportFormat.ratioInterval(l.ratioLow, l.ratioHigh),
                       p95, ReportFormat.shortP(l.adjustedPValue), ReportFormat.shortVerdict(l.verdict)])
        }
        return table.render()
    }

    static func caseLines(_ c: CaseChanges) -> TerminalText {
        var out: TerminalText = "cases: \(c.compared) run by both; \(c.newlyFailing.count) newly failing, \(c.newlyFixed.count) newly fixed\n"
        for (label, keys) in [("newly failing", c.newlyFailing), ("newly fixed", c.newlyFixed)] where !keys.isEmpty {
            out += "  \(label):\n"
            for key in keys.prefix(5) { out += "    \(ReportFormat.clip(key, 70))\n" }
            if keys.count > 5 { out += "    … and \(keys.count - 5) more (all of them in the JSON report)\n" }
        }
        if !c.flaky.isEmpty {
            out += "  flaky in the baseline (never counted as newly failing):\n"
            for f in c.flaky.prefix(5) {
                let now = f.otherRuns == 0 ? "not run now" : "\(f.otherFailedRuns)/\(f.otherRuns) now"
                out += "    \(ReportFormat.clip(f.caseKey, 50)): \(f.failedRuns)/\(f.runs) failed, \(now)\n"
            }
            if c.flaky.count > 5 { out += "    … and \(c.flaky.count - 5) more (all of them in the JSON report)\n" }
        }
        return out
    }

    static func designText(_ e: FailureRateEvidence) -> String {
        switch e.design {
        case .unpaired: return "unpaired (Fisher, Newcombe)"
        case .paired: return "paired on \(e.pairedCases ?? 0) cases (McNemar, Newcombe)"
        case .pairedClustered: return "paired on \(e.pairedCases ?? 0) cases, clustered"
        case .clustered: return "unpaired, clustered by case"
        }
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
