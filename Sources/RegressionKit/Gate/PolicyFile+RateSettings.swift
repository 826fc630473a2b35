/// The settings the `statistical` and `sequential` policies share: a level, a tolerance, what is
/// ruled out, the latency tolerance and minimum, and pairing by case.
protocol RateGateSettings {
    var alpha: Double { get set }
    var tolerancePP: Double { get set }
    var ruleOutPP: Double { get set }
    var latencyTolerance: Double { get set }
    var latencyMinimumRuns: Int { get set }
    var pairing: Bool { get set }
}

extension StatisticalPolicy: RateGateSettings {}
extension SequentialPolicy: RateGateSettings {}

extension GatePolicy {
    /// The keys a policy file of a `RateGateSettings` policy may hold.
    static let rateSettingKeys: Set<String> = ["policy", "alpha", "tolerance_pp", "rule_out_pp", "latency_tolerance", "latency_minimum_runs", "pairing", "must_pass", "description"]

    /// `rule` with the shared settings `root` holds, each checked; `alphaProblem` words a level
    /// out of range (what the level means differs: one look, or every look).
    static func readRateSettings<Rule: RateGateSettings>(
        _ root: JSONFieldReader, into rule: Rule, alphaProblem: (Double) -> String
    ) throws(JSONFieldReader.FieldError) -> Rule {
        var rule = rule
        if let v = try root.optionalDouble("alpha") {
            guard v > 0, v < 0.5 else { throw JSONFieldReader.FieldError(path: "alpha", message: alphaProblem(v)) }
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
