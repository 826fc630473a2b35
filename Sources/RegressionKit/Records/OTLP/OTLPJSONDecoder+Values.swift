/// The values an OTLP/JSON document holds, read straight from the bytes: objects and arrays member
/// by member, strings, ids (hex or base64), 64-bit integers (as strings or bare numbers, never
/// through a `Double`), doubles and status codes (numbers or names).
extension OTLPJSONDecoder {
    /// Calls `member` for each member of an object (or none for `null`) with the scanner at its
    /// value, the key the gate reads it as (nil for others) and a way to get the key's text.
    static func object(
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
    static func array<T>(
        _ s: inout JSONScanner, _ element: (inout JSONScanner) throws(JSONSyntaxError) -> T
    ) throws(JSONSyntaxError) -> [T] {
        var out: [T] = []
        try each(&s) { (s) throws(JSONSyntaxError) in out.append(try element(&s)) }
        return out
    }

    /// Calls `element` with the scanner at each element of an array (none for `null`).
    static func each(
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
    static func string(_ s: inout JSONScanner) throws(JSONSyntaxError) -> String {
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return "" }
        guard s.peek == UInt8(ascii: "\"") else { throw s.error("expected a string, found \(s.describeByte(at: s.index))") }
        return try s.parseString()
    }

    /// An id `count` bytes long (empty for `null` or `""`), from hex or base64. Hex digits in a
    /// string with nothing else, as every OTLP/JSON exporter writes them, are read straight into
    /// words; anything else goes through `OTLPIdentifiers`, which says what is wrong.
    static func id(_ s: inout JSONScanner, count: Int, _ field: String) throws(JSONSyntaxError) -> JSONID {
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
    static func hexWords(_ s: JSONScanner, digits: Int) -> (high: UInt64, low: UInt64)? {
        let b = s.bytes, i = s.index
        guard i + digits + 1 < b.count, b[i] == UInt8(ascii: "\""), b[i + digits + 1] == UInt8(ascii: "\"") else { return nil }
        // A digit's value from a table, no branch per digit: any byte that is not a hex digit
        // maps to 0x10, which the OR of all values then shows.
        return hexValues.withUnsafeBufferPointer { table in
            var words: (UInt64, UInt64) = (0, 0), seen: UInt8 = 0
            let first = b.baseAddress! + i + 1
            for k in 0..<min(digits, 16) {
                let v = table[Int(first[k])]
                seen |= v
                words.0 = words.0 << 4 | UInt64(v)
            }
            for k in min(digits, 16)..<digits {
                let v = table[Int(first[k])]
                seen |= v
                words.1 = words.1 << 4 | UInt64(v)
            }
            return seen < 0x10 ? (words.0, words.1) : nil
        }
    }

    /// Each byte's value as a hex digit (either case), 0x10 for any other byte.
    private static let hexValues: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0x10
        }
    }

    /// The digits of an integer written as a JSON number or a string: the range of its text
    /// and whether it is negative. Refuses fractions and exponents (no `Double` is involved).
    static func integerText(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> (digits: Range<Int>, negative: Bool, at: Int) {
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
    static func unsigned64(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> UInt64 {
        if s.peek == UInt8(ascii: "n") { try s.literal("null"); return 0 }
        // As every encoder writes a time: a string of 1 to 19 digits, which cannot overflow.
        // Anything else is read in general, from the start.
        if s.peek == UInt8(ascii: "\"") {
            let b = s.bytes
            var i = s.index + 1, value: UInt64 = 0
            let end = min(b.count, i + 20)
            while i < end, case let digit = b[i] &- UInt8(ascii: "0"), digit < 10 {
                value = value &* 10 &+ UInt64(digit)
                i += 1
            }
            let count = i - s.index - 1
            if count > 0, count <= 19, i < b.count, b[i] == UInt8(ascii: "\"") {
                s.advance(by: count + 2)
                return value
            }
        }
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
    static func signed64(_ s: inout JSONScanner, _ field: String) throws(JSONSyntaxError) -> Int64 {
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
    static func double(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Double {
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
    static func statusCode(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Int64 {
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
