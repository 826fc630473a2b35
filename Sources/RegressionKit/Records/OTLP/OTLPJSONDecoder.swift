/// Decodes one OTLP/JSON `ExportTraceServiceRequest` document into the spans the gate reads,
/// straight from the bytes with `JSONScanner` (no JSON tree is built).
///
/// Accepts what producers write: ids in hex (either case) or base64, 64-bit integers as strings
/// or bare numbers (parsed as integers, never through a `Double`), enums as numbers or names,
/// camelCase or snake_case members, `instrumentationLibrarySpans`, `null` for any field (its
/// default); members it does not read are validated and skipped. A document without
/// `resourceSpans` is refused as not OTLP (an empty object `{}`, an empty request, is not).
enum OTLPJSONDecoder {
    /// Decodes the object at the start of `bytes` (after white space); returns the resource spans
    /// and the offset just past the object.
    /// Attributes whose key `filter` does not keep are validated and skipped (nil: all kept).
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, keeping filter: AttributeKeyFilter? = nil
    ) throws(OTLPDecodingError) -> ([OTLPResourceSpans], end: Int) {
        var s = JSONScanner(bytes, startingAt: start)
        do throws(JSONSyntaxError) {
            let out = try request(&s, filter)
            return (out, s.index)
        } catch {
            throw OTLPDecodingError(offset: error.offset, message: error.message)
        }
    }

    static func request(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> [OTLPResourceSpans] {
        s.skipWhitespace()
        let start = s.index
        guard s.peek == UInt8(ascii: "{") else {
            throw s.error("not OTLP: expected a JSON object (an ExportTraceServiceRequest), found \(s.describeByte(at: s.index))")
        }
        var out: [OTLPResourceSpans] = []
        var found = false, members = 0
        var otherKeys: [String] = []
        try object(&s) { (s, key, name) throws(JSONSyntaxError) in
            members += 1
            if key == .resourceSpans {
                found = true
                out = try array(&s) { (s) throws(JSONSyntaxError) in try resourceSpans(&s, filter) }
            } else {
                if otherKeys.count < 3 { otherKeys.append(name()) }
                try skip(&s, depth: 1)
            }
        }
        guard found || members == 0 else {
            let console = otherKeys.contains("context")
            throw s.error(console
                ? "not OTLP: a span as the OpenTelemetry Python SDK's ConsoleSpanExporter prints it (\"context\": {\"trace_id\": \"0x…\"}); export with an OTLP exporter instead (e.g. to a Collector with the file exporter)"
                : "not OTLP: the object has no \"resourceSpans\"", at: start)
        }
        return out
    }

    static func resourceSpans(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> OTLPResourceSpans {
        var out = OTLPResourceSpans()
        try object(&s) { (s, key, _) throws(JSONSyntaxError) in
            switch key {
            case .resource:
                try object(&s) { (s, key, _) throws(JSONSyntaxError) in
                    if key == .attributes { out.resource = try attributes(&s, depth: 3, filter) } else { try skip(&s, depth: 3) }
                }
            case .scopeSpans, .instrumentationLibrarySpans:
                // Both may be present (a producer moving between versions): the spans of both count.
                try each(&s) { (s) throws(JSONSyntaxError) in
                    let scopeStart = out.spans.count
                    try object(&s) { (s, key, _) throws(JSONSyntaxError) in
                        guard key == .spans else { return try skip(&s, depth: 3) }
                        out.spans.removeSubrange(scopeStart...)   // a repeated member: the last one counts
                        try each(&s) { (s) throws(JSONSyntaxError) in out.spans.append(try span(&s, filter)) }
                    }
                }
            default:
                try skip(&s, depth: 2)
            }
        }
        return out
    }

    static func span(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> OTLPSpan {
        s.skipWhitespace()
        let at = s.index
        var traceID = JSONID.bytes([]), spanID = JSONID.bytes([]), parent = JSONID.bytes([])
        var idStarts = (trace: at, span: at, parent: at)
        var name = ""
        var start: UInt64 = 0, end: UInt64 = 0
        var attrs: [OTLPAttribute] = [], events: [OTLPEvent] = []
        var status = OTLPStatus()
        try object(&s) { (s, key, _) throws(JSONSyntaxError) in
            switch key {
            case .traceID: idStarts.trace = s.index; traceID = try id(&s, count: 16, "traceId")
            case .spanID: idStarts.span = s.index; spanID = try id(&s, count: 8, "spanId")
            case .parentSpanID: idStarts.parent = s.index; parent = try id(&s, count: 8, "parentSpanId")
            case .name: name = try string(&s)
            case .startTime: start = try unsigned64(&s, "startTimeUnixNano")
            case .endTime: end = try unsigned64(&s, "endTimeUnixNano")
            case .attributes: attrs = try attributes(&s, depth: 6, filter)
            case .events:
                events = try array(&s) { (s) throws(JSONSyntaxError) in
                    var event = OTLPEvent(name: "")
                    try object(&s) { (s, key, _) throws(JSONSyntaxError) in
                        switch key {
                        case .name: event.name = try string(&s)
                        case .timeUnixNano: event.timeUnixNano = try unsigned64(&s, "timeUnixNano")
                        case .attributes: event.attributes = try attributes(&s, depth: 8, filter)
                        default: try skip(&s, depth: 8)
                        }
                    }
                    return event
                }
            case .status:
                try object(&s) { (s, key, _) throws(JSONSyntaxError) in
                    switch key {
                    case .message: status.message = try string(&s)
                    case .code: status.code = try statusCode(&s)
                    default: try skip(&s, depth: 7)
                    }
                }
            default:
                try skip(&s, depth: 6)
            }
        }
        func check<T>(_ field: String, at offset: Int, _ make: () throws(OTLPIDProblem) -> T) throws(JSONSyntaxError) -> T {
            do throws(OTLPIDProblem) { return try make() } catch {
                throw JSONSyntaxError(offset: offset, message: "a span's \(error.message(field))")
            }
        }
        let span = OTLPSpan(
            traceID: try check("traceId", at: idStarts.trace) { () throws(OTLPIDProblem) in try traceID.traceID() },
            spanID: try check("spanId", at: idStarts.span) { () throws(OTLPIDProblem) in try spanID.spanID() },
            parentSpanID: try check("parentSpanId", at: idStarts.parent) { () throws(OTLPIDProblem) in try parent.parentSpanID() },
            name: name, startTimeUnixNano: start, endTimeUnixNano: end,
            attributes: attrs, events: events, status: status, offset: at)
        if let problem = OTLPSpanCheck.problem(span) { throw JSONSyntaxError(offset: at, message: problem) }
        return span
    }

    /// A list of `KeyValue`s, those `filter` keeps.
    static func attributes(_ s: inout JSONScanner, depth: Int, _ filter: AttributeKeyFilter? = nil) throws(JSONSyntaxError) -> [OTLPAttribute] {
        var out: [OTLPAttribute] = []
        try each(&s) { (s) throws(JSONSyntaxError) in
            switch try keyValueInLayout(&s, depth: depth + 1, filter) {
            case .kept(let attribute): out.append(attribute)
            case .skipped: break
            case .otherLayout: if let attribute = try keyValue(&s, depth: depth + 1, filter) { out.append(attribute) }
            }
        }
        return out
    }

    /// A `KeyValue`, nil when `filter` does not keep its key (its value, when it comes after the
    /// key as producers write it, is then skipped undecoded).
    static func keyValue(_ s: inout JSONScanner, depth: Int, _ filter: AttributeKeyFilter? = nil) throws(JSONSyntaxError) -> OTLPAttribute? {
        guard depth < JSONScanner.maxDepth else { throw s.error("nesting deeper than \(JSONScanner.maxDepth) levels") }
        var attribute = OTLPAttribute(key: "", value: .empty)
        var kept = true
        try object(&s) { (s, key, _) throws(JSONSyntaxError) in
            switch key {
            case .key:
                // The filter is used through `?.`, never bound: a binding would retain it, once
                // for every attribute of every span.
                if filter != nil, s.peek == UInt8(ascii: "\"") {
                    // Judged on the bytes: a key not kept is never made a String.
                    let quote = s.index
                    let (start, end, hasEscapes) = try s.scanStringBounds()
                    if hasEscapes {
                        var copy = JSONScanner(s.bytes, startingAt: quote)
                        attribute.key = try copy.parseString()
                        kept = filter?.keeps(attribute.key) ?? true
                    } else {
                        // The filter's own string: spans share it instead of each making one.
                        if let key = filter?.key(UnsafeBufferPointer(rebasing: s.bytes[start..<end])) {
                            attribute.key = key
                            kept = true
                        } else {
                            kept = false
                        }
                    }
                } else {
                    attribute.key = try string(&s)
                    kept = filter?.keeps(attribute.key) ?? true
                }
            case .value:
                if kept { attribute.value = try anyValue(&s, depth: depth + 1) } else { try skip(&s, depth: depth + 1) }
            default: try skip(&s, depth: depth + 1)
            }
        }
        return kept ? attribute : nil
    }

    /// An `AnyValue` object; the last member of the `oneof` wins.
    static func anyValue(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> OTLPValue {
        guard depth < JSONScanner.maxDepth else { throw s.error("nesting deeper than \(JSONScanner.maxDepth) levels") }
        var value = OTLPValue.empty
        try object(&s) { (s, key, _) throws(JSONSyntaxError) in
            if s.peek == UInt8(ascii: "n") { try s.literal("null"); return }
            switch key {
            case .stringValue: value = .string(try string(&s))
            case .boolValue:
                switch s.peek {
                case UInt8(ascii: "t"): try s.literal("true"); value = .bool(true)
                case UInt8(ascii: "f"): try s.literal("false"); value = .bool(false)
                default: throw s.error("\"boolValue\" must be true or false, found \(s.describeByte(at: s.index))")
                }
            case .intValue: value = .int(try signed64(&s, "intValue"))
            case .doubleValue: value = .double(try double(&s))
            case .arrayValue, .kvlistValue:
                let isList = key == .kvlistValue
                var items: [OTLPValue] = [], pairs: [OTLPAttribute] = []
                try object(&s) { (s, key, _) throws(JSONSyntaxError) in
                    guard key == .values else { return try skip(&s, depth: depth + 1) }
                    if isList {
                        pairs = try array(&s) { (s) throws(JSONSyntaxError) in try keyValue(&s, depth: depth + 2) }.compactMap { $0 }
                    } else {
                        items = try array(&s) { (s) throws(JSONSyntaxError) in try anyValue(&s, depth: depth + 2) }
                    }
                }
                value = isList ? .keyValueList(pairs) : .array(items)
            case .bytesValue:
                let at = s.index
                let text = Array(try string(&s).utf8)
                guard let bytes = OTLPIdentifiers.base64(text) else { throw s.error("\"bytesValue\" is not base64", at: at) }
                value = .bytes(bytes)
            default:
                try skip(&s, depth: depth + 1)
            }
        }
        return value
    }

    /// Validates and skips any JSON value, as `JSONScanner.skipValue` does (the same checks, the
    /// same errors) but without making a `String` of each string it passes: most of a span's
    /// bytes are attributes no rule reads. A string with escapes is decoded to validate them.
    static func skip(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) {
        guard depth < JSONScanner.maxDepth else { throw s.error("nesting deeper than \(JSONScanner.maxDepth) levels") }
        s.skipWhitespace()
        switch s.peek {
        case UInt8(ascii: "\""): try skipString(&s)
        case UInt8(ascii: "{"):
            s.advance()
            if s.consume(UInt8(ascii: "}")) { return }
            repeat {
                s.skipWhitespace()
                try skipString(&s)
                try s.expect(UInt8(ascii: ":"), "':'")
                try skip(&s, depth: depth + 1)
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "}"), "',' or '}'")
        case UInt8(ascii: "["):
            s.advance()
            if s.consume(UInt8(ascii: "]")) { return }
            repeat { try skip(&s, depth: depth + 1) } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "]"), "',' or ']'")
        default:
            try s.skipValue(depth: depth)   // a number, a literal or an error: nothing to allocate
        }
    }

    /// Validates and skips a string at the scanner (an error if there is none).
    @inline(__always)
    static func skipString(_ s: inout JSONScanner) throws(JSONSyntaxError) {
        let quote = s.index
        let (_, _, hasEscapes) = try s.scanStringBounds()
        if hasEscapes {
            var copy = JSONScanner(s.bytes, startingAt: quote)
            _ = try copy.parseString()
        }
    }
}

/// A span's id as the JSON decoder read it: the words of its hex digits, or its bytes (base64, or
/// anything the checks refuse).
enum JSONID {
    case words(UInt64, UInt64)
    case bytes([UInt8])

    func traceID() throws(OTLPIDProblem) -> TraceID {
        switch self {
        case .words(let high, let low):
            guard high != 0 || low != 0 else { throw .allZero }
            return TraceID(high: high, low: low)
        case .bytes(let bytes): return try OTLPIdentifiers.traceID(bytes)
        }
    }

    func spanID() throws(OTLPIDProblem) -> SpanID {
        switch self {
        case .words(let value, _):
            guard value != 0 else { throw .allZero }
            return SpanID(value: value)
        case .bytes(let bytes): return try OTLPIdentifiers.spanID(bytes)
        }
    }

    /// None when all zeros, as `OTLPIdentifiers.parentSpanID`.
    func parentSpanID() throws(OTLPIDProblem) -> SpanID? {
        switch self {
        case .words(let value, _): value == 0 ? nil : SpanID(value: value)
        case .bytes(let bytes): try OTLPIdentifiers.parentSpanID(bytes)
        }
    }
}
