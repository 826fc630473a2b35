import Foundation
import Testing
@testable import RegressionKit

/// Binary protobuf requests: the fields read, the ones skipped, and every refusal with its byte offset.
struct OTLPProtobufDecoderTests {
    let traceID = hexBytes("5b8efff798038103d269b633813fc60c")

    /// A span with the given ids and times, and what `more` adds.
    func writeSpan(_ w: inout ProtobufWriter, id: String = "eee19b7ec3c1b174", parent: String? = nil, name: String = "retrieval",
              start: UInt64 = 10, end: UInt64 = 30, more: (inout ProtobufWriter) -> Void = { _ in }) {
        w.message(2) { s in
            s.bytesField(1, traceID)
            s.bytesField(2, hexBytes(id))
            if let parent { s.bytesField(4, hexBytes(parent)) }
            s.string(5, name)
            s.varintField(6, 3)   // kind, skipped
            s.fixed64(7, start)
            s.fixed64(8, end)
            more(&s)
        }
    }

    @Test func theFieldsTheGateReadsDecode() throws {
        let request = protobufRequest { w in
            writeSpan(&w, parent: "eee19b7ec3c1b173", start: 9_223_372_036_854_775_809, end: 18_446_744_073_709_551_615) { s in
                s.stringAttribute(9, "error.type", "Timeout")
                s.message(9) { kv in kv.string(1, "n"); kv.message(2) { $0.varintField(3, UInt64(bitPattern: -5)) } }
                s.message(9) { kv in kv.string(1, "d"); kv.message(2) { $0.fixed64(4, (0.5).bitPattern) } }
                s.message(9) { kv in kv.string(1, "b"); kv.message(2) { $0.varintField(2, 1) } }
                s.message(9) { kv in kv.string(1, "y"); kv.message(2) { $0.bytesField(7, [0, 0xFF]) } }
                s.message(9) { kv in kv.string(1, "a"); kv.message(2) { v in v.message(5) { a in a.message(1) { $0.string(1, "x") } } } }
                s.message(9) { kv in kv.string(1, "k"); kv.message(2) { v in v.message(6) { l in l.stringAttribute(1, "in", "side") } } }
                s.message(11) { e in e.fixed64(1, 20); e.string(2, "exception"); e.stringAttribute(3, "exception.type", "Boom") }
                s.message(15) { st in st.string(2, "timed out"); st.varintField(3, 2) }
            }
        }
        let batch = try decodeOTLPProtobuf(request)
        #expect(batch.count == 1)
        #expect(batch[0].resource == [OTLPAttribute(key: "service.version", value: .string("v1"))])
        let s = try #require(batch[0].spans.first)
        #expect(s.traceID == TraceID(high: 0x5b8e_fff7_9803_8103, low: 0xd269_b633_813f_c60c))
        #expect(s.parentSpanID == SpanID(value: 0xeee1_9b7e_c3c1_b173))
        #expect(s.startTimeUnixNano == 9_223_372_036_854_775_809 && s.endTimeUnixNano == .max)
        #expect(s.attributes.map(\.value) == [.string("Timeout"), .int(-5), .double(0.5), .bool(true), .bytes([0, 0xFF]),
                                               .array([.string("x")]), .keyValueList([OTLPAttribute(key: "in", value: .string("side"))])])
        #expect(s.events == [OTLPEvent(name: "exception", timeUnixNano: 20, attributes: [OTLPAttribute(key: "exception.type", value: .string("Boom"))])])
        #expect(s.status == OTLPStatus(code: 2, message: "timed out"))
    }

    @Test func unknownFieldsOfEveryWireTypeAndMismatchedWireTypesAreSkipped() throws {
        let request = protobufRequest { w in
            writeSpan(&w) { s in
                s.varintField(99, 12345)
                s.fixed64(98, 1)
                s.tag(97, 5); s.bytes += [1, 2, 3, 4]                       // fixed32
                s.tag(96, 3); s.varintField(1, 7); s.string(2, "g"); s.tag(96, 4)   // a group
                s.varintField(5, 7)                                         // name as a varint: not a name
                s.bytesField(100, [0x0A, 0xFF])
            }
        }
        let decoded = try #require(try decodeOTLPProtobuf(request).first?.spans.first)
        #expect(decoded.name == "retrieval" && decoded.startTimeUnixNano == 10)
    }

    @Test func theReaderDecodesOnlyTheAttributesTheMappingReads() throws {
        let request = protobufRequest { w in
            writeSpan(&w) { s in
                s.stringAttribute(9, "big", "xxxxxxxx")
                s.message(9) { kv in kv.string(1, "llm.token_count.total"); kv.message(2) { $0.varintField(3, 3) } }
                s.message(9) { kv in kv.string(1, "skipped"); kv.bytesField(2, [0xFF, 0xFF]) }   // not decoded: a broken value goes unseen
            }
        }
        let decoded = try request.withUnsafeBufferPointer { buffer in
            try Result { () throws(OTLPDecodingError) in try OTLPProtobufDecoder.decode(buffer, keeping: .of(.default)) }.get()
        }
        #expect(decoded[0].spans[0].attributes == [OTLPAttribute(key: "llm.token_count.total", value: .int(3))])
        #expect(decoded[0].resource.map(\.key) == ["service.version"])
    }

    @Test func theOldInstrumentationLibrarySpansIsRead() throws {
        var w = ProtobufWriter()
        w.message(1) { rs in rs.message(1000) { writeSpan(&$0) } }
        #expect(try decodeOTLPProtobuf(w.bytes).first?.spans.first?.name == "retrieval")
    }

    func refusal(_ bytes: [UInt8]) -> OTLPDecodingError? {
        do { _ = try decodeOTLPProtobuf(bytes); return nil } catch { return error }
    }

    @Test func aTruncatedMessageIsRefusedWhereItsLengthRunsPastTheEnd() throws {
        let request = protobufRequest { writeSpan(&$0) }
        let error = try #require(refusal(Array(request.dropLast(3))))
        #expect(error.offset == 1)   // the first length, after the first tag
        #expect(error.message.hasPrefix("truncated protobuf: a length of \(request.count - 2) bytes runs past the end of its message (\(request.count - 5) bytes left)"))
    }

    @Test func aLengthPrefixPastTheEndInsideAMessageNamesItsOffset() throws {
        // resource_spans { scope_spans (length 50, only 2 bytes follow) }
        let error = try #require(refusal([0x0A, 0x04, 0x12, 50, 0x0A, 0x00]))
        #expect(error == OTLPDecodingError(offset: 3, message: "truncated protobuf: a length of 50 bytes runs past the end of its message (2 bytes left)"))
    }

    @Test(arguments: [
        ([0x0A, 0x80], 1, "truncated protobuf: a varint runs past the end of its message"),
        ([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01], 1, "malformed protobuf: varint longer than 64 bits"),
        ([0x00, 0x00], 0, "malformed protobuf: field number 0"),
        ([0x0F], 0, "malformed protobuf: wire type 7 of field 1 does not exist"),
        ([0x09, 1, 2, 3], 1, "truncated protobuf: a fixed64 runs past the end of its message"),
        ([0x0C], 1, "malformed protobuf: end of group 1 outside a group"),
        ([0x0B, 0x08, 0x01], 3, "truncated protobuf: group 1 has no end"),
    ] as [([UInt8], Int, String)])
    func malformedWireDataIsRefusedAtItsOffset(bytes: [UInt8], offset: Int, message: String) throws {
        #expect(refusal(bytes) == OTLPDecodingError(offset: offset, message: message))
    }

    @Test func deepNestingIsRefusedNotRecursedInto() throws {
        // An attribute value that is an array of an array of ... 200 deep.
        var value = ProtobufWriter()
        value.string(1, "leaf")
        for _ in 0..<200 {
            var outer = ProtobufWriter()
            outer.message(5) { $0.bytesField(1, value.bytes) }
            value = outer
        }
        let request = protobufRequest { w in writeSpan(&w) { s in s.message(9) { kv in kv.string(1, "deep"); kv.bytesField(2, value.bytes) } } }
        #expect(refusal(request)?.message.hasPrefix("protobuf nested deeper than 100 levels") == true)
    }

    @Test(arguments: [
        ([UInt8](), "a span's trace_id is empty"),
        ([UInt8](repeating: 0, count: 16), "a span's trace_id is all zeros, which is not a valid id"),
        ([UInt8](repeating: 1, count: 15), "a span's trace_id is 15 bytes long; it must be 16"),
    ])
    func badTraceIdsAreRefusedAtTheSpan(id: [UInt8], message: String) throws {
        var w = ProtobufWriter()
        w.message(1) { rs in rs.message(2) { ss in ss.message(2) { s in s.bytesField(1, id); s.bytesField(2, hexBytes("eee19b7ec3c1b174")) } } }
        #expect(refusal(w.bytes) == OTLPDecodingError(offset: 4, message: message))
    }

    @Test func aSpanEndingBeforeItStartsIsRefused() throws {
        let error = try #require(refusal(protobufRequest { writeSpan(&$0, start: 30, end: 10) }))
        #expect(error.message == "span eee19b7ec3c1b174 ends (10 ns) before it starts (30 ns)")
    }

    @Test func aStringThatIsNotUTF8IsRefused() throws {
        let error = try #require(refusal(protobufRequest { writeSpan(&$0, name: "ok") { $0.bytesField(5, [0xC3, 0x28]) } }))
        #expect(error.message == "a string field is not valid UTF-8")
    }

    @Test func theSDKsRequestDecodes() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture("otlp/genai.pb"))))
        let batch = try decodeOTLPProtobuf(bytes)
        #expect(batch.flatMap(\.spans).count > 100)
        #expect(Set(batch.flatMap(\.spans).map(\.name)).isSuperset(of: ["rag-pipeline", "retrieval", "rerank", "generation", "citation", "llm.chat"]))
    }
}
