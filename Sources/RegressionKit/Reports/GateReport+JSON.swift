/// The `check --format json` contract (documented in the README; a public interface).
extension GateReport {
    /// Deterministic, pretty-printed JSON (sorted keys), ending in a newline.
    public func jsonText() -> String { jsonValue.prettyPrinted }

    var jsonValue: JSONValue {
        let r = result
        return .object([
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
        .object([
            "step": .string(step),
            "presence": .string(presence.rawValue),
            "baseline_rate": baseline.map { .number($0.rate) } ?? .null,
            "candidate_rate": candidate.map { .number($0.rate) } ?? .null,
            "baseline": baseline.map { .object(["total": .number($0.total), "failed": .number($0.failed)]) } ?? .null,
            "candidate": candidate.map { .object(["total": .number($0.total), "failed": .number($0.failed)]) } ?? .null,
            "delta_pp": deltaPP.map(JSONValue.number) ?? .null,
            "verdict": .string(verdict.rawValue),
            "note": .string(note),
        ])
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
        ])
    }
}
