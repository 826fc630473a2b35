/// The policy file's keys for `CaseRules`, the same for every policy:
///
/// ```json
/// {"policy": "statistical",
///  "quarantine": [{"case": "refund-question", "until": "2027-01-31", "reason": "flaky upstream"}],
///  "case_min_pass_rate": 0.5, "token_tolerance": 0.10,
///  "prices": {"gemini-flash-latest": {"per_1k_tokens": 0.002}}, "max_case_set_change": 0.10}
/// ```
extension GatePolicy {
    /// The keys `caseRules(_:)` reads.
    static let caseRuleKeys: Set<String> = ["quarantine", "case_min_pass_rate", "token_tolerance", "prices", "max_case_set_change"]

    /// This policy with `rules`.
    func with(_ rules: CaseRules) -> GatePolicy {
        var policy = self
        policy.caseRules = rules
        return policy
    }

    /// The case rules a policy file sets (the defaults for the keys it leaves out).
    static func caseRules(_ root: JSONFieldReader) throws(JSONFieldReader.FieldError) -> CaseRules {
        typealias Failure = JSONFieldReader.FieldError
        var rules = CaseRules()
        if let value = root.members["quarantine"] {
            guard case .array(let items) = value else {
                throw Failure(path: "quarantine", message: "expected a list of {\"case\", \"until\", \"reason\"} entries")
            }
            for (i, item) in items.enumerated() {
                let entry = try JSONFieldReader(item, path: "quarantine[\(i)]")
                try entry.rejectUnknownKeys(["case", "until", "reason"])
                let key = try entry.string("case")
                guard !key.isEmpty else { throw Failure(path: entry.fieldPath("case"), message: "expected a case key (a non-empty string)") }
                let until = try entry.string("until")
                guard let day = LogDay(until) else {
                    throw Failure(path: entry.fieldPath("until"), message: "expected a date YYYY-MM-DD (the last day the case is left out), found \"\(until)\"")
                }
                rules.quarantine.entries.append(QuarantineEntry(caseKey: key, until: day, reason: try entry.optionalString("reason") ?? ""))
            }
        }
        if let v = try root.optionalDouble("case_min_pass_rate") {
            guard (0...1).contains(v) else { throw Failure(path: "case_min_pass_rate", message: "a pass rate 0...1 (0.5 is half the runs), found \(v)") }
            rules.casePassRate = CasePassRateRule(minimum: v)
        }
        if let v = try root.optionalDouble("token_tolerance") {
            guard v >= 0 else { throw Failure(path: "token_tolerance", message: "a fraction >= 0 (0.10 is 10 %), found \(v)") }
            rules.tokenTolerance = v
        }
        if let v = try root.optionalDouble("max_case_set_change") {
            guard (0...1).contains(v) else { throw Failure(path: "max_case_set_change", message: "a fraction 0...1 (0.10 is 10 % of the cases), found \(v)") }
            rules.maxCaseSetChange = v
        }
        if let prices = try root.optionalObject("prices") {
            for model in prices.members.keys {
                let entry = try prices.object(model)
                try entry.rejectUnknownKeys(["per_1k_tokens"])
                let price = try entry.double("per_1k_tokens")
                guard price >= 0 else { throw Failure(path: entry.fieldPath("per_1k_tokens"), message: "a price >= 0 per 1,000 tokens, found \(price)") }
                rules.pricesPer1kTokens[model] = price
            }
        }
        return rules
    }
}
