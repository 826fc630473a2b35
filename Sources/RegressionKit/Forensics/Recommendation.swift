/// How urgent a recommended action is.
struct RecommendationPriority: RawRepresentable, Sendable, Hashable, Comparable {
    /// `HIGH`, `MEDIUM` or `LOW` (upper case).
    var rawValue: String
    /// Wraps a priority name, upper-cased.
    init(rawValue: String) { self.rawValue = rawValue.uppercased() }

    /// The three priorities, most urgent first.
    static let high = RecommendationPriority(rawValue: "HIGH")
    static let medium = RecommendationPriority(rawValue: "MEDIUM")
    static let low = RecommendationPriority(rawValue: "LOW")

    /// 0 for HIGH, 1 for MEDIUM, 2 for LOW, 3 for anything else.
    var rank: Int { [Self.high, .medium, .low].firstIndex(of: self) ?? 3 }

    /// HIGH sorts first.
    static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A rule-based action for a root-cause category, in failure-forensics' `recommender` shape.
struct Recommendation: Sendable, Equatable {
    /// The category the action answers.
    var category: RootCauseCategory
    /// How urgent it is.
    var priority: RecommendationPriority
    /// What to do.
    var action: String
    /// What it should bring.
    var expectedImprovement: String
    /// Where to start.
    var implementationHint: String

    /// Creates an action.
    init(category: RootCauseCategory, priority: RecommendationPriority, action: String,
                expectedImprovement: String, implementationHint: String) {
        self.category = category
        self.priority = priority
        self.action = action
        self.expectedImprovement = expectedImprovement
        self.implementationHint = implementationHint
    }
}

/// The actions recommended per category, HIGH priority first.
///
/// ```swift
/// Recommendations.default.for(.apiError).first?.action   // "Retry transient errors ..."
/// ```
struct Recommendations: Sendable, Equatable {
    /// Actions by category, in the order written.
    var rules: [RootCauseCategory: [Recommendation]]

    /// Rules from lists of actions per category.
    init(rules: [RootCauseCategory: [Recommendation]]) { self.rules = rules }

    /// The actions for `category`, HIGH first (stable within a priority); a category without
    /// rules gets failure-forensics' fallback (LOW: inspect the logs); NONE gets nothing.
    func `for`(_ category: RootCauseCategory) -> [Recommendation] {
        if category == .none { return [] }
        let list = rules[category] ?? [Recommendation(
            category: category, priority: .low, action: "root cause unknown: read this run's step logs in detail",
            expectedImprovement: "-", implementationHint: "-")]
        return list.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
    }

    /// These rules with `other`'s lists replacing these for the categories it names.
    func overridden(by other: Recommendations) -> Recommendations {
        Recommendations(rules: rules.merging(other.rules) { $1 })
    }

    /// failure-forensics' `recommender.RULES`, in English.
    static let `default`: Recommendations = {
        func r(_ c: RootCauseCategory, _ p: RecommendationPriority, _ action: String, _ expected: String, _ hint: String) -> Recommendation {
            Recommendation(category: c, priority: p, action: action, expectedImprovement: expected, implementationHint: hint)
        }
        return Recommendations(rules: [
            .retrievalQuality: [
                r(.retrievalQuality, .high, "cut chunk_size to 60 % of its current value", "more specific chunks", "update the chunk_size of the text splitter"),
                r(.retrievalQuality, .high, "weight hybrid search dense:sparse 0.4:0.6 (more BM25)", "more exact keyword matches", "change the hybrid search fusion weights"),
                // A command name in rule data, on purpose: a hint is free text a config file
                // replaces and `analyze` prints as it is (text, and JSON's implementation_hint),
                // like the other defaults' names (chunk_size, top_k). It names no flag.
                r(.retrievalQuality, .medium, "add 5 queries of this kind to the eval set", "the problem stays tested", "see 'regress-gate candidates'"),
            ],
            .rerankerFailure: [
                r(.rerankerFailure, .medium, "send the reranker 30 candidates instead of 20", "the reranker sees more candidates", "raise the retrieval top_k"),
                r(.rerankerFailure, .high, "make the reranker prompt more specific", "more accurate ranking", "add domain context to the reranker prompt"),
            ],
            .llmHallucination: [
                r(.llmHallucination, .high, "narrow the context window (top 3 chunks instead of top 5)", "less noise", "pass fewer chunks to the generator"),
                r(.llmHallucination, .high, "add 'answer only from the given sources; say you don't know otherwise' to the system prompt", "fewer hallucinations", "update the system message"),
            ],
            .citationMiss: [
                r(.citationMiss, .medium, "repeat the citation format instruction in the system prompt", "more consistent citations", "add 'cite sources as [1]' to the prompt"),
                r(.citationMiss, .high, "add a validation step after generation", "answers without citations are caught", "check the output for citations with a regex"),
            ],
            .apiError: [
                r(.apiError, .high, "retry transient errors with backoff", "transient errors are absorbed", "wrap the HTTP calls in a retry with exponential backoff"),
                r(.apiError, .high, "add a fallback provider", "higher availability", "switch to another model when the primary fails"),
            ],
        ])
    }()
}
