import Foundation

/// The member names of the OTLP/JSON messages the gate reads, in both spellings producers use:
/// lowerCamelCase (the protobuf JSON mapping and the OTLP/JSON encoding) and the proto field
/// names in snake_case (which protobuf JSON parsers also accept).
enum OTLPJSONKey: CaseIterable {
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

    /// Every spelling with its key, by length: a member name is compared with the few of its
    /// length only (names are looked up for every member of every span).
    private static let byLength: [[(bytes: [UInt8], key: OTLPJSONKey)]] = {
        let all = allCases.flatMap { key in key.spellings.map { (Array($0.utf8), key) } }
        var table = [[(bytes: [UInt8], key: OTLPJSONKey)]](repeating: [], count: all.map(\.0.count).max()! + 1)
        for entry in all { table[entry.0.count].append(entry) }
        return table
    }()

    /// The key spelled by `bytes`, or nil for a member the gate does not read.
    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> OTLPJSONKey? {
        guard bytes.count < byLength.count else { return nil }
        for entry in byLength[bytes.count] where entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return entry.key
        }
        return nil
    }
}
