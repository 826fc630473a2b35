import Foundation
import Testing
@testable import RegressionKit

/// How a trace's spans become a run of steps (issue 17's defaults).
struct TraceMappingTests {
    let trace = TraceID(high: 1, low: 2)
    var sequence = 0

    /// A gathered span: `id` and `parent` are small numbers (0: no parent); times in ms.
    func span(_ id: UInt64, parent: UInt64 = 0, _ name: String, start: UInt64 = 0, end: UInt64? = nil, error: Bool = false,
              message: String = "", attributes: [String: OTLPValue] = [:], events: [OTLPEvent] = [],
              resource: [String: OTLPValue] = ["service.version": .string("v1")]) -> GatheredSpan {
        let otlp = OTLPSpan(traceID: trace, spanID: SpanID(value: id), parentSpanID: parent == 0 ? nil : SpanID(value: parent), name: name,
                            startTimeUnixNano: start * 1_000_000, endTimeUnixNano: (end ?? start + 10) * 1_000_000,
                            attributes: attributes.sorted { $0.key < $1.key }.map { OTLPAttribute(key: $0.key, value: $0.value) },
                            events: events, status: OTLPStatus(code: error ? 2 : 0, message: message))
        let mapping = TraceMapping.default
        return GatheredSpan(otlp, resource: resource.map { OTLPAttribute(key: $0.key, value: $0.value) }.filter { mapping.resourceKeys.contains($0.key) },
                            sequence: Int(id), origin: SpanOrigin(file: 0, line: Int(id)))
    }

    func run(_ spans: [GatheredSpan]) throws -> TraceRun { try TraceMapping.default.run(of: trace, spans: spans).get() }

    func exception(_ type: String) -> OTLPEvent {
        OTLPEvent(name: "exception", attributes: [OTLPAttribute(key: "exception.type", value: .string(type))])
    }

    @Test func stepsAreTheRootsDirectChildrenByStartTime() throws {
        let r = try run([
            span(3, parent: 1, "generation", start: 20),
            span(1, "pipeline", start: 0, end: 100),
            span(2, parent: 1, "retrieval", start: 5),
            span(4, parent: 3, "llm.chat", start: 21),   // below a step: not a step
        ])
        #expect(r.steps.map(\.name) == ["retrieval", "generation"])
        #expect(r.version == "v1" && r.traceID == trace)
        #expect(r.steps.map(\.origin.line) == [2, 3])
    }

    @Test func withoutAParentlessSpanTheRootIsTheOneWhoseParentIsMissing() throws {
        let r = try run([span(2, parent: 1, "child-of-root", start: 0), span(5, parent: 99, "partial-root", start: 1), span(6, parent: 5, "step", start: 2)])
        // 2's parent (1) is not in the trace either, and it started first: it is the root.
        #expect(r.steps.map(\.name) == ["child-of-root"])
        let lone = try run([span(5, parent: 99, "partial-root", start: 1), span(6, parent: 5, "step", start: 2)])
        #expect(lone.steps.map(\.name) == ["step"])
    }

    @Test func aRootWithoutChildrenIsARunOfOneStepItself() throws {
        #expect(try run([span(1, "single-call", error: true, message: "boom")]).steps.map(\.name) == ["single-call"])
    }

    @Test func aSpanExportedTwiceCountsOnce() throws {
        let r = try run([span(1, "root"), span(2, parent: 1, "retrieval"), span(2, parent: 1, "retrieval")])
        #expect(r.steps.count == 1)
    }

    @Test func onlyTheStepsOwnErrorStatusFailsIt() throws {
        let r = try run([
            span(1, "root"),
            span(2, parent: 1, "retrieval", start: 1, events: [exception("TimeoutError")]),   // handled: a retry
            span(3, parent: 1, "generation", start: 2),
            span(4, parent: 3, "llm.chat", start: 3, error: true, attributes: ["error.type": .string("500")]),   // below the step
            span(5, parent: 1, "citation", start: 4, error: true, message: "no source"),
        ])
        #expect(r.steps.map(\.success) == [true, true, false])
        #expect(r.steps.map(\.errorType) == [nil, nil, "no source"])
    }

    @Test func theErrorTypeIsErrorTypeThenTheLastExceptionThenTheStatusMessage() throws {
        let r = try run([
            span(1, "root"),
            span(2, parent: 1, "a", start: 1, error: true, message: "m", attributes: ["error.type": .string("RateLimit")], events: [exception("X")]),
            span(3, parent: 1, "b", start: 2, error: true, message: "m", events: [exception("First"), OTLPEvent(name: "log"), exception("Last")]),
            span(4, parent: 1, "c", start: 3, error: true, message: "only the message"),
            span(5, parent: 1, "d", start: 4, error: true),
        ])
        #expect(r.steps.map(\.errorType) == ["RateLimit", "Last", "only the message", nil])
    }

    @Test func latencyIsEndMinusStartInMilliseconds() throws {
        let r = try run([span(1, "root"), span(2, parent: 1, "s", start: 5, end: 17)])
        #expect(r.steps[0].latencyMS == 12)
        #expect(r.steps[0].startTimeUnixNano == 5_000_000)
    }

    @Test func tokensAreTheStepsOwnByTheFirstRuleThatHasThem() throws {
        func tokens(_ attributes: [String: OTLPValue]) throws -> Int? {
            try run([span(1, "root"), span(2, parent: 1, "s", attributes: attributes)]).steps[0].tokenCount
        }
        #expect(try tokens(["gen_ai.usage.input_tokens": .int(10), "gen_ai.usage.output_tokens": .int(5), "llm.token_count.total": .int(99)]) == 15)
        #expect(try tokens(["gen_ai.usage.input_tokens": .int(10)]) == 10)
        #expect(try tokens(["llm.token_count.total": .int(99), "llm.token_count.prompt": .int(1)]) == 99)
        #expect(try tokens(["llm.token_count.prompt": .int(7), "llm.token_count.completion": .int(3)]) == 10)
        #expect(try tokens(["gen_ai.usage.prompt_tokens": .int(4), "gen_ai.usage.completion_tokens": .double(2)]) == 6)
        #expect(try tokens(["gen_ai.usage.input_tokens": .string("12")]) == nil)
        #expect(try tokens(["gen_ai.usage.input_tokens": .int(.max), "gen_ai.usage.output_tokens": .int(1)]) == nil)   // overflow: unknown
        #expect(try tokens([:]) == nil)
    }

    @Test func withoutTheirOwnAStepsTokensAreItsChildrensEachCountedOnce() throws {
        let r = try run([
            span(1, "root"),
            span(2, parent: 1, "generation", start: 1),
            span(3, parent: 2, "chain", start: 2, attributes: ["llm.token_count.total": .int(100)]),
            span(4, parent: 3, "llm", start: 3, attributes: ["llm.token_count.total": .int(100)]),   // inside the chain's total
            span(5, parent: 2, "agent", start: 4),
            span(6, parent: 5, "llm", start: 5, attributes: ["gen_ai.usage.input_tokens": .int(20), "gen_ai.usage.output_tokens": .int(2)]),
            span(7, parent: 1, "citation", start: 6),
        ])
        #expect(r.steps.map(\.tokenCount) == [122, nil])
    }

    @Test func theModelIsTheStepsOwnElseTheFirstBelowIt() throws {
        let r = try run([
            span(1, "root"),
            span(2, parent: 1, "a", start: 1, attributes: ["gen_ai.request.model": .string("req"), "gen_ai.response.model": .string("resp")]),
            span(3, parent: 1, "b", start: 2, attributes: ["llm.model_name": .string("oi")]),
            span(4, parent: 1, "c", start: 3),
            span(6, parent: 4, "late", start: 9, attributes: ["llm.model_name": .string("second")]),
            span(5, parent: 4, "early", start: 4, attributes: ["gen_ai.request.model": .string("first")]),
        ])
        #expect(r.steps.map(\.modelName) == ["resp", "oi", "first"])
    }

    @Test func theVersionIsLookedUpInTheIssuesOrder() throws {
        let noResource: [String: OTLPValue] = [:]
        func version(_ root: [String: OTLPValue], resource: [String: OTLPValue] = [:], child: [String: OTLPValue] = [:]) throws -> String {
            try run([span(1, "root", attributes: root, resource: resource), span(2, parent: 1, "s", attributes: child, resource: noResource)]).version
        }
        let all: [String: OTLPValue] = [
            "langfuse.version": .string("langfuse"), "metadata": .string(#"{"prompt_version": "meta", "case_id": "c"}"#),
            "traceloop.association.properties.prompt_version": .string("traceloop")]
        #expect(try version(all, resource: ["service.version": .string("resource")]) == "resource")
        #expect(try version(all) == "langfuse")
        #expect(try version(all.filter { $0.key != "langfuse.version" }) == "meta")
        #expect(try version(["metadata": .string(#"{"prompt_version": 3}"#)]) == "3")
        #expect(try version(["metadata": .string("not json"), "traceloop.association.properties.prompt_version": .string("traceloop")]) == "traceloop")
        #expect(try version(["langfuse.version": .string("")], child: ["llm.prompt_template.version": .string("template")]) == "template")
        #expect(try version(["langfuse.version": .int(7)]) == "7")
    }

    @Test func aTraceWithoutAVersionIsAProblemNamingTheTraceAndTheKeysTried() throws {
        let result = TraceMapping.default.run(of: trace, spans: [span(1, "root", resource: [:]), span(2, parent: 1, "s", resource: [:])])
        guard case .failure(let problem) = result else { Issue.record("a run without a version"); return }
        #expect(problem.origin == SpanOrigin(file: 0, line: 1))
        #expect(problem.message(trace) == "trace 00000000000000010000000000000002 has no version: none of resource service.version, root langfuse.version, root metadata.prompt_version, root traceloop.association.properties.prompt_version, any span's llm.prompt_template.version is set; set one of them in the traces")
    }

    @Test func aTraceWhoseSpansAreACycleHasNoRoot() throws {
        let result = TraceMapping.default.run(of: trace, spans: [span(1, parent: 2, "a"), span(2, parent: 1, "b")])
        #expect(result == .failure(.noRoot(first: SpanOrigin(file: 0, line: 1))))
    }

    @Test func theCaseAndInputAreTheRootsInTheIssuesOrder() throws {
        func read(_ root: [String: OTLPValue]) throws -> (String?, String?) {
            let r = try run([span(1, "root", attributes: root), span(2, parent: 1, "s", attributes: ["session.id": .string("not the root")])])
            return (r.caseID, r.inputSummary)
        }
        #expect(try read(["session.id": .string("s"), "langfuse.session.id": .string("l"), "input.value": .string("q"), "traceloop.entity.input": .string("t")]) == ("s", "q"))
        #expect(try read(["langfuse.session.id": .string("l"), "gen_ai.conversation.id": .string("g")]) == ("l", nil))
        #expect(try read(["gen_ai.conversation.id": .string("g"), "metadata": .string(#"{"case_id": "m"}"#)]) == ("g", nil))
        #expect(try read(["metadata": .string(#"{"case_id": "m"}"#), "traceloop.association.properties.case_id": .string("t")]) == ("m", nil))
        #expect(try read(["traceloop.association.properties.case_id": .string("t"), "traceloop.entity.input": .string("in")]) == ("t", "in"))
        #expect(try read(["gen_ai.retrieval.query.text": .string("query")]) == (nil, "query"))
        let long = String(repeating: "é", count: 150) + String(repeating: "👩‍👩‍👧", count: 30)
        #expect(try read(["input.value": .string(long)]).1 == String(long.unicodeScalars.prefix(200)))
    }

    @Test func aSpanKeepsOnlyTheAttributesTheRulesRead() throws {
        let payload = String(repeating: "x", count: 10_000)
        let json = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","#
            + #""name":"root","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[{"key":"big.payload","value":{"stringValue":""#
            + payload + #""}},{"key":"input.value","value":{"stringValue":"q"}}]}]}]}]}"#
        let (batch, _) = try Array(json.utf8).withUnsafeBufferPointer { bytes throws(OTLPDecodingError) in
            try OTLPJSONDecoder.decode(bytes, keeping: .of(.default))
        }
        #expect(batch.first?.spans.first?.attributes.map(\.key) == ["input.value"])
    }
}
