/// The protobuf wire format, read from a buffer without trusting it (after swift-protobuf's
/// `BinaryDecoder`): every length is checked against the bytes left before it is used, varints
/// are at most 10 bytes, tags with field number 0 or wire types 6 and 7 are refused, groups are
/// skipped to their matching end under a depth limit, and every error names its byte offset.
struct ProtobufReader {
    /// How a field's value is encoded.
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    /// Deepest nesting of messages and groups accepted (swift-protobuf's default limit).
    static let maxDepth = 100

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private(set) var index: Int
    /// Where this message ends (exclusive).
    let end: Int
    /// Added to offsets in errors: where `bytes` starts in the file.
    let base: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.init(bytes, from: 0, to: bytes.count, base: base)
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, base: Int) {
        self.bytes = bytes
        self.index = from
        self.end = end
        self.base = base
    }

    var isAtEnd: Bool { index >= end }

    /// The offset of the next byte, in the file.
    var offset: Int { base + index }

    func error(_ message: String, at offset: Int? = nil) -> OTLPDecodingError {
        OTLPDecodingError(offset: offset ?? self.offset, message: message)
    }

    /// The next field's number and wire type, nil at the end of the message.
    mutating func nextTag() throws(OTLPDecodingError) -> (field: UInt32, wire: WireType)? {
        guard !isAtEnd else { return nil }
        let at = offset
        let tag = try varint()
        guard tag <= UInt64(UInt32.max) else { throw error("malformed protobuf: field tag \(tag) out of range", at: at) }
        let field = UInt32(tag >> 3)
        guard field != 0 else { throw error("malformed protobuf: field number 0", at: at) }
        guard let wire = WireType(rawValue: UInt8(tag & 7)) else {
            throw error("malformed protobuf: wire type \(tag & 7) of field \(field) does not exist", at: at)
        }
        return (field, wire)
    }

    /// A base-128 varint of at most 10 bytes.
    mutating func varint() throws(OTLPDecodingError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw error("truncated protobuf: a varint runs past the end of its message", at: start) }
            let b = bytes[index]
            index += 1
            guard shift < 64, shift < 63 || b <= 1 else { throw error("malformed protobuf: varint longer than 64 bits", at: start) }
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A little-endian fixed64.
    mutating func fixed64() throws(OTLPDecodingError) -> UInt64 {
        guard end - index >= 8 else { throw error("truncated protobuf: a fixed64 runs past the end of its message") }
        var value: UInt64 = 0
        for k in (0..<8).reversed() { value = value << 8 | UInt64(bytes[index + k]) }
        index += 8
        return value
    }

    /// The bounds of a length-delimited value, its length checked against the bytes left; moves past it.
    mutating func lengthDelimited() throws(OTLPDecodingError) -> Range<Int> {
        let at = offset
        let length = try varint()
        guard length <= UInt64(end - index) else {
            throw error("truncated protobuf: a length of \(length) bytes runs past the end of its message (\(end - index) bytes left)", at: at)
        }
        let start = index
        index += Int(length)
        return start..<index
    }

    /// A reader of the embedded message just read, one level deeper.
    func message(_ range: Range<Int>, depth: Int) throws(OTLPDecodingError) -> ProtobufReader {
        guard depth < Self.maxDepth else { throw error("protobuf nested deeper than \(Self.maxDepth) levels", at: base + range.lowerBound) }
        return ProtobufReader(bytes, from: range.lowerBound, to: range.upperBound, base: base)
    }

    /// The bytes of a length-delimited value.
    mutating func byteArray() throws(OTLPDecodingError) -> [UInt8] {
        Array(bytes[try lengthDelimited()])
    }

    /// A string field: UTF-8 bytes (protobuf requires valid UTF-8 in proto3 strings).
    mutating func string() throws(OTLPDecodingError) -> String {
        let at = offset
        let range = try lengthDelimited()
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        guard UTF8Validation.isValid(text) else { throw error("a string field is not valid UTF-8", at: at) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Skips a value of wire type `wire` (a group to its matching end), validating its encoding.
    mutating func skip(_ wire: WireType, field: UInt32, depth: Int = 0) throws(OTLPDecodingError) {
        switch wire {
        case .varint: _ = try varint()
        case .fixed64:
            guard end - index >= 8 else { throw error("truncated protobuf: a fixed64 runs past the end of its message") }
            index += 8
        case .fixed32:
            guard end - index >= 4 else { throw error("truncated protobuf: a fixed32 runs past the end of its message") }
            index += 4
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup:
            guard depth < Self.maxDepth else { throw error("protobuf nested deeper than \(Self.maxDepth) levels") }
            while true {
                guard let (inner, innerWire) = try nextTag() else {
                    throw error("truncated protobuf: group \(field) has no end")
                }
                if innerWire == .endGroup {
                    guard inner == field else { throw error("malformed protobuf: group \(field) ended by the end of group \(inner)") }
                    return
                }
                try skip(innerWire, field: inner, depth: depth + 1)
            }
        case .endGroup:
            throw error("malformed protobuf: end of group \(field) outside a group")
        }
    }
}
