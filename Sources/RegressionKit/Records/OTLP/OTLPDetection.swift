/// Which OTLP encoding a file is in, judged from its first bytes.
enum OTLPEncoding: Sendable, Equatable {
    /// OTLP/JSON: `ExportTraceServiceRequest` documents, one per line or pretty-printed.
    case json
    /// One binary protobuf `ExportTraceServiceRequest` (an OTLP/HTTP body, `.pb`).
    case protobuf
    /// The Collector file exporter's `format: proto`: each request preceded by its length in 4
    /// big-endian bytes.
    case protobufFramed

    /// The encoding of a file beginning with `prefix`, nil when it is none of them.
    ///
    /// JSON: an object whose first member is `resourceSpans` (or `resource_spans`); an object
    /// that is a span as the Python SDK's `ConsoleSpanExporter` prints it (`"name"` first,
    /// `"trace_id": "0x…"` further on) is claimed too, for the reader to refuse it as not OTLP
    /// rather than as a bad native log. Protobuf: the first field is `resource_spans` (field 1,
    /// length-delimited), whose first field is one of `ResourceSpans`', whose first field is one
    /// of its message's, each length fitting in its parent's. A raw request starts with byte
    /// 0x0A, a newline: the nested lengths are what keep a log that starts with blank lines
    /// from being taken for protobuf.
    static func of(_ prefix: UnsafeBufferPointer<UInt8>) -> OTLPEncoding? {
        if isJSON(prefix) { return .json }
        if prefix.count >= 5, prefix[0] == 0, prefix[4] == 0x0A {
            let length = Int(prefix[0]) << 24 | Int(prefix[1]) << 16 | Int(prefix[2]) << 8 | Int(prefix[3])
            if length > 0, isProtobufRequest(prefix, from: 4, end: 4 + length) { return .protobufFramed }
        }
        if prefix.first == 0x0A, isProtobufRequest(prefix, from: 0, end: Int.max) { return .protobuf }
        return nil
    }

    private static func isJSON(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { i = 3 }
        func skipSpace() { while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 } }
        skipSpace()
        guard i < prefix.count, prefix[i] == UInt8(ascii: "{") else { return false }
        i += 1
        skipSpace()
        let rest = UnsafeBufferPointer(rebasing: prefix[i...])
        for key in ["\"resourceSpans\"", "\"resource_spans\""] where rest.starts(with: key.utf8) { return true }
        if rest.starts(with: "\"name\"".utf8) {
            let text = Array(rest)
            let mark = Array("\"trace_id\": \"0x".utf8)
            return text.count >= mark.count && (0...(text.count - mark.count)).contains { text[$0..<($0 + mark.count)].elementsEqual(mark) }
        }
        return false
    }

    /// Whether `bytes[from...]` begins like an `ExportTraceServiceRequest` that ends at `end`.
    private static func isProtobufRequest(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Bool {
        // The fields each level may start with: (tag bytes, whether length-delimited).
        let request: [[UInt8]] = [[0x0A]]
        let resourceSpans: [[UInt8]] = [[0x0A], [0x12], [0x1A], [0xC2, 0x3E]]
        var walker = Walker(bytes: bytes, index: from)
        guard let (_, firstEnd) = walker.field(allowed: request, end: end) else { return false }
        guard walker.index < min(firstEnd, bytes.count) else { return walker.index == firstEnd }   // empty, or the prefix ends
        guard let (second, secondEnd) = walker.field(allowed: resourceSpans, end: firstEnd) else { return false }
        guard walker.index < min(secondEnd, bytes.count) else { return true }
        if second == [0x1A] { return true }   // schema_url: a string
        let third: [[UInt8]] = second == [0x0A]
            ? [[0x0A], [0x10], [0x1A]]      // Resource: attributes, dropped count, entity refs
            : [[0x0A], [0x12], [0x1A]]      // ScopeSpans: scope, spans, schema_url
        return walker.field(allowed: third, end: secondEnd) != nil
    }

    /// Reads tags and lengths without trusting them.
    private struct Walker {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        /// One field whose tag is among `allowed`: its tag and where it ends (for a varint
        /// field, just after the value). Nil when the bytes are not such a field within `end`.
        mutating func field(allowed: [[UInt8]], end: Int) -> ([UInt8], Int)? {
            guard let tag = allowed.first(where: { index + $0.count <= bytes.count && bytes[index..<(index + $0.count)].elementsEqual($0) })
            else { return nil }
            index += tag.count
            guard let value = varint() else { return nil }
            if tag.last! & 7 == 0 { return index <= end ? (tag, index) : nil }   // a varint field
            guard value <= UInt64(Int.max / 2), index + Int(value) <= end else { return nil }
            return (tag, index + Int(value))
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let b = bytes[index]
                index += 1
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
    }
}
