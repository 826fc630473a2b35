import Foundation
import Testing
@testable import RegressionKit

/// The model client over a fake transport (no network, no real sleeping), the answer's
/// extraction and validation, the request and its cache key, and the cache.
@Suite("LLM client")
struct LLMClientTests {
    static let key = "sk-test-K3yK3yK3y"
    let server = LLMServer(baseURL: "http://127.0.0.1:11434/v1/", model: "m", apiKey: LLMClientTests.key)!
    let request = LLMRequest(model: "m", system: "explain", user: "Evidence (JSON):\n{}")

    static let valid = #"{"summary": "s", "root_causes": [{"step": "citation", "category": "CITATION_MISS", "explanation": "e", "confidence": 1}], "recommendations": [{"action": "a", "priority": "LOW", "rationale": "r"}], "next_iteration": "n"}"#

    func completion(_ content: String) -> HTTPOutcome {
        let body = JSONValue.object(["choices": .array([.object(["message": .object(["role": .string("assistant"), "content": .string(content)])])])]).compact
        return .response(HTTPResponse(status: 200, body: Data(body.utf8)))
    }

    func status(_ code: Int, _ headers: [String: String] = [:], _ body: String = "") -> HTTPOutcome {
        .response(HTTPResponse(status: code, headers: headers, body: Data(body.utf8)))
    }

    fileprivate func client(_ outcomes: [HTTPOutcome], _ seen: Seen, retries: Int = 2) -> LLMClient {
        let queue = Queue(outcomes)
        return LLMClient(server: server, transport: { r in await seen.add(r); return await queue.next() },
                         policy: RetryPolicy(retries: retries, initialBackoffSeconds: 0.5), sleep: { await seen.wait($0) })
    }

    @Test func retryAfterIsHonouredOn429And5xxButATimeoutIsFinal() async {
        let seen = Seen()
        let answer = await client([status(503), status(429, ["Retry-After": "4"]), completion(Self.valid)], seen).explain(request)
        #expect(answer.status == .ok && answer.analysis?.summary == "s")
        #expect(await seen.waits == [0.5, 4])
        #expect(await seen.requests.count == 3)

        let slow = Seen()
        let timedOut = await client([.failed("no answer within 1 s (timed out)")], slow).explain(request)
        #expect(timedOut == .unavailable("no answer from the model server: no answer within 1 s (timed out)", model: "m"))
        #expect(await slow.requests.count == 1)
        #expect(await slow.waits.isEmpty)

        let tired = Seen()
        let gaveUp = await client([status(500, [:], #"{"error": {"message": "boom"}}"#)], tired, retries: 1).explain(request)
        #expect(gaveUp.reason == "the model server answered HTTP 500: boom (2 attempts)")
    }

    @Test func a400ToResponseFormatIsAskedOnceMoreWithoutIt() async throws {
        let seen = Seen()
        let answer = await client([status(400, [:], #"{"error": "response_format unsupported"}"#), completion("Sure!\n```\n" + Self.valid + "\n```")], seen).explain(request)
        #expect(answer.status == .ok)
        let bodies = await seen.requests.map { String(decoding: $0.body ?? Data(), as: UTF8.self) }
        #expect(bodies.count == 2 && bodies[0].contains("\"response_format\"") && !bodies[1].contains("\"response_format\""))
        let sent = try #require(await seen.requests.first)
        #expect(sent.url.absoluteString == "http://127.0.0.1:11434/v1/chat/completions")
        #expect(sent.headers.contains { $0.name == "Authorization" && $0.value == "Bearer \(Self.key)" })

        let twice = Seen()
        let refused = await client([status(400, [:], #"{"error": {"message": "bad model"}}"#)], twice).explain(request)
        #expect(refused.reason == "the model server answered HTTP 400: bad model (2 attempts)")
    }

    @Test func theFirstJSONObjectIsFoundFencedOrInProse() throws {
        let inner = #"{"a": "has } and { in a string", "b": {"c": 1}}"#
        for text in [inner, "```json\n\(inner)\n```", "Here you go: \(inner) Thanks!", "{not json} then \(inner)", "```\n\(inner)\n```\n{\"other\": 1}"] {
            let value = try LLMAnswerText.firstJSONObject(in: text)
            guard case .object(let members) = value else { Issue.record("not an object: \(text)"); continue }
            #expect(members["a"] == .string("has } and { in a string"), "\(text)")
        }
        #expect(throws: LLMAnswerText.Failure.self) { try LLMAnswerText.firstJSONObject(in: "no braces here") }
        #expect(throws: LLMAnswerText.Failure.self) { try LLMAnswerText.firstJSONObject(in: "[1, 2]") }
    }

    @Test func anAnswerMustMatchTheSchemaExactly() throws {
        func check(_ text: String) -> String? {
            do { _ = try LLMAnalysis(validating: try JSONValue.parse(Array(text.utf8))); return nil } catch { return "\(error)" }
        }
        #expect(check(Self.valid) == nil)
        #expect(check(Self.valid.replacingOccurrences(of: "\"LOW\"", with: "\"urgent\"")) == "recommendations[0].priority is not one of HIGH, MEDIUM, LOW")
        #expect(check(Self.valid.replacingOccurrences(of: "\"confidence\": 1", with: "\"confidence\": 1.5")) == "root_causes[0].confidence is not a number from 0 to 1")
        #expect(check(Self.valid.replacingOccurrences(of: "\"next_iteration\": \"n\"", with: "\"next\": \"n\"")) == "the answer lacks \"next_iteration\"")
        #expect(check(Self.valid.replacingOccurrences(of: "\"summary\": \"s\"", with: "\"summary\": \"s\", \"verdict\": \"PASS\"")) == "the answer has a key the schema does not allow: \"verdict\"")
        #expect(check(Self.valid.replacingOccurrences(of: "\"summary\": \"s\"", with: "\"summary\": 3")) == "summary is not a string")
    }

    @Test func anEchoedKeyIsMaskedInTheAnalysisAndTheReason() async {
        let seen = Seen()
        let echoed = Self.valid.replacingOccurrences(of: "\"summary\": \"s\"", with: "\"summary\": \"your key is \(Self.key)\"")
        let answer = await client([completion(echoed)], seen).explain(request)
        #expect(answer.analysis?.summary == "your key is ***")
        let error = await client([status(401, [:], #"{"error": {"message": "bad key \#(Self.key)"}}"#)], Seen()).explain(request)
        #expect(error.reason == "the model server answered HTTP 401: bad key ***")
    }

    @Test func aServerNeverShowsItsKey() {
        var dumped = ""
        dump(server, to: &dumped)
        for text in ["\(server)", String(reflecting: server), dumped] {
            #expect(!text.contains(Self.key) && text.contains("11434"), "\(text)")
        }
        #expect(server.description == "http://127.0.0.1:11434/v1/chat/completions (model m, key set)")
        #expect(LLMServer(baseURL: "file:///etc/passwd", model: "m", apiKey: nil) == nil)
        #expect(LLMServer(baseURL: "localhost:11434", model: "m", apiKey: nil) == nil)
    }

    @Test func theCacheKeyIsTheRequestAndTheCacheKeepsOnlyTheAnswer() throws {
        #expect(request.cacheKey == LLMRequest(model: "m", system: "explain", user: "Evidence (JSON):\n{}").cacheKey)
        #expect(request.cacheKey != LLMRequest(model: "m2", system: "explain", user: "Evidence (JSON):\n{}").cacheKey)
        #expect(request.cacheKey != LLMRequest(model: "m", system: "explain", user: "Evidence (JSON):\n{\"a\": 1}").cacheKey)
        #expect(request.cacheKey.count == 64 && request.cacheKey.allSatisfy(\.isHexDigit))

        let dir = temporaryDirectory().appendingPathComponent("cache/llm").path
        let cache = LLMCache(directory: dir)
        #expect(cache.analysis(for: request) == nil)
        let analysis = try LLMAnalysis(validating: try JSONValue.parse(Array(Self.valid.utf8)))
        #expect(cache.store(analysis, for: request) == nil)
        #expect(cache.analysis(for: request) == analysis)
        #expect(cache.analysis(for: LLMRequest(model: "m2", system: "explain", user: "Evidence (JSON):\n{}")) == nil)
        let file = try String(contentsOfFile: cache.path(for: request), encoding: .utf8)
        #expect(!file.contains("explain") && !file.contains(Self.key), "the cache holds the answer only")
        try "{broken".write(toFile: cache.path(for: request), atomically: true, encoding: .utf8)
        #expect(cache.analysis(for: request) == nil, "a damaged entry is a miss")
    }

    @Test func inputsAreTheTenMostFrequentCutTo200Characters() {
        let long = String(repeating: "x", count: 300)
        var runs: [RunAnalysis] = []
        for (n, input) in ([long, long, long] + (0..<12).flatMap { i in Array(repeating: "q\(i)", count: i < 3 ? 2 : 1) }).enumerated() {
            runs.append(RunAnalysis(runID: "r\(n)", version: "v", category: .unknown, rootCauseStep: "s", errorType: nil, failedSteps: ["s"],
                                    steps: 1, inputSummary: input, failedAt: nil, lastTimestamp: nil, description: ""))
        }
        let inputs = LLMEvidence.mostFrequentInputs(of: runs)
        #expect(inputs.count == 10)
        #expect(inputs.first == LLMEvidence.FailingInput(input: String(repeating: "x", count: 200), failedRuns: 3))
        #expect(inputs.dropFirst().prefix(3).map(\.input) == ["q0", "q1", "q2"])
        #expect(inputs.last?.failedRuns == 1)
    }
}

private actor Queue {
    var outcomes: [HTTPOutcome]
    init(_ outcomes: [HTTPOutcome]) { self.outcomes = outcomes }
    func next() -> HTTPOutcome { outcomes.count > 1 ? outcomes.removeFirst() : outcomes[0] }
}

/// What a fake transport and sleeper saw.
private actor Seen {
    var requests: [HTTPRequest] = []
    var waits: [Double] = []
    func add(_ request: HTTPRequest) { requests.append(request) }
    func wait(_ seconds: Double) { waits.append(seconds) }
}
