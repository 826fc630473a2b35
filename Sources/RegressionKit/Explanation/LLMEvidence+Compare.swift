extension LLMEvidence {
    /// What `compare` tells a model: the A/B report's numbers (rates per version and step, the
    /// differences with their intervals, p-values and winners, the conclusion), each version's
    /// error types per step with counts, the categories they map to, and the rules' actions for B.
    package init(comparison report: ABReport) {
        var facts: [String: JSONValue] = [:]
        if case .object(let members) = report.jsonValue {
            facts = members.filter { $0.key != "input" && $0.key != "format_version" }
        }
        let c = report.comparison
        facts["versions"] = .object(["a": .string(c.a.version), "b": .string(c.b.version)])
        var errorTypes: [String: JSONValue] = [:]
        var bFailures: [(step: String, errorType: String?, count: Int)] = []
        for v in [c.a, c.b] {
            var steps: [String: JSONValue] = [:]
            for (name, s) in v.steps where s.failed > 0 {
                var types = s.errorTypes.mapValues(JSONValue.number)
                let untyped = s.failed - s.errorTypes.values.reduce(0, +)
                if untyped > 0 { types["(none)"] = .number(untyped) }
                steps[name] = .object(types)
                if v.version == c.b.version {
                    bFailures += s.errorTypes.map { (name, $0.key, $0.value) } + (untyped > 0 ? [(name, nil, untyped)] : [])
                }
            }
            errorTypes[v.version] = .object(steps)
        }
        facts["error_types"] = .object(errorTypes)
        let rules = Self.ruleFacts(bFailures)
        facts["b_failed_steps_by_category"] = rules.categories
        facts["rule_recommendations"] = rules.actions
        self.init(task: .compare, facts: facts)
    }
}
