/// Maps a failed step to a root-cause category: by its error type first, by its step name second.
///
/// The rule is failure-forensics' own (`forensics.analyze_run`): the error type, lowercased, is
/// searched for each pattern in order (substring match, first hit wins); when none matches, the
/// step name is looked up exactly; else `UNKNOWN`.
///
/// ```swift
/// let map = CategoryMap.default
/// map.category(errorType: "HTTP 429 Too Many Requests", step: "generation")   // .apiError
/// map.category(errorType: nil, step: "citation")                               // .citationMiss
/// map.category(errorType: "weird", step: "postprocess")                        // .unknown
/// ```
package struct CategoryMap: Sendable, Equatable {
    /// One error-type rule: a lowercase substring and the category it means.
    struct ErrorRule: Sendable, Equatable {
        /// Matched as a substring of the lowercased error type.
        var pattern: String
        /// The category a match means.
        var category: RootCauseCategory

        /// A rule matching `pattern` (lowercased) in an error type.
        init(_ pattern: String, _ category: RootCauseCategory) {
            self.pattern = pattern.lowercased()
            self.category = category
        }
    }

    /// Error-type rules, tried in order.
    var errorRules: [ErrorRule]
    /// Categories by exact step name, used when no error rule matched.
    var stepCategories: [String: RootCauseCategory]

    /// Creates a map from its rules.
    init(errorRules: [ErrorRule], stepCategories: [String: RootCauseCategory]) {
        self.errorRules = errorRules
        self.stepCategories = stepCategories
    }

    /// Failure-forensics' maps, in its order.
    package static let `default` = CategoryMap(
        errorRules: [
            ErrorRule("timeout", .apiError), ErrorRule("429", .apiError), ErrorRule("503", .apiError),
            ErrorRule("rate_limit", .apiError), ErrorRule("api_error", .apiError),
            ErrorRule("no_results", .retrievalQuality), ErrorRule("low_score", .retrievalQuality),
            ErrorRule("json_parse", .rerankerFailure), ErrorRule("rerank_failed", .rerankerFailure),
            ErrorRule("hallucination", .llmHallucination), ErrorRule("empty_response", .llmHallucination),
            ErrorRule("no_citation", .citationMiss), ErrorRule("citation_missing", .citationMiss),
        ],
        stepCategories: [
            "retrieval": .retrievalQuality, "reranking": .rerankerFailure,
            "generation": .llmHallucination, "citation": .citationMiss,
        ])

    /// The category of a failure of `step` with `errorType` (nil or empty: none).
    func category(errorType: String?, step: String) -> RootCauseCategory {
        if let errorType, !errorType.isEmpty {
            let lowered = errorType.lowercased()
            for rule in errorRules where !rule.pattern.isEmpty && lowered.contains(rule.pattern) {
                return rule.category
            }
        }
        return stepCategories[step] ?? .unknown
    }

    /// The error rules in words, in their order, consecutive patterns of one category together:
    /// "timeout, 429, 503, rate_limit, api_error -> API_ERROR; no_results, low_score -> ...".
    package var errorRulesSummary: String {
        var groups: [(patterns: [String], category: RootCauseCategory)] = []
        for rule in errorRules {
            if let last = groups.last, last.category == rule.category {
                groups[groups.count - 1].patterns.append(rule.pattern)
            } else {
                groups.append(([rule.pattern], rule.category))
            }
        }
        return groups.map { "\($0.patterns.joined(separator: ", ")) -> \($0.category.rawValue)" }.joined(separator: "; ")
    }

    /// The step names with a category, in the order of their categories' first error rule (the
    /// others by name): "retrieval, reranking, generation, citation".
    package var stepNamesSummary: String {
        func rank(_ step: String) -> Int { errorRules.firstIndex { $0.category == stepCategories[step] } ?? errorRules.count }
        return stepCategories.keys.sorted { (rank($0), $0) < (rank($1), $1) }.joined(separator: ", ")
    }

    /// This map with `other`'s rules put first: its error rules are tried before these, its step
    /// names override these.
    func overridden(by other: CategoryMap) -> CategoryMap {
        CategoryMap(errorRules: other.errorRules + errorRules,
                    stepCategories: stepCategories.merging(other.stepCategories) { $1 })
    }
}
