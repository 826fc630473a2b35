/// Why a policy could not be loaded.
package struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, naming the policy file or the unknown name and what to do.
    package var description: String
}

/// Policy files: JSON that picks a built-in policy and sets its parameters.
///
/// ```json
/// {"policy": "statistical", "alpha": 0.05, "tolerance_pp": 2, "rule_out_pp": 10,
///  "latency_tolerance": 0.10, "latency_minimum_runs": 100, "pairing": true}
/// ```
/// or
/// ```json
/// {
///   "policy": "thresholds",
///   "regression_pp": 10,
///   "warning_pp": 5,
///   "step_max_failure_rate": {"retrieval": 0.20, "reranking": 0.15, "generation": 0.15, "citation": 0.10}
/// }
/// ```
/// Every key is optional except `policy`; an unknown key is an error (a typo must not
/// silently loosen a gate).
extension GatePolicy {
    /// Loads `argument`: a built-in policy name, or the path of a policy file.
    package static func load(_ argument: String) throws(PolicyError) -> GatePolicy {
        if let builtIn = builtIn(argument) { return builtIn }
        let bytes: [UInt8]
        do throws(AtomicFile.Failure) {
            bytes = try AtomicFile.read(argument)
        } catch {
            if error.isMissing, !argument.contains("/"), !argument.hasSuffix(".json") {
                let hint = closestMatch(to: argument, in: builtInNames).map { "; did you mean '\($0)'?" } ?? ""
                throw PolicyError(description: "unknown policy '\(argument)'\(hint) (built-in: \(builtInNames.joined(separator: ", ")); or give the path of a policy JSON file)")
            }
            throw PolicyError(description: "cannot read policy file '\(argument)': \(error.reason)")
        }
        return try parse(bytes, path: argument)
    }

    /// The policy file's `"must_pass": ["case key", ...]`, empty when absent.
    private static func mustPass(_ root: JSONFieldReader) throws(JSONFieldReader.FieldError) -> [String] {
        guard let value = root.members["must_pass"] else { return [] }
        guard case .array(let items) = value else {
            throw JSONFieldReader.FieldError(path: "must_pass", message: "expected a list of case keys, e.g. [\"refund-question\"]")
        }
        var keys: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let key) = item, !key.isEmpty else {
                throw JSONFieldReader.FieldError(path: "must_pass[\(i)]", message: "expected a case key (a non-empty string)")
            }
            keys.append(key)
        }
        return keys
    }

    /// Parses a policy file's bytes; `path` is used in errors.
    static func parse(_ bytes: [UInt8], path: String) throws(PolicyError) -> GatePolicy {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue.parse(bytes)
        } catch {
            throw PolicyError(description: "\(path):\(error.line):\(error.column): policy is not valid JSON: \(error.message)")
        }
        do throws(JSONFieldReader.FieldError) {
            let root = try JSONFieldReader(value)
            let name = try root.string("policy")
            switch name {
            case "thresholds":
                try root.rejectUnknownKeys(Set(["policy", "regression_pp", "warning_pp", "step_max_failure_rate", "must_pass", "description"]).union(caseRuleKeys))
                var rule = ThresholdsPolicy()
                if let v = try root.optionalDouble("regression_pp") { rule.regressionPP = v }
                if let v = try root.optionalDouble("warning_pp") { rule.warningPP = v }
                guard rule.warningPP >= 0, rule.regressionPP >= rule.warningPP, rule.regressionPP <= 100 else {
                    throw JSONFieldReader.FieldError(path: "warning_pp", message: "need 0 <= warning_pp <= regression_pp <= 100 (percentage points)")
                }
                if let maxima = try root.optionalObject("step_max_failure_rate") {
                    for step in maxima.members.keys {
                        let limit = try maxima.double(step)
                        guard (0...1).contains(limit) else {
                            throw JSONFieldReader.FieldError(path: maxima.fieldPath(step), message: "a maximum failure rate is a fraction 0...1 (0.10 is 10 %), found \(limit)")
                        }
                        rule.stepMaxFailureRate[step] = limit
                    }
                }
                return GatePolicy.thresholds(rule).requiring(mustPass: try mustPass(root)).with(try caseRules(root))
            case "statistical":
                try root.rejectUnknownKeys(rateSettingKeys.union(caseRuleKeys))
                let rule = try readRateSettings(root, into: StatisticalPolicy()) {
                    "a one-sided significance level in (0, 0.5), e.g. 0.05; found \($0)"
                }
                return GatePolicy.statistical(rule).requiring(mustPass: try mustPass(root)).with(try caseRules(root))
            case "sequential":
                return GatePolicy.sequential(try sequentialRule(root)).requiring(mustPass: try mustPass(root)).with(try caseRules(root))
            default:
                let hint = closestMatch(to: name, in: builtInNames).map { "; did you mean \"\($0)\"?" } ?? ""
                throw JSONFieldReader.FieldError(path: "policy", message: "unknown policy \"\(name)\"\(hint) (known: \(builtInNames.joined(separator: ", ")))")
            }
        } catch {
            throw PolicyError(description: "\(path): \(error.description)")
        }
    }
}
