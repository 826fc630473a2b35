import Foundation

/// A server that speaks OpenAI's Chat Completions protocol (OpenAI, Gemini's OpenAI-compatible
/// endpoint, Ollama, llama.cpp's server, vLLM, LM Studio): its base URL, the model, and the API
/// key when it needs one. The key goes into the `Authorization` header only; it is never part
/// of a description, an error, a cache key or a cache file.
package struct LLMServer: Sendable {
    /// The base URL, e.g. `http://127.0.0.1:11434/v1`; requests go to `BASE/chat/completions`.
    package var baseURL: URL
    package var model: String
    private var apiKey: String?

    /// A server at `baseURL` (http or https), nil for anything else.
    package init?(baseURL: String, model: String, apiKey: String?) {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host?.isEmpty == false else { return nil }
        self.baseURL = url
        self.model = model
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `BASE/chat/completions`.
    package var endpoint: URL {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/chat/completions")!
    }

    /// The HTTP request carrying `request`'s body, with or without `response_format`.
    func httpRequest(_ request: LLMRequest, responseFormat: Bool) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("Accept", "application/json"),
            ("User-Agent", "regress-gate/\(RegressionKitVersion.current)"),
        ]
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey)")) }
        return HTTPRequest(method: "POST", url: endpoint, headers: headers, body: request.body(responseFormat: responseFormat))
    }

    /// `text` with the key, if it appears, replaced by `***` (a hostile server may echo it).
    func masked(_ text: String) -> String {
        guard let apiKey, apiKey.count >= 4 else { return text }
        return text.replacingOccurrences(of: apiKey, with: "***")
    }
}

/// A server printed, dumped or interpolated shows its endpoint and model, never its key.
extension LLMServer: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String { "\(endpoint.absoluteString) (model \(model), \(apiKey == nil ? "no key" : "key set"))" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["endpoint": endpoint, "model": model], displayStyle: .struct) }
}
