import Foundation
import Testing
@testable import RegressionKit

/// OTLP/JSON as producers write it: every accepted variant, and every refusal with its position.
struct OTLPJSONDecoderTests {
    let trace = TraceID(high: 0x5b8e_fff7_9803_8103, low: 0xd269_b633_813f_c60c)

    func onlySpan(_ text: String) throws -> OTLPSpan {
        let batch = try decodeOTLPJSON(text)
        #expect(batch.count == 1 && batch[0].spans.count == 1)
        return batch[0].spans[0]
    }

    @Test func theCollectorsLayoutDecodes() throws {
        let span = try onlySpan(jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", parent: "eee19b7ec3c1b173", name: "retrieval",
                                                      extra: #""kind":3,"status":{"code":2,"message":"timed out"}"#)]))
        #expect(span.traceID == trace)
        #expect(span.spanID == SpanID(value: 0xeee1_9b7e_c3c1_b174))
        #expect(span.parentSpanID == SpanID(value: 0xeee1_9b7e_c3c1_b173))
        #expect(span.name == "retrieval")
        #expect(span.startTimeUnixNano == 1_794_300_000_000_000_000 && span.endTimeUnixNano == 1_794_300_000_001_000_000)
        #expect(span.status == OTLPStatus(code: 2, message: "timed out"))
    }

    @Test(arguments: [
        ("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"),   // hex, as OTLP/JSON writes it
        ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"),   // hex in capitals
        ("W47/95gDgQPSabYzgT/GDA==", "7uGbfsPBsXQ="),               // base64, as MessageToJson writes it
        ("W47_95gDgQPSabYzgT_GDA", "7uGbfsPBsXQ"),                  // URL-safe base64 without padding
    ])
    func idsAreHexInEitherCaseOrBase64(ids: (String, String)) throws {
        let span = try onlySpan(jsonRequest([jsonSpan(trace: ids.0, span: ids.1, name: "s")]))
        #expect(span.traceID == trace && span.spanID == SpanID(value: 0xeee1_9b7e_c3c1_b174))
    }

    @Test func int64sBeyondTwoToThe53AreExactAsStringsOrBareNumbers() throws {
        // 2^63 + 1 and an odd number above 2^53: a Double would round both.
        for (start, end) in [("\"9223372036854775809\"", "\"9223372036854775811\""), ("9007199254740993", "18446744073709551615")] {
            let text = jsonRequest([#"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"s","startTimeUnixNano":\#(start),"endTimeUnixNano":\#(end)}"#])
            let span = try onlySpan(text)
            #expect(String(span.startTimeUnixNano) == start.replacingOccurrences(of: "\"", with: ""))
            #expect(String(span.endTimeUnixNano) == end.replacingOccurrences(of: "\"", with: ""))
        }
        let attribute = try onlySpan(jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: "s",
            extra: #""attributes":[{"key":"a","value":{"intValue":"-9223372036854775808"}},{"key":"b","value":{"intValue":9007199254740993}}]"#)]))
        #expect(attribute.attributes.map(\.value) == [.int(.min), .int(9_007_199_254_740_993)])
    }

    @Test(arguments: [("2", true), ("\"STATUS_CODE_ERROR\"", true), ("1", false), ("\"STATUS_CODE_OK\"", false), ("\"STATUS_CODE_UNSET\"", false), ("null", false)])
    func statusCodesAreNumbersOrNames(code: String, isError: Bool) throws {
        let span = try onlySpan(jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: "s",
                                                      extra: #""kind":"SPAN_KIND_CLIENT","status":{"code":\#(code)}"#)]))
        #expect(span.status.isError == isError)
    }

    @Test func snakeCaseKeysAndTheOldInstrumentationLibrarySpansAreRead() throws {
        let text = #"""
        {"resource_spans":[{"resource":{"attributes":[{"key":"service.version","value":{"string_value":"v2"}}]},
          "instrumentation_library_spans":[{"instrumentation_library":{"name":"old"},"spans":[
            {"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174","parent_span_id":"",
             "name":"generation","start_time_unix_nano":"10","end_time_unix_nano":"30",
             "attributes":[{"key":"gen_ai.usage.input_tokens","value":{"int_value":"12"}}],
             "events":[{"time_unix_nano":"20","name":"exception","attributes":[{"key":"exception.type","value":{"string_value":"Boom"}}]}],
             "status":{"code":"STATUS_CODE_ERROR","message":"m"}}]}]}]}
        """#
        let batch = try decodeOTLPJSON(text)
        #expect(batch[0].resource == [OTLPAttribute(key: "service.version", value: .string("v2"))])
        let span = batch[0].spans[0]
        #expect(span.parentSpanID == nil && span.startTimeUnixNano == 10 && span.endTimeUnixNano == 30)
        #expect(span.attributes == [OTLPAttribute(key: "gen_ai.usage.input_tokens", value: .int(12))])
        #expect(span.events == [OTLPEvent(name: "exception", timeUnixNano: 20, attributes: [OTLPAttribute(key: "exception.type", value: .string("Boom"))])])
        #expect(span.status == OTLPStatus(code: 2, message: "m"))
    }

    @Test func everyAttributeValueTypeDecodes() throws {
        let span = try onlySpan(jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: "s", extra: #"""
            "attributes":[
              {"key":"s","value":{"stringValue":"text \"quoted\" \u00e9"}},
              {"key":"b","value":{"boolValue":true}},
              {"key":"i","value":{"intValue":"42"}},
              {"key":"d","value":{"doubleValue":0.25}},
              {"key":"dn","value":{"doubleValue":"NaN"}},
              {"key":"a","value":{"arrayValue":{"values":[{"stringValue":"x"},{"intValue":1}]}}},
              {"key":"k","value":{"kvlistValue":{"values":[{"key":"inner","value":{"boolValue":false}}]}}},
              {"key":"y","value":{"bytesValue":"AAFiaW5hcnn/"}},
              {"key":"e","value":{}}]
            """#)]))
        let values = Dictionary(uniqueKeysWithValues: span.attributes.map { ($0.key, $0.value) })
        #expect(values["s"] == .string("text \"quoted\" é"))
        #expect(values["b"] == .bool(true))
        #expect(values["i"] == .int(42))
        #expect(values["d"] == .double(0.25))
        if case .double(let nan)? = values["dn"] { #expect(nan.isNaN) } else { Issue.record("NaN not decoded") }
        #expect(values["a"] == .array([.string("x"), .int(1)]))
        #expect(values["k"] == .keyValueList([OTLPAttribute(key: "inner", value: .bool(false))]))
        #expect(values["y"] == .bytes([0, 1] + Array("binary".utf8) + [0xFF]))
        #expect(values["e"] == .empty)
    }

    @Test func unknownFieldsAndNullsAreIgnored() throws {
        let span = try onlySpan(#"{"future":{"x":[1,{"y":null}]},"resourceSpans":[{"resource":null,"schemaUrl":"u","scopeSpans":[{"scope":null,"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":null,"name":"s","flags":256,"links":[{"traceId":"x"}],"startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":null,"events":null,"status":null,"droppedAttributesCount":3}]}]}]}"#)
        #expect(span.name == "s" && span.attributes.isEmpty && span.status == OTLPStatus())
    }

    @Test func anEmptyRequestIsNoSpans() throws {
        #expect(try decodeOTLPJSON("{}").isEmpty)
        #expect(try decodeOTLPJSON(#"{"resourceSpans":[]}"#).isEmpty)
    }

    /// The refusal of `text`: its offset and message.
    func refusal(_ text: String) -> OTLPDecodingError? {
        do { _ = try decodeOTLPJSON(text); return nil } catch { return error }
    }

    @Test func theConsoleSpanExportersOutputIsRefusedAsNotOTLP() throws {
        let text = try String(contentsOfFile: fixture("otlp/bad/console-exporter.json"), encoding: .utf8)
        let error = try #require(refusal(text))
        #expect(error.offset == 0)
        #expect(error.message.hasPrefix("not OTLP: a span as the OpenTelemetry Python SDK's ConsoleSpanExporter prints it"))
        #expect(refusal(#"{"spans":[]}"#)?.message == #"not OTLP: the object has no "resourceSpans""#)
        #expect(refusal("[1]")?.message.hasPrefix("not OTLP: expected a JSON object") == true)
    }

    @Test(arguments: [
        ("", "a span's traceId is empty"),
        ("00000000000000000000000000000000", "a span's traceId is all zeros, which is not a valid id"),
        ("0x5b8efff798038103d269b633813fc60c", "a span's traceId is written \"0x…\""),
        ("5b8efff798038103d269b633813fc6", "a span's traceId is neither 32 hex digits nor the base64 of 16 bytes"),
        ("zz8efff798038103d269b633813fc60c", "a span's traceId is neither 32 hex digits nor the base64 of 16 bytes"),
    ])
    func malformedTraceIdsAreRefusedAtTheValue(id: String, message: String) throws {
        let text = jsonRequest([jsonSpan(trace: id, span: "eee19b7ec3c1b174", name: "s")])
        let error = try #require(refusal(text))
        #expect(error.message.hasPrefix(message), "\(error.message)")
        let valueOffset = Array(text.utf8).firstRange(of: Array(#""traceId":"#.utf8))!.upperBound
        #expect(id.isEmpty || error.offset == valueOffset)
    }

    @Test func aSpanWithoutAnIdOrEndingBeforeItStartsIsRefusedAtTheSpan() throws {
        let missing = jsonRequest([#"{"traceId":"5b8efff798038103d269b633813fc60c","name":"s"}"#])
        let spanStart = Array(missing.utf8).firstRange(of: Array(#"{"traceId""#.utf8))!.lowerBound
        #expect(refusal(missing) == OTLPDecodingError(offset: spanStart, message: "a span's spanId is empty"))
        let backwards = jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: "s", start: 20, end: 10)])
        #expect(refusal(backwards) == OTLPDecodingError(offset: spanStart, message: "span eee19b7ec3c1b174 ends (10 ns) before it starts (20 ns)"))
    }

    @Test(arguments: [
        (#""startTimeUnixNano":1.5e18"#, #""startTimeUnixNano" must be an integer, found 1.5e18"#),
        (#""startTimeUnixNano":"-1""#, #""startTimeUnixNano" is negative"#),
        (#""startTimeUnixNano":"18446744073709551616""#, #""startTimeUnixNano" is out of range (at most 18446744073709551615)"#),
        (#""startTimeUnixNano":"12ab""#, #""startTimeUnixNano" must be an integer, found "12ab""#),
        (#""status":{"code":"STATUS_CODE_MAYBE"}"#, #""code" must be STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR or a number, found "STATUS_CODE_MAYBE""#),
        (#""attributes":[{"key":"b","value":{"bytesValue":"***"}}]"#, #""bytesValue" is not base64"#),
    ])
    func badNumbersAndNamesAreRefusedAtTheValue(member: String, message: String) throws {
        let text = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",\#(member)}]}]}]}"#
        let error = try #require(refusal(text))
        #expect(error.message == message)
        let colon = Array(text.utf8).firstRange(of: Array(member.utf8))!.lowerBound
        #expect(error.offset > colon && error.offset < colon + member.utf8.count)
    }

    @Test func aSyntaxErrorIsRefusedWhereItIs() throws {
        let text = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"s",}]}]}]}"#
        let error = try #require(refusal(text))
        #expect(error.offset == Array(text.utf8).firstIndex(of: UInt8(ascii: "}"))!)
    }

    @Test func theReaderDecodesOnlyTheAttributesTheMappingReads() throws {
        let text = jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: "s", extra: #"""
            "attributes":[{"key":"big","value":{"stringValue":"xxxxxxxx"}},{"value":{"intValue":"3"},"key":"llm.token_count.total"},
                          {"key":"error\u002etype","value":{"stringValue":"E"}},{"key":"nested","value":{"kvlistValue":{"values":[{"key":"deep","value":{}}]}}}],
            "events":[{"name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"Boom"}},{"key":"exception.stacktrace","value":{"stringValue":"..."}}]}]
            """#)])
        let bytes = Array(text.utf8)
        let batch = try bytes.withUnsafeBufferPointer { buffer in
            try Result { () throws(OTLPDecodingError) in try OTLPJSONDecoder.decode(buffer, keeping: .of(.default)).0 }.get()
        }
        let span = batch[0].spans[0]
        #expect(span.attributes == [OTLPAttribute(key: "llm.token_count.total", value: .int(3)), OTLPAttribute(key: "error.type", value: .string("E"))])
        #expect(span.events[0].attributes == [OTLPAttribute(key: "exception.type", value: .string("Boom"))])
        #expect(batch[0].resource == [OTLPAttribute(key: "service.version", value: .string("v1"))])
    }

    @Test func hostileNamesAreKeptAsTheyAre() throws {
        let name = "step\u{0}\"}\n\u{202E}<script>💥"
        let span = try onlySpan(jsonRequest([jsonSpan(span: "eee19b7ec3c1b174", name: name)]))
        #expect(span.name == name)
    }
}
