import Foundation

/// Model answers kept by request: `DIR/<SHA-256 of the request>.json` holds the validated
/// analysis and the model's name, nothing else (no key, no messages). A re-run of the same
/// analysis reads it back: instant, free and identical. Files are written atomically; a file that
/// cannot be read or no longer validates is a miss.
package struct LLMCache: Sendable {
    /// The default folder, relative to the working directory.
    package static let defaultDirectory = ".regress-gate/cache/llm"

    package var directory: String

    package init(directory: String) { self.directory = directory }

    /// The file for `request`.
    package func path(for request: LLMRequest) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + request.cacheKey + ".json"
    }

    /// The analysis cached for `request`, nil when there is none (or it is unreadable).
    package func analysis(for request: LLMRequest) -> LLMAnalysis? {
        guard let bytes = try? AtomicFile.read(path(for: request)), bytes.count < 16 << 20,
              case .object(let top)? = try? JSONValue.parse(bytes), let answer = top["analysis"],
              top["model"] == .string(request.model) else { return nil }
        return try? LLMAnalysis(validating: answer)
    }

    /// Keeps `analysis` as the answer to `request`; a failure to write is said, never thrown:
    /// the analysis is shown all the same.
    package func store(_ analysis: LLMAnalysis, for request: LLMRequest) -> String? {
        let text = JSONValue.object([
            "format_version": .number(1),
            "model": .string(request.model),
            "analysis": analysis.jsonValue,
        ]).prettyPrinted
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(text, to: path(for: request), missingDirectories: .createAll)
            return nil
        } catch {
            return "the model's answer could not be cached in '\(directory)': \(error.reason)"
        }
    }
}

extension LLMClient {
    /// The cached analysis of `request` when `cache` has it, else the server's (cached when valid).
    /// The second value says why caching failed, when it did.
    package func explain(_ request: LLMRequest, cache: LLMCache?) async -> (LLMExplanation, cacheProblem: String?) {
        if let cache, let analysis = cache.analysis(for: request) {
            return (.ok(analysis, model: request.model, cached: true), nil)
        }
        let explanation = await explain(request)
        guard let cache, let analysis = explanation.analysis else { return (explanation, nil) }
        return (explanation, cache.store(analysis, for: request))
    }
}
