/// The `check --format json` contract (documented in RegressionKit.docc, JSONReport.md; a public interface).
extension GateReport {
    /// Deterministic, pretty-printed JSON (sorted keys), ending in a newline: the `check --format json`
    /// contract (the JSON report article describes every field).
    public func jsonText() -> String { jsonValue.prettyPrinted }

    var jsonValue: JSONValue {
        let r = result
        var members: [String: JSONValue] = [
            "format_version": .number(Self.jsonFormatVersion),
            "verdict": .string(r.verdict.rawValue),
            "policy": .string(r.policy),
            "baseline": r.baseline.jsonValue(path: baselinePath),
            "candidate": r.candidate.jsonValue(path: nil),
            "delta_pp": .number(r.deltaPP),
            "worst_step": .string(r.worstStep),
            "worst_step_delta_pp": r.worstStepDeltaPP.map(JSONValue.number) ?? .null,
            "steps": .array(r.steps.map(\.jsonValue)),
            "reasons": .array(r.reasons.map(JSONValue.string)),
            "input": input.jsonValue,
            "paired": .bool(r.overallEvidence.map { $0.pairedCases != nil } ?? false),
        ]
        if let alpha = r.alpha { members["alpha"] = .number(alpha) }
        if let llm { members["llm"] = llm.jsonValue }
        if let m = r.familySize { members["family_size"] = .number(m) }
        if let e = r.overallEvidence {
            var overall = e.jsonMembers
            overall["verdict"] = .string((r.overallVerdict ?? r.verdict).rawValue)
            overall["delta_pp"] = .number(r.deltaPP)
            members["overall"] = .object(overall)
        }
        if let m = r.mustPass {
            members["must_pass"] = .object([
                "cases": .number(Double(m.cases)),
                "failed": .array(m.failed.map { f in
                    .object(["case": .string(f.caseKey), "runs": .number(Double(f.runs)), "failed_runs": .number(Double(f.failedRuns))])
                }),
                "not_run": .array(m.notRun.map(JSONValue.string)),
            ])
        }
        if let c = r.caseChanges {
            members["cases"] = .object([
                "compared": .number(c.compared),
                "newly_failing": .array(c.newlyFailing.map(JSONValue.string)),
                "newly_fixed": .array(c.newlyFixed.map(JSONValue.string)),
                "flaky": .array(c.flaky.map { f in
                    .object(["case": .string(f.caseKey), "baseline_runs": .number(Double(f.runs)), "baseline_failed_runs": .number(Double(f.failedRuns)),
                             "candidate_runs": .number(Double(f.otherRuns)), "candidate_failed_runs": .number(Double(f.otherFailedRuns))])
                }),
            ])
        }
        return .object(members)
    }
}

extension GateReport {
    /// Whether the file at `path` is a JSON report this tool wrote (an object with `format_version`
    /// and `verdict`): what a failed run may delete so that no stale verdict is left behind.
    static func isJSONReport(atPath path: String) -> Bool {
        guard let bytes = try? AtomicFile.read(path), bytes.count < 64 << 20,
              case .object(let members)? = try? JSONValue.parse(bytes) else { return false }
        return members["format_version"] != nil && members["verdict"] != nil
    }
}

extension FailureRateEvidence {
    /// `design`, `estimate_pp`, `ci_low_pp`, `ci_high_pp`, `p_value`, `adjusted_p_value`, `paired_cases`, `runs_per_side_needed`, `candidate_runs_needed`.
    var jsonMembers: [String: JSONValue] {
        [
            "design": .string(design.rawValue),
            "estimate_pp": .number(estimatePP),
            "ci_low_pp": .number(ciLowPP),
            "ci_high_pp": .number(ciHighPP),
            "p_value": .number(pValue),
            "adjusted_p_value": .number(adjustedPValue),
            "paired_cases": pairedCases.map(JSONValue.number) ?? .null,
            "runs_per_side_needed": runsPerSideNeeded.map(JSONValue.number) ?? .null,
            "candidate_runs_needed": candidateRunsNeeded.map(JSONValue.number) ?? .null,
        ]
    }
}

extension LatencyEvidence {
    var jsonValue: JSONValue {
        func range(_ r: ClosedRange<Double>?) -> JSONValue { r.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null }
        return .object([
            "baseline_count": .number(baselineCount),
            "candidate_count": .number(candidateCount),
            "slowdown_ratio": .number(slowdownRatio),
            "ratio_low": .number(ratioLow),
            "ratio_high": .number(ratioHigh),
            "p_value": .number(pValue),
            "adjusted_p_value": .number(adjustedPValue),
            "baseline_p95_ms": baselineP95PointMS.map(JSONValue.number) ?? .null,
            "candidate_p95_ms": candidateP95PointMS.map(JSONValue.number) ?? .null,
            "baseline_p95_ms_interval": range(baselineP95MS),
            "candidate_p95_ms_interval": range(candidateP95MS),
            "verdict": .string(verdict.rawValue),
            "p95_verdict": .string(p95Verdict.rawValue),
        ])
    }
}

extension VersionSummary {
    func jsonValue(path: String?) -> JSONValue {
        var members: [String: JSONValue] = [
            "version": .string(version),
            "runs": .number(runs),
            "failed_runs": .number(failedRuns),
            "steps": .number(steps),
            "failed": .number(failed),
            "failure_rate": .number(failureRate),
            "step_failure_rate": .number(stepFailureRate),
            "run_failure_rate": .number(runFailureRate),
        ]
        if let path { members["file"] = .string(path) }
        return .object(members)
    }
}

extension StepComparison {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "step": .string(step),
            "presence": .string(presence.rawValue),
            "baseline_rate": baseline.map { .number($0.rate) } ?? .null,
            "candidate_rate": candidate.map { .number($0.rate) } ?? .null,
            "baseline": baseline.map { .object(["total": .number($0.total), "failed": .number($0.failed)]) } ?? .null,
            "candidate": candidate.map { .object(["total": .number($0.total), "failed": .number($0.failed)]) } ?? .null,
            "delta_pp": deltaPP.map(JSONValue.number) ?? .null,
            "verdict": .string(verdict.rawValue),
            "note": .string(note),
        ]
        if let evidence { members.merge(evidence.jsonMembers) { $1 } }
        if let latency { members["latency"] = latency.jsonValue }
        return .object(members)
    }
}

extension LogReadSummary {
    var jsonValue: JSONValue {
        .object([
            "files": .array(sources.map(JSONValue.string)),
            "lines": .number(lines),
            "records": .number(records),
            "empty_lines": .number(emptyLines),
            "bad_lines": .number(badLines),
            "runs_split_across_files": .number(runsSplitAcrossFiles),
        ])
    }
}

extension GateReport {
    /// The JSON report format's version; bumped only on an incompatible change.
    static let jsonFormatVersion = 1
}
