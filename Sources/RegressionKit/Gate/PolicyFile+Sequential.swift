extension GatePolicy {
    /// A policy file's `sequential` settings:
    /// `{"policy": "sequential", "alpha": 0.05, "tolerance_pp": 2, "rule_out_pp": 10,
    ///   "latency_tolerance": 0.10, "latency_minimum_runs": 100, "pairing": true}`.
    static func sequentialRule(_ root: JSONFieldReader) throws(JSONFieldReader.FieldError) -> SequentialPolicy {
        try root.rejectUnknownKeys(rateSettingKeys.union(caseRuleKeys))
        return try readRateSettings(root, into: SequentialPolicy()) { "a level in (0, 0.5) over every look, e.g. 0.05; found \($0)" }
    }
}
