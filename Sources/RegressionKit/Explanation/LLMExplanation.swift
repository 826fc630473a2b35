/// What became of asking a model: its analysis, or why there is none. Reports show it beside
/// the rules' analysis; nothing else depends on it.
package struct LLMExplanation: Sendable, Equatable {
    /// `ok`: the model answered with a valid analysis; `unavailable`: it did not (see `reason`).
    package enum Status: String, Sendable, Equatable {
        case ok, unavailable
    }

    package var status: Status
    /// The model asked, nil when none was named.
    package var model: String?
    /// Why there is no analysis, in words; nil when there is one.
    package var reason: String?
    /// The model's analysis, when `status` is ok.
    package var analysis: LLMAnalysis?
    /// Whether the analysis came from the cache (no request was sent).
    package var cached: Bool

    /// An analysis the model gave.
    package static func ok(_ analysis: LLMAnalysis, model: String, cached: Bool = false) -> LLMExplanation {
        LLMExplanation(status: .ok, model: model, reason: nil, analysis: analysis, cached: cached)
    }

    /// No analysis, for `reason`.
    package static func unavailable(_ reason: String, model: String?) -> LLMExplanation {
        LLMExplanation(status: .unavailable, model: model, reason: reason, analysis: nil, cached: false)
    }

    /// `{"status", "model", "reason", "analysis"}`: the `llm` member of a JSON report. Whether
    /// the answer came from the cache is left out, so a re-run's report is byte for byte the first's.
    var jsonValue: JSONValue {
        .object([
            "status": .string(status.rawValue),
            "model": .string(model),
            "reason": .string(reason),
            "analysis": analysis?.jsonValue ?? .null,
        ])
    }
}
