import Foundation

/// One Chat Completions request for an explanation: the model, a system and a user message, and
/// the answer schema. It holds no key: the client adds `Authorization` when it sends it.
package struct LLMRequest: Sendable, Equatable {
    /// The model's name, as the server knows it (`qwen2.5:7b`, `gpt-4o-mini`).
    package var model: String
    /// The instructions.
    package var system: String
    /// The evidence.
    package var user: String

    /// `[{"role": "system", ...}, {"role": "user", ...}]`.
    var messages: JSONValue {
        .array([
            .object(["role": .string("system"), "content": .string(system)]),
            .object(["role": .string("user"), "content": .string(user)]),
        ])
    }

    /// The body to POST to `BASE/chat/completions`; with `responseFormat`, asking for a JSON
    /// answer of `LLMAnalysis.schema` (`response_format: {"type": "json_schema", ...}`).
    func body(responseFormat: Bool) -> Data {
        var members: [String: JSONValue] = [
            "model": .string(model),
            "messages": messages,
            "stream": .bool(false),
        ]
        if responseFormat {
            members["response_format"] = .object([
                "type": .string("json_schema"),
                "json_schema": .object(["name": .string("regress_gate_analysis"), "strict": .bool(true), "schema": LLMAnalysis.schema]),
            ])
        }
        return Data(JSONValue.object(members).compact.utf8)
    }

    /// The cache's name for this request: SHA-256 of the model, the messages and the schema
    /// (compact JSON, keys sorted), in hexadecimal. The same analysis asks the same request.
    package var cacheKey: String {
        SHA256.hex(JSONValue.object(["model": .string(model), "messages": messages, "schema": LLMAnalysis.schema]).compact.utf8)
    }
}
