/// Trace and span ids as the encodings write them: raw bytes in protobuf; hex (the OTLP/JSON
/// encoding, either case) or base64 (the protobuf JSON mapping, as `MessageToJson` writes it) in
/// JSON. The length tells them apart: 16 bytes are 32 hex digits or 24 base64 characters (22
/// unpadded), 8 bytes 16 hex digits or 12 (11) base64 characters.
enum OTLPIdentifiers {
    /// A trace id from its 16 bytes; all zeros is not a valid id (the W3C and OTLP rule).
    static func traceID(_ bytes: [UInt8]) throws(OTLPIDProblem) -> TraceID {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count == 16 else { throw .length(bytes.count, expected: 16) }
        let id = TraceID(high: word(bytes, 0), low: word(bytes, 8))
        guard id.high != 0 || id.low != 0 else { throw .allZero }
        return id
    }

    /// A span id from its 8 bytes; all zeros is not a valid id.
    static func spanID(_ bytes: [UInt8]) throws(OTLPIDProblem) -> SpanID {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count == 8 else { throw .length(bytes.count, expected: 8) }
        let value = word(bytes, 0)
        guard value != 0 else { throw .allZero }
        return SpanID(value: value)
    }

    /// A parent span id: none when empty or all zeros (how SDKs write "no parent").
    static func parentSpanID(_ bytes: [UInt8]) throws(OTLPIDProblem) -> SpanID? {
        if bytes.isEmpty || (bytes.count == 8 && word(bytes, 0) == 0) { return nil }
        return try spanID(bytes)
    }

    /// The bytes of an id written in JSON as `text`, `count` bytes long: hex or base64.
    static func bytes(ofJSON text: [UInt8], count: Int) throws(OTLPIDProblem) -> [UInt8] {
        if text.isEmpty { return [] }
        if text.count == 2 * count, let bytes = hex(text) { return bytes }
        if text.count >= 2, text[0] == UInt8(ascii: "0"), text[1] | 0x20 == UInt8(ascii: "x") { throw .prefixedHex }
        if let bytes = base64(text), bytes.count == count { return bytes }
        throw .notHexNorBase64(count: count)
    }

    /// Big-endian word of `bytes[at..<at+8]`.
    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var w: UInt64 = 0
        for i in at..<(at + 8) { w = w << 8 | UInt64(bytes[i]) }
        return w
    }

    /// `text` as hex digits in either case, or nil.
    static func hex(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 2)
        var i = 0
        while i < text.count {
            guard let hi = hexValue(text[i]), let lo = hexValue(text[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` decoded as base64, the standard or the URL-safe alphabet, padded or not (the
    /// protobuf JSON mapping accepts both), or nil. Bits left over in the last character must be
    /// zero, so that one id has one spelling per alphabet.
    static func base64(_ text: [UInt8]) -> [UInt8]? {
        var body = text[...]
        while body.last == UInt8(ascii: "=") { body = body.dropLast() }
        let padding = text.count - body.count
        guard padding <= 2, padding == 0 || text.count % 4 == 0, body.count % 4 != 1 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(body.count * 3 / 4)
        var buffer: UInt32 = 0, bits = 0
        for c in body {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            default: return nil
            }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        guard buffer == 0 else { return nil }
        return out
    }
}

/// What is wrong with an id; the decoder names the field and the place.
enum OTLPIDProblem: Error, Equatable {
    case empty
    case allZero
    case length(Int, expected: Int)
    /// `0x…`: the Python SDK's `ConsoleSpanExporter` writes ids so; OTLP never does.
    case prefixedHex
    case notHexNorBase64(count: Int)

    /// The problem in words, for the field `field` (e.g. `traceId`).
    func message(_ field: String) -> String {
        switch self {
        case .empty: "\(field) is empty"
        case .allZero: "\(field) is all zeros, which is not a valid id"
        case .length(let n, let expected): "\(field) is \(n) bytes long; it must be \(expected)"
        case .prefixedHex:
            "\(field) is written \"0x…\", as the OpenTelemetry Python SDK's ConsoleSpanExporter writes it: that is not OTLP; export with an OTLP exporter (e.g. to a Collector with the file exporter)"
        case .notHexNorBase64(let count):
            "\(field) is neither \(2 * count) hex digits nor the base64 of \(count) bytes"
        }
    }
}
