import Foundation

/// The member names of the OTLP/JSON messages the gate reads, in both spellings producers use:
/// lowerCamelCase (the protobuf JSON mapping and the OTLP/JSON encoding) and the proto field
/// names in snake_case (which protobuf JSON parsers also accept).
enum OTLPJSONKey: Int, CaseIterable {
    case resourceSpans, resource, scopeSpans, instrumentationLibrarySpans, spans, attributes
    case traceID, spanID, parentSpanID, name, startTime, endTime, events, status
    case timeUnixNano, message, code, key, value, values
    case stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue

    /// The spellings of the key.
    var spellings: [String] {
        switch self {
        case .resourceSpans: ["resourceSpans", "resource_spans"]
        case .resource: ["resource"]
        case .scopeSpans: ["scopeSpans", "scope_spans"]
        case .instrumentationLibrarySpans: ["instrumentationLibrarySpans", "instrumentation_library_spans"]
        case .spans: ["spans"]
        case .attributes: ["attributes"]
        case .traceID: ["traceId", "trace_id"]
        case .spanID: ["spanId", "span_id"]
        case .parentSpanID: ["parentSpanId", "parent_span_id"]
        case .name: ["name"]
        case .startTime: ["startTimeUnixNano", "start_time_unix_nano"]
        case .endTime: ["endTimeUnixNano", "end_time_unix_nano"]
        case .events: ["events"]
        case .status: ["status"]
        case .timeUnixNano: ["timeUnixNano", "time_unix_nano"]
        case .message: ["message"]
        case .code: ["code"]
        case .key: ["key"]
        case .value: ["value"]
        case .values: ["values"]
        case .stringValue: ["stringValue", "string_value"]
        case .boolValue: ["boolValue", "bool_value"]
        case .intValue: ["intValue", "int_value"]
        case .doubleValue: ["doubleValue", "double_value"]
        case .arrayValue: ["arrayValue", "array_value"]
        case .kvlistValue: ["kvlistValue", "kvlist_value"]
        case .bytesValue: ["bytesValue", "bytes_value"]
        }
    }

    /// Every spelling, numbered by its key.
    private static let spellingSet = ByteStringSet(allCases.flatMap { key in key.spellings.map { ($0, key.rawValue) } })

    /// The key spelled by `bytes`, or nil for a member the gate does not read.
    @inline(__always)
    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> OTLPJSONKey? {
        spellingSet.value(of: bytes).flatMap(OTLPJSONKey.init(rawValue:))
    }
}
