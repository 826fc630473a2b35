/// What `regress-gate compare` prints: the A/B report as a table, or as JSON in the shape of
/// failure-forensics' `ab_report.json` plus the evidence.
package struct ABReport: Sendable {
    /// The comparison.
    var comparison: ABComparison
    /// What reading the logs saw.
    var input: LogReadSummary
    /// A model's explanation of the difference, when one was asked for.
    package var llm: LLMExplanation?

    /// A report of `comparison`.
    package init(comparison: ABComparison, input: LogReadSummary) {
        self.comparison = comparison
        self.input = input
    }

    /// Failure-forensics' keys, unchanged: `summary` (`v1`, `v2`, `winner`, `v1_failure_rate`,
    /// `v2_failure_rate`, `improvement_pct`, `v1_runs`, `v2_runs`), `step_breakdown` (per step:
    /// `{<A>: {total, failed, rate}, <B>: {...}, delta_pct, step_winner}`) and `raw_stats` (per
    /// version: `total_steps`, `failed_steps`, `failure_rate`, `runs`, `steps`). Ours, added:
    /// `format_version`, `evidence` (`alpha`, `family_size`, `overall`, `steps`, `winner`,
    /// `conclusion`) and `input`.
    package func jsonText() -> String {
        guard let llm, case .object(var members) = jsonValue else { return jsonValue.prettyPrinted }
        members["llm"] = llm.jsonValue
        return JSONValue.object(members).prettyPrinted
    }

    /// The JSON report as a value (`jsonText` prints it).
    var jsonValue: JSONValue {
        let c = comparison
        var breakdown: [String: JSONValue] = [:]
        for s in c.steps {
            breakdown[s.name] = .object([
                c.a.version: Self.rawCounts(s.a), c.b.version: Self.rawCounts(s.b),
                "delta_pct": .number(s.deltaPct), "step_winner": .string(s.stepWinner),
            ])
        }
        var stepEvidence: [String: JSONValue] = [:]
        for s in c.steps { if let e = s.evidence { stepEvidence[s.name] = Self.evidenceJSON(e) } }
        return JSONValue.object([
            "format_version": .number(1),
            "summary": .object([
                "v1": .string(c.a.version), "v2": .string(c.b.version), "winner": .string(c.roundedRateWinner),
                "v1_failure_rate": .number(c.aRate), "v2_failure_rate": .number(c.bRate),
                "improvement_pct": .number(c.improvementPct),
                "v1_runs": .number(c.a.runs), "v2_runs": .number(c.b.runs),
            ]),
            "step_breakdown": .object(breakdown),
            "raw_stats": .object([c.a.version: Self.rawStats(c.a), c.b.version: Self.rawStats(c.b)]),
            "evidence": .object([
                "alpha": .number(c.alpha),
                "family_size": .number(c.familySize),
                "metric": .string("run failure rate (per step: runs in which the step failed / runs that reached it)"),
                "overall": Self.evidenceJSON(c.overall),
                "steps": .object(stepEvidence),
                "winner": .string(c.overall.winner),
                "conclusion": .string(conclusion),
            ]),
            "input": input.jsonValue,
        ])
    }

    /// "v2 fails less: ..." or "no significant difference ...".
    var conclusion: String {
        let c = comparison, e = c.overall
        let rates = "\(ReportFormat.percent(e.a.rate)) → \(ReportFormat.percent(e.b.rate)) of runs failed, estimate \(ReportFormat.pp(e.estimatePP)) [\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))], adj. p \(ReportFormat.shortP(e.adjustedPValue))"
        if let w = e.winner { return "\(w) fails less: \(rates)" }
        return "no significant difference: \(rates)"
    }

    /// The table, within 80 columns.
    package func text() -> String {
        let c = comparison
        var out: TerminalText = "A/B: \(c.a.version) (\(c.a.runs) runs) vs \(c.b.version) (\(c.b.runs) runs)\n"
        out += ReportFormat.wrap("\(conclusion)", indent: "  ", hanging: "    ")
        out += "\n"
        var table = TextTable([("runs failed", .left), (ReportFormat.clip(c.a.version, 9), .right), (ReportFormat.clip(c.b.version, 9), .right),
                               ("est.", .right), ("interval (pp)", .left), ("adj. p", .right), ("winner", .left)])
        func row(_ name: String, _ e: ABComparison.Evidence?, a: StepCounts, b: StepCounts) {
            guard let e else {
                table.add([ReportFormat.clip(name, 12), a.total == 0 ? "—" : ReportFormat.percent(a.rate), b.total == 0 ? "—" : ReportFormat.percent(b.rate), "—", "", "", "one side only"])
                return
            }
            table.add([ReportFormat.clip(name, 12), ReportFormat.percent(e.a.rate), ReportFormat.percent(e.b.rate), ReportFormat.signed(e.estimatePP),
                       "[\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))]", ReportFormat.shortP(e.adjustedPValue),
                       e.winner.map { ReportFormat.clip($0, 12) } ?? "none"])
        }
        row("overall", c.overall, a: c.overall.a, b: c.overall.b)
        for s in c.steps {
            row(s.name, s.evidence, a: StepCounts(total: c.a.steps[s.name]?.runs ?? 0, failed: c.a.steps[s.name]?.failedRuns ?? 0),
                b: StepCounts(total: c.b.steps[s.name]?.runs ?? 0, failed: c.b.steps[s.name]?.failedRuns ?? 0))
        }
        out += table.render()
        let designs = FailureRateEvidence.Design.inWords([("overall", c.overall.design)] + c.steps.compactMap { s in s.evidence.map { (s.name, $0.design) } })
        if let designs {
            out += ReportFormat.wrap("est.: \(c.b.version) minus \(c.a.version), as each test estimates it; \(designs)", indent: "  ", hanging: "    ")
        }
        out += "\nStep records failed (failure-forensics' view):\n"
        var raw = TextTable([("step", .left), (ReportFormat.clip(c.a.version, 9), .right), (ReportFormat.clip(c.b.version, 9), .right),
                                  ("delta_pct", .right), ("step_winner", .left)])
        raw.add(["overall", ReportFormat.percent(c.aRate), ReportFormat.percent(c.bRate),
                      ReportFormat.signed((c.aRate - c.bRate) * 100), ReportFormat.clip(c.roundedRateWinner, 14)])
        for s in c.steps {
            raw.add([ReportFormat.clip(s.name, 12), ReportFormat.percent(s.a.rate), ReportFormat.percent(s.b.rate),
                          ReportFormat.signed(s.deltaPct), ReportFormat.clip(s.stepWinner, 14)])
        }
        out += raw.render()
        let once = c.steps.map(\.name).filter { c.testedAsOverall.contains($0) }
        let sameRuns: TerminalText = once.isEmpty ? "" : " (\(once.joined(separator: ", ")): the same runs fail as overall, tested once as the overall rate)"
        out += ReportFormat.wrap("Two-sided tests, alpha \(AnomalyCheck.number(c.alpha)), Holm-adjusted over \(c.familySize) rates\(sameRuns); a winner only where the difference is significant.", indent: "\n", hanging: "")
        out += "\(input.textLine)\n"
        if let llm { out += llm.text }
        return out.string
    }

    static func rawCounts(_ c: StepCounts) -> JSONValue {
        .object(["total": .number(c.total), "failed": .number(c.failed), "rate": .number(ABComparison.round(c.rate, 4))])
    }

    static func rawStats(_ v: VersionStats) -> JSONValue {
        var steps: [String: JSONValue] = [:]
        for (name, s) in v.steps { steps[name] = rawCounts(StepCounts(total: s.total, failed: s.failed)) }
        return .object([
            "total_steps": .number(v.totalSteps), "failed_steps": .number(v.failedSteps),
            "failure_rate": .number(ABComparison.round(v.stepFailureRate, 4)), "runs": .number(v.runs),
            "steps": .object(steps),
        ])
    }

    static func evidenceJSON(_ e: ABComparison.Evidence) -> JSONValue {
        .object([
            "a": .object(["runs": .number(e.a.total), "failed_runs": .number(e.a.failed), "rate": .number(e.a.rate)]),
            "b": .object(["runs": .number(e.b.total), "failed_runs": .number(e.b.failed), "rate": .number(e.b.rate)]),
            "difference_pp": .number(e.differencePP), "estimate_pp": .number(e.estimatePP), "ci_low_pp": .number(e.ciLowPP), "ci_high_pp": .number(e.ciHighPP),
            "p_value": .number(e.pValue), "adjusted_p_value": .number(e.adjustedPValue),
            "design": .string(e.design.rawValue),
            "winner": .string(e.winner),
        ])
    }
}
