/// Why a run failed, in one word: the category of its root cause.
///
/// A struct over a string, not a closed enum, so a team's own categories (from a config
/// file) are first-class and new built-in ones do not break users:
///
/// ```swift
/// let c = RootCauseCategory(rawValue: "VECTOR_DB_DOWN")
/// c == .apiError   // false
/// ```
package struct RootCauseCategory: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The category's name, e.g. `API_ERROR`.
    package var rawValue: String

    /// Wraps a name (any string; the built-in ones are upper snake case).
    package init(rawValue: String) { self.rawValue = rawValue }

    /// Timeouts, rate limits, 5xx: an external API failed.
    package static let apiError = RootCauseCategory(rawValue: "API_ERROR")
    /// Retrieval found nothing relevant.
    package static let retrievalQuality = RootCauseCategory(rawValue: "RETRIEVAL_QUALITY")
    /// Reranking failed (unparseable response, reranker error).
    package static let rerankerFailure = RootCauseCategory(rawValue: "RERANKER_FAILURE")
    /// Generation hallucinated or returned nothing.
    package static let llmHallucination = RootCauseCategory(rawValue: "LLM_HALLUCINATION")
    /// The answer lacks its source citations.
    package static let citationMiss = RootCauseCategory(rawValue: "CITATION_MISS")
    /// A step failed but neither its error type nor its name says why.
    package static let unknown = RootCauseCategory(rawValue: "UNKNOWN")
    /// Nothing failed.
    package static let none = RootCauseCategory(rawValue: "NONE")

    /// The name.
    package var description: String { rawValue }

    /// Orders by name.
    package static func < (a: RootCauseCategory, b: RootCauseCategory) -> Bool { a.rawValue < b.rawValue }
}
