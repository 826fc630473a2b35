import Foundation
@testable import RegressionKit

/// Decodes one OTLP/JSON document given as text.
func decodeOTLPJSON(_ text: String) throws(OTLPDecodingError) -> [OTLPResourceSpans] {
    let bytes = Array(text.utf8)
    let result = bytes.withUnsafeBufferPointer { buffer in
        Result { () throws(OTLPDecodingError) in try OTLPJSONDecoder.decode(buffer).0 }
    }
    return try result.get()
}

/// Decodes one protobuf request.
func decodeOTLPProtobuf(_ bytes: [UInt8]) throws(OTLPDecodingError) -> [OTLPResourceSpans] {
    let result = bytes.withUnsafeBufferPointer { buffer in
        Result { () throws(OTLPDecodingError) in try OTLPProtobufDecoder.decode(buffer) }
    }
    return try result.get()
}

/// A span of an OTLP/JSON request, as the Collector writes it, with `extra` members appended.
func jsonSpan(trace: String = "5b8efff798038103d269b633813fc60c", span: String, parent: String? = nil, name: String,
              start: UInt64 = 1_794_300_000_000_000_000, end: UInt64? = nil, extra: String = "") -> String {
    var members = [#""traceId":"\#(trace)""#, #""spanId":"\#(span)""#]
    if let parent { members.append(#""parentSpanId":"\#(parent)""#) }
    members += [#""name":\#(jsonQuoted(name))"#, #""startTimeUnixNano":"\#(start)""#, #""endTimeUnixNano":"\#(end ?? start + 1_000_000)""#]
    if !extra.isEmpty { members.append(extra) }
    return "{" + members.joined(separator: ",") + "}"
}

/// A request holding `spans`, with `resource` attributes (JSON array text).
func jsonRequest(_ spans: [String], resource: String = #"[{"key":"service.version","value":{"stringValue":"v1"}}]"#) -> String {
    #"{"resourceSpans":[{"resource":{"attributes":\#(resource)},"scopeSpans":[{"scope":{"name":"t"},"spans":[\#(spans.joined(separator: ","))]}]}]}"#
}

/// `text` as a JSON string literal.
func jsonQuoted(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast().description
}

/// A minimal protobuf writer for tests: enough to build OTLP messages field by field.
struct ProtobufWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func tag(_ field: UInt64, _ wire: UInt64) { varint(field << 3 | wire) }
    mutating func bytesField(_ field: UInt64, _ value: [UInt8]) { tag(field, 2); varint(UInt64(value.count)); bytes += value }
    mutating func string(_ field: UInt64, _ value: String) { bytesField(field, Array(value.utf8)) }
    mutating func message(_ field: UInt64, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        bytesField(field, inner.bytes)
    }
    mutating func fixed64(_ field: UInt64, _ value: UInt64) {
        tag(field, 1)
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
    mutating func varintField(_ field: UInt64, _ value: UInt64) { tag(field, 0); varint(value) }

    /// A `KeyValue` with a string value at `field`.
    mutating func stringAttribute(_ field: UInt64, _ key: String, _ value: String) {
        message(field) { kv in
            kv.string(1, key)
            kv.message(2) { $0.string(1, value) }
        }
    }
}

/// A protobuf request of one resource (with `service.version` = `version`) and the spans `build` writes.
func protobufRequest(version: String = "v1", _ spans: (inout ProtobufWriter) -> Void) -> [UInt8] {
    var w = ProtobufWriter()
    w.message(1) { rs in
        rs.message(1) { $0.stringAttribute(1, "service.version", version) }
        rs.message(2) { ss in
            ss.message(1) { $0.string(1, "scope") }
            spans(&ss)
        }
    }
    return w.bytes
}

/// Bytes of a hex string.
func hexBytes(_ hex: String) -> [UInt8] { OTLPIdentifiers.hex(Array(hex.utf8))! }

/// Writes `text` to a fresh file named `name` and returns its path.
func writeTemporary(_ name: String, _ bytes: [UInt8], in dir: URL = temporaryDirectory()) -> String {
    let url = dir.appendingPathComponent(name)
    try! Data(bytes).write(to: url)
    return url.path
}
