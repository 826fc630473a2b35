/// The JSON report's members for the case rules: `quarantined`, `tokens`, `tokens_skipped`,
/// `cost` and `model_change` (see check.schema.json).
extension GateResult {
    var caseRuleMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        if !quarantined.isEmpty {
            members["quarantined"] = .array(quarantined.map { q in
                .object(["case": .string(q.caseKey), "until": .string(q.until), "reason": .string(q.reason), "expired": .bool(q.expired),
                         "candidate_runs": .number(q.candidateRuns), "candidate_failed_runs": .number(q.candidateFailedRuns)])
            })
        }
        if let t = tokens {
            members["token_tolerance"] = .number(t.tolerance)
            members["tokens"] = .array(t.steps.map { e in
                .object(["step": .string(e.step), "baseline_count": .number(e.baselineCount), "candidate_count": .number(e.candidateCount),
                         "ratio": .number(e.ratio), "ratio_low": .number(e.ratioLow), "ratio_high": .number(e.ratioHigh),
                         "p_value": .number(e.pValue), "adjusted_p_value": .number(e.adjustedPValue), "verdict": .string(e.verdict.rawValue)])
            })
            members["tokens_skipped"] = .array(t.skipped.map(JSONValue.string))
            if let c = t.cost {
                func money(_ v: Double?) -> JSONValue { v.map(JSONValue.number) ?? .null }
                members["cost"] = .object([
                    "baseline_per_run": money(c.baselinePerRun), "candidate_per_run": money(c.candidatePerRun),
                    "steps": .array(c.steps.map { s in
                        .object(["step": .string(s.step), "baseline_per_run": money(s.baselinePerRun), "candidate_per_run": money(s.candidatePerRun)])
                    }),
                    "unpriced_models": .array(c.unpricedModels.map(JSONValue.string)),
                ])
            }
        }
        for reason in explanation {
            if case let .modelChanged(b, c) = reason {
                members["model_change"] = .object(["baseline": .array(b.map(JSONValue.string)), "candidate": .array(c.map(JSONValue.string))])
            }
        }
        return members
    }
}
