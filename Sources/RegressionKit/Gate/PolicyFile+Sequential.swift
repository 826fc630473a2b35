extension GatePolicy {
    /// A policy file's `sequential` settings:
    /// `{"policy": "sequential", "alpha": 0.05, "tolerance_pp": 2, "rule_out_pp": 10,
    ///   "latency_tolerance": 0.10, "latency_minimum_runs": 100, "pairing": true}`.
    static func sequentialRule(_ root: JSONFieldReader) throws(JSONFieldReader.FieldError) -> SequentialPolicy {
        try root.rejectUnknownKeys(Set(["policy", "alpha", "tolerance_pp", "rule_out_pp", "latency_tolerance", "latency_minimum_runs", "pairing", "must_pass", "description"]).union(caseRuleKeys))
        var rule = SequentialPolicy()
        if let v = try root.optionalDouble("alpha") {
            guard v > 0, v < 0.5 else { throw JSONFieldReader.FieldError(path: "alpha", message: "a level in (0, 0.5) over every look, e.g. 0.05; found \(v)") }
            rule.alpha = v
        }
        if let v = try root.optionalDouble("tolerance_pp") {
            guard v >= 0 else { throw JSONFieldReader.FieldError(path: "tolerance_pp", message: "percentage points >= 0, found \(v)") }
            rule.tolerancePP = v
        }
        if let v = try root.optionalDouble("rule_out_pp") {
            guard v > 0 else { throw JSONFieldReader.FieldError(path: "rule_out_pp", message: "percentage points > 0, found \(v)") }
            rule.ruleOutPP = v
        }
        if let v = try root.optionalDouble("latency_tolerance") {
            guard v >= 0 else { throw JSONFieldReader.FieldError(path: "latency_tolerance", message: "a fraction >= 0 (0.10 is 10 %), found \(v)") }
            rule.latencyTolerance = v
        }
        if root.members["latency_minimum_runs"] != nil { rule.latencyMinimumRuns = try root.integer("latency_minimum_runs", min: 2) }
        if let v = root.members["pairing"] {
            guard case .bool(let b) = v else { throw JSONFieldReader.FieldError(path: "pairing", message: "expected true or false") }
            rule.pairing = b
        }
        return rule
    }
}
