/// How failures are explained: the category map, a description per category, and the
/// recommended actions. `ForensicsConfig.default` is failure-forensics' own.
///
/// A team with other steps and errors writes a config file (`analyze --config FILE`); every
/// key is optional, its rules come before the defaults, and unknown keys are errors:
///
/// ```json
/// {
///   "error_categories": [{"match": "vector_db", "category": "RETRIEVAL_QUALITY"},
///                        {"match": "guardrail", "category": "POLICY_BLOCK"}],
///   "step_categories": {"vector_search": "RETRIEVAL_QUALITY", "moderation": "POLICY_BLOCK"},
///   "descriptions": {"POLICY_BLOCK": "The moderation step refused the answer."},
///   "recommendations": {"POLICY_BLOCK": [{"priority": "HIGH", "action": "review the moderation thresholds",
///                        "expected_improvement": "fewer false refusals", "implementation_hint": "moderation.yaml"}]},
///   "use_defaults": true
/// }
/// ```
/// With `"use_defaults": false` only the file's rules apply.
package struct ForensicsConfig: Sendable, Equatable {
    /// Error types and step names to categories.
    var categoryMap: CategoryMap
    /// One sentence per category: what it means and where to look.
    var descriptions: [RootCauseCategory: String]
    /// Actions per category.
    var recommendations: Recommendations

    /// A config; each part defaults to failure-forensics'.
    init(categoryMap: CategoryMap = .default, descriptions: [RootCauseCategory: String] = ForensicsConfig.defaultDescriptions,
                recommendations: Recommendations = .default) {
        self.categoryMap = categoryMap
        self.descriptions = descriptions
        self.recommendations = recommendations
    }

    /// Failure-forensics' maps, descriptions and rules.
    package static let `default` = ForensicsConfig()

    /// The description of `category` ("" for a category without one).
    func description(of category: RootCauseCategory) -> String {
        descriptions[category] ?? ""
    }

    /// failure-forensics' `CATEGORY_DESCRIPTIONS`, in English.
    static let defaultDescriptions: [RootCauseCategory: String] = [
        .retrievalQuality: "Retrieval found no relevant chunks. Check embedding quality and chunk size.",
        .rerankerFailure: "Reranking failed: its response could not be parsed, or it timed out.",
        .llmHallucination: "The answer is empty, inconsistent or unsupported by the sources. Review the prompt and the context.",
        .citationMiss: "The answer lacks source citations or cites wrongly. Check the citation extraction.",
        .apiError: "An external API (the model provider, ...) failed: rate limit, timeout or outage.",
        .unknown: "A step failed but neither its error type nor its step name tells why: read the run's logs.",
        .none: "No step of this run failed.",
    ]
}

/// A forensics config file that could not be used: names the file, the field and what to do.
package struct ForensicsConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (with `:line:column` for a JSON syntax error).
    var path: String
    /// What is wrong and what to do.
    var message: String
    package var description: String { "\(path): \(message)" }
}

extension ForensicsConfig {
    static let fileKeys: Set<String> = ["error_categories", "step_categories", "descriptions", "recommendations", "use_defaults"]

    /// Reads a config file (see the type's documentation for the format).
    package static func load(_ path: String) throws(ForensicsConfigError) -> ForensicsConfig {
        let bytes: [UInt8]
        do throws(AtomicFile.Failure) {
            bytes = try AtomicFile.read(path)
        } catch {
            throw ForensicsConfigError(path: path, message: "cannot read the forensics config: \(error.reason)")
        }
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue.parse(bytes)
        } catch {
            throw ForensicsConfigError(path: "\(path):\(error.line):\(error.column)", message: "not valid JSON: \(error.message)")
        }
        do throws(JSONFieldReader.FieldError) {
            return try decode(value)
        } catch {
            throw ForensicsConfigError(path: path, message: "\(error.description); fix the forensics config (see 'Forensics and monitoring' in the documentation, RegressionKit.docc)")
        }
    }

    static func decode(_ value: JSONValue) throws(JSONFieldReader.FieldError) -> ForensicsConfig {
        let root = try JSONFieldReader(value)
        try root.rejectUnknownKeys(fileKeys)
        var useDefaults = true
        if let v = root.members["use_defaults"] {
            guard case .bool(let b) = v else { throw .init(path: "use_defaults", message: "expected true or false") }
            useDefaults = b
        }
        var errorRules: [CategoryMap.ErrorRule] = []
        if root.members["error_categories"] != nil {
            for (n, item) in try root.array("error_categories").enumerated() {
                let r = try JSONFieldReader(item, path: "error_categories[\(n)]")
                try r.rejectUnknownKeys(["match", "category"])
                let match = try r.string("match")
                guard !match.isEmpty else { throw .init(path: r.fieldPath("match"), message: "must not be empty") }
                errorRules.append(.init(match, RootCauseCategory(rawValue: try r.string("category"))))
            }
        }
        var steps: [String: RootCauseCategory] = [:]
        if let r = try root.optionalObject("step_categories") {
            for key in r.members.keys { steps[key] = RootCauseCategory(rawValue: try r.string(key)) }
        }
        var descriptions: [RootCauseCategory: String] = [:]
        if let r = try root.optionalObject("descriptions") {
            for key in r.members.keys { descriptions[RootCauseCategory(rawValue: key)] = try r.string(key) }
        }
        var rules: [RootCauseCategory: [Recommendation]] = [:]
        if let r = try root.optionalObject("recommendations") {
            for key in r.members.keys {
                let category = RootCauseCategory(rawValue: key)
                var list: [Recommendation] = []
                for (n, item) in try r.array(key).enumerated() {
                    let a = try JSONFieldReader(item, path: "\(r.fieldPath(key))[\(n)]")
                    try a.rejectUnknownKeys(["priority", "action", "expected_improvement", "implementation_hint"])
                    let priority = RecommendationPriority(rawValue: try a.optionalString("priority") ?? "MEDIUM")
                    guard priority.rank < 3 else { throw .init(path: a.fieldPath("priority"), message: "expected HIGH, MEDIUM or LOW") }
                    list.append(Recommendation(
                        category: category, priority: priority, action: try a.string("action"),
                        expectedImprovement: try a.optionalString("expected_improvement") ?? "-",
                        implementationHint: try a.optionalString("implementation_hint") ?? "-"))
                }
                rules[category] = list
            }
        }
        let own = ForensicsConfig(categoryMap: CategoryMap(errorRules: errorRules, stepCategories: steps),
                                  descriptions: descriptions, recommendations: Recommendations(rules: rules))
        guard useDefaults else { return own }
        return ForensicsConfig(
            categoryMap: CategoryMap.default.overridden(by: own.categoryMap),
            descriptions: defaultDescriptions.merging(descriptions) { $1 },
            recommendations: Recommendations.default.overridden(by: own.recommendations))
    }
}
