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

    private static func request(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> [OTLPResourceSpans] {
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

    private static func resourceSpans(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> OTLPResourceSpans {
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

    private static func span(_ s: inout JSONScanner, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> OTLPSpan {
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
    private static func attributes(_ s: inout JSONScanner, depth: Int, _ filter: AttributeKeyFilter? = nil) throws(JSONSyntaxError) -> [OTLPAttribute] {
        var out: [OTLPAttribute] = []
        try each(&s) { (s) throws(JSONSyntaxError) in
            if let attribute = try keyValue(&s, depth: depth + 1, filter) { out.append(attribute) }
        }
        return out
    }

    /// A `KeyValue`, nil when `filter` does not keep its key (its value, when it comes after the
    /// key as producers write it, is then skipped undecoded).
    private static func keyValue(_ s: inout JSONScanner, depth: Int, _ filter: AttributeKeyFilter? = nil) throws(JSONSyntaxError) -> OTLPAttribute? {
        guard depth < JSONScanner.maxDepth else { throw s.error("nesting deeper than \(JSONScanner.maxDepth) levels") }
        var attribute = OTLPAttribute(key: "", value: .empty)
        var kept = true
        try object(&s) { (s, key, _) throws(JSONSyntaxError) in
            switch key {
            case .key:
                if let filter, s.peek == UInt8(ascii: "\"") {
                    // Judged on the bytes: a key not kept is never made a String.
                    let quote = s.index
                    let (start, end, hasEscapes) = try s.scanStringBounds()
                    if hasEscapes {
                        var copy = JSONScanner(s.bytes, startingAt: quote)
                        attribute.key = try copy.parseString()
                        kept = filter.keeps(attribute.key)
                    } else {
                        // The filter's own string: spans share it instead of each making one.
                        if let key = filter.key(UnsafeBufferPointer(rebasing: s.bytes[start..<end])) {
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
    private static func anyValue(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> OTLPValue {
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
    private static func skip(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) {
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
    private static func skipString(_ s: inout JSONScanner) throws(JSONSyntaxError) {
        let quote = s.index
        let (_, _, hasEscapes) = try s.scanStringBounds()
        if hasEscapes {
            var copy = JSONScanner(s.bytes, startingAt: quote)
            _ = try copy.parseString()
        }
    }

    // MARK: Values

    /// Calls `member` for each member of an object (or none for `null`) with the scanner at its
    /// value, the key the gate reads it as (nil for others) and a way to get the key's text.
    private static func object(
        _ s: inout JSONScanner,
        _ member: (inout JSONScanner, OTLPJSONKey?, () -> String) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        s.skipWhitespace()
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return }
        guard s.peek == UInt8(ascii: "{") else { throw s.error("expected an object, found \(s.describeByte(at: s.index))") }
        s.advance()
        if s.consume(UInt8(ascii: "}")) { return }
        repeat {
            s.skipWhitespace()
            let quote = s.index
            let (start, end, hasEscapes) = try s.scanStringBounds()
            let key: OTLPJSONKey?
            var text: String?
            if hasEscapes {
                var copy = JSONScanner(s.bytes, startingAt: quote)
                let decoded = try copy.parseString()
                text = decoded
                key = Array(decoded.utf8).withUnsafeBufferPointer { OTLPJSONKey.named($0) }
            } else {
                key = OTLPJSONKey.named(UnsafeBufferPointer(rebasing: s.bytes[start..<end]))
            }
            try s.expect(UInt8(ascii: ":"), "':'")
            s.skipWhitespace()
            let bytes = s.bytes
            try member(&s, key) { text ?? String(decoding: bytes[start..<end], as: UTF8.self) }
        } while s.consume(UInt8(ascii: ","))
        try s.expect(UInt8(ascii: "}"), "',' or '}'")
    }

    /// The elements of an array (none for `null`), each read by `element`.
    private static func array<T>(
        _ s: inout JSONScanner, _ element: (inout JSONScanner) throws(JSONSyntaxError) -> T
    ) throws(JSONSyntaxError) -> [T] {
        var out: [T] = []
        try each(&s) { (s) throws(JSONSyntaxError) in out.append(try element(&s)) }
        return out
    }

    /// Calls `element` with the scanner at each element of an array (none for `null`).
    private static func each(
        _ s: inout JSONScanner, _ element: (inout JSONScanner) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        s.skipWhitespace()
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return }
        guard s.peek == UInt8(ascii: "[") else { throw s.error("expected an array, found \(s.describeByte(at: s.index))") }
        s.advance()
        if s.consume(UInt8(ascii: "]")) { return }
        repeat {
            s.skipWhitespace()
            try element(&s)
        } while s.consume(UInt8(ascii: ","))
        try s.expect(UInt8(ascii: "]"), "',' or ']'")
    }

    /// A string, or "" for `null`.
    private static func string(_ s: inout JSONScanner) throws(JSONSyntaxError) -> String {
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return "" }
        guard s.peek == UInt8(ascii: "\"") else { throw s.error("expected a string, found \(s.describeByte(at: s.index))") }
        return try s.parseString()
    }

    /// An id `count` bytes long (empty for `null` or `""`), from hex or base64. Hex digits in a
    /// string with nothing else, as every OTLP/JSON exporter writes them, are read straight into
    /// words; anything else goes through `OTLPIdentifiers`, which says what is wrong.
    private static func id(_ s: inout JSONScanner, count: Int, _ field: String) throws(JSONSyntaxError) -> JSONID {
        if let words = hexWords(s, digits: 2 * count) {
            s.advance(by: 2 * count + 2)
            return .words(words.high, words.low)
        }
        let at = s.index
        let text = Array(try string(&s).utf8)
        do throws(OTLPIDProblem) {
            return .bytes(try OTLPIdentifiers.bytes(ofJSON: text, count: count))
        } catch {
            throw s.error("a span's \(error.message(field))", at: at)
        }
    }

    /// The big-endian words of the `digits` (16 or 32) hex digits of the string at the scanner,
    /// or nil when it is not exactly that (the scanner is left as it is).
    @inline(__always)
    private static func hexWords(_ s: JSONScanner, digits: Int) -> (high: UInt64, low: UInt64)? {
        let b = s.bytes, i = s.index
        guard i + digits + 1 < b.count, b[i] == UInt8(ascii: "\""), b[i + digits + 1] == UInt8(ascii: "\"") else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for k in 0..<digits {
            let c = b[i + 1 + k]
            let v: UInt64
            let digit = c &- UInt8(ascii: "0"), letter = (c | 0x20) &- UInt8(ascii: "a")   // 0x20: a capital's lowercase
            if digit < 10 { v = UInt64(digit) } else if letter < 6 { v = UInt64(letter) &+ 10 } else { return nil }
            if k < 16 { high = high << 4 | v } else { low = low << 4 | v }
        }
        return (high, low)
    }

    /// The digits of an integer written as a JSON number or a string: the range of its text
    /// and whether it is negative. Refuses fractions and exponents (no `Double` is involved).
    private static func integerText(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> (digits: Range<Int>, negative: Bool, at: Int) {
        let at = s.index
        var range: Range<Int>
        if s.peek == UInt8(ascii: "\"") {
            let (start, end, hasEscapes) = try s.scanStringBounds()
            guard !hasEscapes else { throw s.error("\"\(field)\" must be an integer, found a string with escapes", at: at) }
            range = start..<end
        } else {
            let (number, isInteger) = try s.scanNumber()
            guard isInteger else { throw s.error("\"\(field)\" must be an integer, found \(String(decoding: s.bytes[number], as: UTF8.self))", at: at) }
            range = number
        }
        var negative = false
        if range.lowerBound < range.upperBound, s.bytes[range.lowerBound] == UInt8(ascii: "-") {
            negative = true
            range = (range.lowerBound + 1)..<range.upperBound
        }
        guard !range.isEmpty, range.allSatisfy({ s.bytes[$0] >= UInt8(ascii: "0") && s.bytes[$0] <= UInt8(ascii: "9") }) else {
            throw s.error("\"\(field)\" must be an integer, found \"\(String(decoding: s.bytes[range].prefix(40), as: UTF8.self))\"", at: at)
        }
        return (range, negative, at)
    }

    /// A fixed64 or uint64 (times in nanoseconds).
    private static func unsigned64(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> UInt64 {
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return 0 }
        let (digits, negative, at) = try integerText(&s, field)
        var value: UInt64 = 0
        for i in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(s.bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw s.error("\"\(field)\" is out of range (at most \(UInt64.max))", at: at) }
            value = a
        }
        guard !negative || value == 0 else { throw s.error("\"\(field)\" is negative", at: at) }
        return value
    }

    /// An int64 (an attribute's `intValue`).
    private static func signed64(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> Int64 {
        let (digits, negative, at) = try integerText(&s, field)
        var value: Int64 = 0
        for i in digits {   // counted down when negative, so that Int64.min fits
            let digit = Int64(s.bytes[i] - UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw s.error("\"\(field)\" is out of range (\(Int64.min) to \(Int64.max))", at: at) }
            value = a
        }
        return value
    }

    /// A double: a number, or a string holding a number or `NaN`, `Infinity`, `-Infinity`.
    private static func double(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Double {
        let at = s.index
        guard s.peek == UInt8(ascii: "\"") else {
            let (range, _) = try s.scanNumber()
            return try s.doubleValue(of: range)
        }
        let text = try s.parseString()
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            let bytes = Array(text.utf8)
            let parsed: Double? = bytes.withUnsafeBufferPointer { buffer in
                var inner = JSONScanner(buffer)
                guard let (range, _) = try? inner.scanNumber(), inner.isAtEnd else { return nil }
                return try? inner.doubleValue(of: range)
            }
            guard let parsed else { throw s.error("\"doubleValue\" must be a number, found \"\(text.prefix(40))\"", at: at) }
            return parsed
        }
    }

    /// A status code: a number or the enum value's name.
    private static func statusCode(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Int64 {
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return 0 }
        guard s.peek == UInt8(ascii: "\"") else { return try signed64(&s, "code") }
        let at = s.index
        let name = try s.parseString()
        switch name {
        case "STATUS_CODE_UNSET": return 0
        case "STATUS_CODE_OK": return 1
        case "STATUS_CODE_ERROR": return 2
        default:
            guard let n = Int64(name) else {
                throw s.error("\"code\" must be STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR or a number, found \"\(name.prefix(40))\"", at: at)
            }
            return n
        }
    }
}

/// A span's id as the JSON decoder read it: the words of its hex digits, or its bytes (base64, or
/// anything the checks refuse).
private enum JSONID {
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
