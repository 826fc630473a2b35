import Foundation

/// An OpenAI-compatible Chat Completions server on a `LocalHTTPServer`, as Ollama, llama.cpp's
/// server or OpenAI answer `POST /v1/chat/completions`: 404 elsewhere, 401 without the expected
/// `Authorization: Bearer` (when a key is set), 400 to `response_format` when it does not support
/// it, scripted failures answered before anything else, then a completion whose message content
/// is `content` (fenced in ```json when `fenced`).
final class FakeModelServer: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var server: LocalHTTPServer!
    private var failures: [LocalHTTPServer.Reply] = []
    let key: String?
    var content: String
    var refusesResponseFormat: Bool
    var fenced: Bool

    init(content: String = FakeModelServer.answer(), key: String? = nil, refusesResponseFormat: Bool = false, fenced: Bool = false) throws {
        self.content = content
        self.key = key
        self.refusesResponseFormat = refusesResponseFormat
        self.fenced = fenced
        server = try LocalHTTPServer { [unowned self] request in self.answer(request) }
    }

    deinit { server.stop() }

    /// The base URL to pass as `--llm-url`.
    var baseURL: String { server.baseURL + "/v1" }

    var requests: [LocalHTTPServer.Request] { server.receivedRequests }

    /// The request bodies as JSON objects.
    var bodies: [[String: Any]] { requests.map { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8))) as? [String: Any] ?? [:] } }

    /// Answers these before serving anything (the next request gets the first).
    func fail(with replies: [LocalHTTPServer.Reply]) { lock.withLock { failures += replies } }

    /// A valid answer, as JSON text, with `summary` as its summary.
    static func answer(summary: String = "Citation failures tripled after the prompt change.", next: String = "Restore the citation instruction in v3's system prompt.") -> String {
        let object: [String: Any] = [
            "summary": summary,
            "root_causes": [["step": "citation", "category": "CITATION_MISS", "explanation": "The new prompt dropped the cite-as-[n] rule.", "confidence": 0.8]],
            "recommendations": [["action": "Add the citation format back to the system prompt", "priority": "HIGH", "rationale": "It was there in v2."]],
            "next_iteration": next,
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private func json(_ value: Any) -> String { String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self) }

    private func answer(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        lock.lock()
        defer { lock.unlock() }
        if !failures.isEmpty { return failures.removeFirst() }
        guard request.method == "POST", request.target == "/v1/chat/completions" else {
            return .answer(404, body: json(["error": ["message": "not found"]]))
        }
        if let key, request.headers["authorization"] != "Bearer \(key)" {
            return .answer(401, body: json(["error": ["message": "invalid api key"]]))
        }
        guard let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any], let model = body["model"] as? String else {
            return .answer(400, body: json(["error": ["message": "invalid request body"]]))
        }
        if refusesResponseFormat, body["response_format"] != nil {
            return .answer(400, body: json(["error": ["message": "response_format is not supported", "type": "invalid_request_error"]]))
        }
        let text = fenced ? "Here is my analysis:\n```json\n\(content)\n```\nHope it helps." : content
        return .answer(200, headers: ["Content-Type": "application/json"], body: json([
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1_765_000_000, "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 900, "completion_tokens": 120, "total_tokens": 1020],
        ]))
    }
}
