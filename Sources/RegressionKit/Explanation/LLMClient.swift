import Foundation

/// Asks a Chat Completions server for an analysis and never fails the caller: whatever goes
/// wrong (no connection, a timeout, 429 or 5xx after the retries, an answer that is not JSON or
/// breaks the schema) comes back as an `unavailable` explanation with the reason in words.
///
/// 429 and 5xx are retried as `policy` says (its backoff, `Retry-After` honoured); a refused
/// connection or a timeout is not (the next attempt would wait as long again). A 400 to a
/// request with `response_format` is retried once without it: the answer's first JSON object is
/// then taken from its text, fenced in a code block or not.
package struct LLMClient: Sendable {
    package var server: LLMServer
    package var transport: HTTPTransport
    package var policy: RetryPolicy
    package var sleep: Sleeper

    package init(server: LLMServer, transport: @escaping HTTPTransport, policy: RetryPolicy, sleep: @escaping Sleeper = realSleeper) {
        self.server = server
        self.transport = transport
        self.policy = policy
        self.sleep = sleep
    }

    /// The model's analysis of `request`, or why there is none.
    package func explain(_ request: LLMRequest) async -> LLMExplanation {
        var (outcome, attempts) = await send(request, responseFormat: true)
        if case .response(let r) = outcome, r.status == 400 {
            let retried = await send(request, responseFormat: false)
            outcome = retried.outcome
            attempts += retried.attempts
        }
        switch outcome {
        case .failed(let words):
            return .unavailable(server.masked("no answer from the model server: \(words)"), model: server.model)
        case .response(let r) where !(200..<300).contains(r.status):
            let tries = attempts == 1 ? "" : " (\(attempts) attempts)"
            let message = Self.errorMessage(r.body).map { ": \($0)" } ?? ""
            return .unavailable(server.masked("the model server answered HTTP \(r.status)\(message)\(tries)"), model: server.model)
        case .response(let r):
            do throws(LLMAnswerText.Failure) {
                let text = try LLMAnswerText.content(ofResponse: Array(r.body))
                let value = try LLMAnswerText.firstJSONObject(in: text)
                do throws(LLMSchemaError) {
                    let analysis = try LLMAnalysis(validating: value)
                    return .ok(analysis.mapStrings(server.masked), model: server.model)
                } catch {
                    return .unavailable(server.masked("the model's answer does not match the schema: \(error)"), model: server.model)
                }
            } catch {
                return .unavailable(server.masked("\(error)"), model: server.model)
            }
        }
    }

    /// Sends one request, retrying 429 and 5xx answers only.
    private func send(_ request: LLMRequest, responseFormat: Bool) async -> (outcome: HTTPOutcome, attempts: Int) {
        let http = server.httpRequest(request, responseFormat: responseFormat)
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await transport(http)
            guard case .response(let r) = outcome, r.status == 429 || r.status >= 500,
                  let seconds = policy.wait(after: outcome, attempt: attempt, now: Date()) else { return (outcome, attempt) }
            await sleep(seconds)
        }
    }

    /// An API error's message (`{"error": {"message": ...}}` or `{"error": "..."}`), cut to 200 characters.
    static func errorMessage(_ body: Data) -> String? {
        guard case .object(let top)? = try? JSONValue.parse(Array(body.prefix(1 << 16))) else { return nil }
        var message: String?
        if case .object(let error)? = top["error"], case .string(let m)? = error["message"] { message = m }
        if case .string(let m)? = top["error"] { message = m }
        if message == nil, case .string(let m)? = top["message"] { message = m }
        return message.map { String($0.prefix(200)) }
    }
}
