extension LLMEvidence {
    /// What `check` tells a model: the verdict and its reasons, the policy, both versions'
    /// totals, every step's rates, difference, evidence and verdict, the candidate's failed runs
    /// by first failed step and error type, the categories they map to and the rules' actions.
    /// Cases are counted, never named (a case key may be an input); no file is named.
    package init(gate report: GateReport) {
        var facts: [String: JSONValue] = [:]
        if case .object(let members) = report.jsonValue {
            facts = members.filter { !["input", "format_version", "cases", "must_pass", "llm"].contains($0.key) }
        }
        if case .object(var baseline)? = facts["baseline"] {   // the baseline's path is no evidence
            baseline["file"] = nil
            facts["baseline"] = .object(baseline)
        }
        let r = report.result
        if let c = r.caseChanges {
            facts["cases"] = .object(["compared": .number(c.compared), "newly_failing": .number(c.newlyFailing.count),
                                      "newly_fixed": .number(c.newlyFixed.count), "flaky": .number(c.flaky.count)])
        }
        if let m = r.mustPass {
            facts["must_pass"] = .object(["cases": .number(m.cases), "failed": .number(m.failed.count), "not_run": .number(m.notRun.count)])
        }
        let causes = report.firstFailures.causes
        facts["candidate_failed_runs_by_first_failure"] = .array(causes.map { c in
            .object(["step": .string(c.step), "error_type": .string(c.errorType), "failed_runs": .number(c.runs)])
        })
        let rules = Self.ruleFacts(causes.map { ($0.step, $0.errorType == "unknown" ? nil : $0.errorType, $0.runs) })
        facts["candidate_failed_runs_by_category"] = rules.categories
        facts["rule_recommendations"] = rules.actions
        self.init(task: .check, facts: facts)
    }
}
