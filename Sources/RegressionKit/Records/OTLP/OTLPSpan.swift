/// The parts of an OTLP span the gate reads, decoded from JSON or protobuf alike.
///
/// A subset of `opentelemetry.proto.trace.v1.Span`: kind, trace state, links, flags and the
/// dropped counts are skipped when decoding, since no rule reads them.
struct OTLPSpan: Sendable, Equatable {
    var traceID: TraceID
    var spanID: SpanID
    /// The parent's id; nil when the span has none (absent, empty or all zeros).
    var parentSpanID: SpanID?
    var name: String
    var startTimeUnixNano: UInt64
    var endTimeUnixNano: UInt64
    var attributes: [OTLPAttribute] = []
    var events: [OTLPEvent] = []
    var status = OTLPStatus()
    /// Where the span was read: its byte offset in the file (protobuf) or in the document (JSON).
    var offset = 0
}

/// A span event: the gate reads `exception` events' attributes.
struct OTLPEvent: Sendable, Equatable {
    var name: String
    var timeUnixNano: UInt64 = 0
    var attributes: [OTLPAttribute] = []
}

/// A span's status: its code and message.
struct OTLPStatus: Sendable, Equatable {
    /// `STATUS_CODE_UNSET` 0, `STATUS_CODE_OK` 1, `STATUS_CODE_ERROR` 2; any other number is kept
    /// as written (protobuf keeps unknown enum values) and is not an error.
    var code: Int64 = 0
    var message = ""

    var isError: Bool { code == 2 }
}

/// One attribute: a key and its value (`opentelemetry.proto.common.v1.KeyValue`).
struct OTLPAttribute: Sendable, Equatable {
    var key: String
    var value: OTLPValue
}

/// An attribute value (`opentelemetry.proto.common.v1.AnyValue`), every type the protocol has.
/// Not `indirect`: the nested cases hold arrays, already references, so a scalar value needs no
/// box of its own (spans are held until all files are read).
enum OTLPValue: Sendable, Equatable {
    /// No value set (an empty `AnyValue`, or JSON `{}`/null).
    case empty
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case array([OTLPValue])
    case keyValueList([OTLPAttribute])
    case bytes([UInt8])

    /// The value as text where the gate takes a name from it (a version, a case, a model): a
    /// string as it is, an integer in decimal, a boolean as `true`/`false`. Nil for the other
    /// types: a list or bytes is not a name.
    var text: String? {
        switch self {
        case .string(let s): s
        case .int(let n): String(n)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// The value as a count of tokens: an integer, or a double with no fraction within ±2^53
    /// (some SDKs write counts as doubles). Nil otherwise.
    var integer: Int? {
        switch self {
        case .int(let n): return Int(exactly: n)
        case .double(let d) where d.rounded() == d && abs(d) <= 9_007_199_254_740_992: return Int(d)
        default: return nil
        }
    }
}

/// The spans of one `ResourceSpans`: the resource's attributes, shared by its spans.
struct OTLPResourceSpans: Sendable, Equatable {
    var resource: [OTLPAttribute] = []
    var spans: [OTLPSpan] = []
}

/// A 16-byte trace id, as two big-endian words (hashes and compares without an array).
struct TraceID: Sendable, Hashable {
    var high: UInt64
    var low: UInt64

    /// 32 lowercase hex digits, as the OTLP/JSON encoding and every trace viewer write it: the
    /// run id of the trace's steps.
    var hex: String { hexDigits(high) + hexDigits(low) }
}

/// An 8-byte span id.
struct SpanID: Sendable, Hashable {
    var value: UInt64

    var hex: String { hexDigits(value) }
}

/// `value` as 16 lowercase hex digits.
private func hexDigits(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
