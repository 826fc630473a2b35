/// Decodes a binary protobuf `ExportTraceServiceRequest` (`opentelemetry.proto.collector.trace.v1`;
/// `TracesData` has the same layout) into the spans the gate reads.
///
/// Only the fields the mapping reads are decoded; every other field is skipped by its wire type,
/// as is a known field written with an unexpected wire type (as swift-protobuf and the C++
/// runtime treat it: an unknown field). The old `instrumentation_library_spans` (field 1000 of
/// `ResourceSpans`, before OTLP 1.0) is read like `scope_spans`.
enum OTLPProtobufDecoder {
    /// Decodes the request in `bytes`, whose first byte is at `base` in the file.
    /// Attributes whose key `filter` does not keep are skipped (nil: all kept).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, base: Int = 0, keeping filter: AttributeKeyFilter? = nil) throws(OTLPDecodingError) -> [OTLPResourceSpans] {
        var reader = ProtobufReader(bytes, base: base)
        var out: [OTLPResourceSpans] = []
        while let (field, wire) = try reader.nextTag() {
            if field == 1, wire == .lengthDelimited {
                var message = try reader.message(try reader.lengthDelimited(), depth: 1)
                out.append(try resourceSpans(&message, depth: 1, filter))
            } else {
                try reader.skip(wire, field: field)
            }
        }
        return out
    }

    private static func resourceSpans(_ r: inout ProtobufReader, depth: Int, _ filter: AttributeKeyFilter?) throws(OTLPDecodingError) -> OTLPResourceSpans {
        var out = OTLPResourceSpans()
        while let (field, wire) = try r.nextTag() {
            switch (field, wire) {
            case (1, .lengthDelimited):   // resource
                var resource = try r.message(try r.lengthDelimited(), depth: depth + 1)
                while let (f, w) = try resource.nextTag() {
                    if f == 1, w == .lengthDelimited {
                        if let kv = try keyValue(&resource, depth: depth + 2, filter) { out.resource.append(kv) }
                    } else {
                        try resource.skip(w, field: f)
                    }
                }
            case (2, .lengthDelimited), (1000, .lengthDelimited):   // scope_spans, instrumentation_library_spans
                var scope = try r.message(try r.lengthDelimited(), depth: depth + 1)
                while true {
                    let at = scope.offset   // a span's problems are reported at its tag
                    guard let (f, w) = try scope.nextTag() else { break }
                    if f == 2, w == .lengthDelimited {
                        var message = try scope.message(try scope.lengthDelimited(), depth: depth + 2)
                        out.spans.append(try span(&message, at: at, depth: depth + 2, filter))
                    } else {
                        try scope.skip(w, field: f)
                    }
                }
            default:
                try r.skip(wire, field: field)
            }
        }
        return out
    }

    private static func span(_ r: inout ProtobufReader, at: Int, depth: Int, _ filter: AttributeKeyFilter?) throws(OTLPDecodingError) -> OTLPSpan {
        var traceID: [UInt8] = [], spanID: [UInt8] = [], parent: [UInt8] = []
        var name = ""
        var start: UInt64 = 0, end: UInt64 = 0
        var attributes: [OTLPAttribute] = [], events: [OTLPEvent] = []
        var status = OTLPStatus()
        while let (field, wire) = try r.nextTag() {
            switch (field, wire) {
            case (1, .lengthDelimited): traceID = try r.byteArray()
            case (2, .lengthDelimited): spanID = try r.byteArray()
            case (4, .lengthDelimited): parent = try r.byteArray()
            case (5, .lengthDelimited): name = try r.string()
            case (7, .fixed64): start = try r.fixed64()
            case (8, .fixed64): end = try r.fixed64()
            case (9, .lengthDelimited): if let kv = try keyValue(&r, depth: depth + 1, filter) { attributes.append(kv) }
            case (11, .lengthDelimited):
                var e = try r.message(try r.lengthDelimited(), depth: depth + 1)
                events.append(try event(&e, depth: depth + 1, filter))
            case (15, .lengthDelimited):
                var s = try r.message(try r.lengthDelimited(), depth: depth + 1)
                while let (f, w) = try s.nextTag() {
                    switch (f, w) {
                    case (2, .lengthDelimited): status.message = try s.string()
                    case (3, .varint): status.code = Int64(bitPattern: try s.varint())
                    default: try s.skip(w, field: f)
                    }
                }
            default:
                try r.skip(wire, field: field)
            }
        }
        func check<T>(_ field: String, _ make: () throws(OTLPIDProblem) -> T) throws(OTLPDecodingError) -> T {
            do throws(OTLPIDProblem) { return try make() } catch {
                throw OTLPDecodingError(offset: at, message: "a span's \(error.message(field))")
            }
        }
        let span = OTLPSpan(
            traceID: try check("trace_id") { () throws(OTLPIDProblem) in try OTLPIdentifiers.traceID(traceID) },
            spanID: try check("span_id") { () throws(OTLPIDProblem) in try OTLPIdentifiers.spanID(spanID) },
            parentSpanID: try check("parent_span_id") { () throws(OTLPIDProblem) in try OTLPIdentifiers.parentSpanID(parent) },
            name: name, startTimeUnixNano: start, endTimeUnixNano: end,
            attributes: attributes, events: events, status: status, offset: at)
        if let problem = OTLPSpanCheck.problem(span) {
            throw OTLPDecodingError(offset: at, message: problem)
        }
        return span
    }

    private static func event(_ r: inout ProtobufReader, depth: Int, _ filter: AttributeKeyFilter?) throws(OTLPDecodingError) -> OTLPEvent {
        var event = OTLPEvent(name: "")
        while let (field, wire) = try r.nextTag() {
            switch (field, wire) {
            case (1, .fixed64): event.timeUnixNano = try r.fixed64()
            case (2, .lengthDelimited): event.name = try r.string()
            case (3, .lengthDelimited): if let kv = try keyValue(&r, depth: depth + 1, filter) { event.attributes.append(kv) }
            default: try r.skip(wire, field: field)
            }
        }
        return event
    }

    /// A `KeyValue` at a length-delimited field of `r`; nil when `filter` does not keep its key
    /// (its value, when it comes after the key as encoders write it, is then skipped undecoded).
    private static func keyValue(_ r: inout ProtobufReader, depth: Int, _ filter: AttributeKeyFilter? = nil) throws(OTLPDecodingError) -> OTLPAttribute? {
        var m = try r.message(try r.lengthDelimited(), depth: depth)
        var attribute = OTLPAttribute(key: "", value: .empty)
        var kept = true
        while let (field, wire) = try m.nextTag() {
            switch (field, wire) {
            case (1, .lengthDelimited) where filter != nil:
                // Judged on the bytes: a key not kept is never made a String.
                // A kept key is the filter's own string (valid UTF-8, shared by every span).
                let range = try m.lengthDelimited()
                if let key = filter?.key(UnsafeBufferPointer(rebasing: m.bytes[range])) {
                    attribute.key = key
                    kept = true
                } else {
                    kept = false
                }
            case (1, .lengthDelimited): attribute.key = try m.string()
            case (2, .lengthDelimited) where kept: attribute.value = try anyValue(&m, depth: depth + 1)
            default: try m.skip(wire, field: field)
            }
        }
        return kept ? attribute : nil
    }

    /// An `AnyValue` at a length-delimited field of `r`: the last member of its `oneof` set wins.
    private static func anyValue(_ r: inout ProtobufReader, depth: Int) throws(OTLPDecodingError) -> OTLPValue {
        var m = try r.message(try r.lengthDelimited(), depth: depth)
        var value = OTLPValue.empty
        while let (field, wire) = try m.nextTag() {
            switch (field, wire) {
            case (1, .lengthDelimited): value = .string(try m.string())
            case (2, .varint): value = .bool(try m.varint() != 0)
            case (3, .varint): value = .int(Int64(bitPattern: try m.varint()))
            case (4, .fixed64): value = .double(Double(bitPattern: try m.fixed64()))
            case (5, .lengthDelimited):
                var list = try m.message(try m.lengthDelimited(), depth: depth + 1)
                var items: [OTLPValue] = []
                while let (f, w) = try list.nextTag() {
                    if f == 1, w == .lengthDelimited { items.append(try anyValue(&list, depth: depth + 2)) } else { try list.skip(w, field: f) }
                }
                value = .array(items)
            case (6, .lengthDelimited):
                var list = try m.message(try m.lengthDelimited(), depth: depth + 1)
                var items: [OTLPAttribute] = []
                while let (f, w) = try list.nextTag() {
                    guard f == 1, w == .lengthDelimited else { try list.skip(w, field: f); continue }
                    if let kv = try keyValue(&list, depth: depth + 2) { items.append(kv) }
                }
                value = .keyValueList(items)
            case (7, .lengthDelimited): value = .bytes(try m.byteArray())
            default: try m.skip(wire, field: field)
            }
        }
        return value
    }
}

/// The checks every decoded span passes, whatever its encoding.
enum OTLPSpanCheck {
    /// What is wrong with `span` beyond its ids, or nil.
    static func problem(_ span: OTLPSpan) -> String? {
        if span.endTimeUnixNano < span.startTimeUnixNano {
            return "span \(span.spanID.hex) ends (\(span.endTimeUnixNano) ns) before it starts (\(span.startTimeUnixNano) ns)"
        }
        return nil
    }
}
