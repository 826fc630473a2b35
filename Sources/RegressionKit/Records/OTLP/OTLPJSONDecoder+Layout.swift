/// The layout every OTLP/JSON encoder we know writes an attribute in: `{"key":"K","value":V}`,
/// with no white space and nothing else in the object. An attribute in it is read without the
/// general object reader (a closure call and a member-name lookup per member); any other is read
/// by `keyValue`, from its start, so the two read every input alike: values are read by the same
/// `anyValue` or `skip`, at the same depth, so they fail with the same errors.
extension OTLPJSONDecoder {
    /// What `keyValueInLayout` found.
    enum LaidOutKeyValue {
        /// The bytes are not in the layout: nothing was consumed.
        case otherLayout
        /// The filter does not keep the key: the value was validated and skipped.
        case skipped
        case kept(OTLPAttribute)
    }

    /// `{"key":"` as the word its 8 bytes load as.
    private static let keyOpening = word(#"{"key":""#)
    /// `,"value"` as the word its 8 bytes load as (a `:` follows).
    private static let valueOpening = word(#","value""#)

    /// The `KeyValue` at the scanner when it is in the common layout (see the extension).
    @inline(__always)
    static func keyValueInLayout(_ s: inout JSONScanner, depth: Int, _ filter: AttributeKeyFilter?) throws(JSONSyntaxError) -> LaidOutKeyValue {
        let b = s.bytes, i = s.index
        guard depth + 2 < JSONScanner.maxDepth, i + 8 <= b.count, load(b, i) == keyOpening else { return .otherLayout }
        var scanner = JSONScanner(b, startingAt: i + 7)
        guard let (start, end, hasEscapes) = try? scanner.scanStringBounds(), !hasEscapes else { return .otherLayout }
        let j = scanner.index   // just past the key's closing quote
        guard j + 9 <= b.count, load(b, j) == valueOpening, b[j + 8] == UInt8(ascii: ":") else { return .otherLayout }
        let key: String?
        if let filter = filter {
            key = filter.key(UnsafeBufferPointer(rebasing: b[start..<end]))
        } else {
            key = String(decoding: b[start..<end], as: UTF8.self)
        }
        scanner.advance(by: 9)
        var value = OTLPValue.empty
        if key != nil { value = try anyValue(&scanner, depth: depth + 1) } else { try skip(&scanner, depth: depth + 1) }
        guard scanner.peek == UInt8(ascii: "}") else { return .otherLayout }   // more members: read it in general
        scanner.advance()
        s = scanner
        return key.map { .kept(OTLPAttribute(key: $0, value: value)) } ?? .skipped
    }

    @inline(__always)
    private static func load(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
    }

    /// The word the 8 bytes of `text` load as.
    private static func word(_ text: String) -> UInt64 {
        precondition(text.utf8.count == 8)
        return Array(text.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
}
