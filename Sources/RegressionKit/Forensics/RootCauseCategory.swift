/// Why a run failed, in one word: the category of its root cause.
///
/// A struct over a string, not a closed enum, so a team's own categories (from a config
/// file) are first-class and new built-in ones do not break users:
///
/// ```swift
/// let c = RootCauseCategory(rawValue: "VECTOR_DB_DOWN")
/// c == .apiError   // false
/// ```
struct RootCauseCategory: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The category's name, e.g. `API_ERROR`.
    var rawValue: String

    /// Wraps a name (any string; the built-in ones are upper snake case).
    init(rawValue: String) { self.rawValue = rawValue }

    /// Timeouts, rate limits, 5xx: an external API failed.
    static let apiError = RootCauseCategory(rawValue: "API_ERROR")
    /// Retrieval found nothing relevant.
    static let retrievalQuality = RootCauseCategory(rawValue: "RETRIEVAL_QUALITY")
    /// Reranking failed (unparseable response, reranker error).
    static let rerankerFailure = RootCauseCategory(rawValue: "RERANKER_FAILURE")
    /// Generation hallucinated or returned nothing.
    static let llmHallucination = RootCauseCategory(rawValue: "LLM_HALLUCINATION")
    /// The answer lacks its source citations.
    static let citationMiss = RootCauseCategory(rawValue: "CITATION_MISS")
    /// A step failed but neither its error type nor its name says why.
    static let unknown = RootCauseCategory(rawValue: "UNKNOWN")
    /// Nothing failed.
    static let none = RootCauseCategory(rawValue: "NONE")

    /// The name.
    var description: String { rawValue }

    /// Orders by name.
    static func < (a: RootCauseCategory, b: RootCauseCategory) -> Bool { a.rawValue < b.rawValue }
}
