/// One-pass scanning of the numbers a log line nearly always has: `token_count`'s small integer and
/// `latency_ms`'s short decimal.
///
/// Each checks the JSON number grammar and computes the value in the same pass, and gives up (nil,
/// nothing consumed) on any number it is not sure of: the caller then scans it the general way,
/// with `scanNumber` and `fastDoubleValue` or `integerValue`. On the numbers it takes, the value is
/// exactly theirs.
extension JSONScanner {
    /// A number `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 significant digits and 22 after the
    /// point, not followed by a digit, `.`, `e` or `E`: consumed, and its value as `fastDoubleValue`
    /// computes it. Nil, with nothing consumed, for anything else.
    @inline(__always)
    mutating func scanPlainDecimal() -> Double? {
        let n = bytes.count
        var i = index
        let negative = i < n && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0, significant = 0, fraction = 0
        // Integer part: a lone 0, or digits not starting with 0.
        guard i < n, let first = Self.digit(bytes[i]) else { return nil }
        i += 1
        if first == 0 {
            if i < n, Self.digit(bytes[i]) != nil { return nil }   // a leading zero: the general path's error
        } else {
            mantissa = first
            significant = 1
            while i < n, let d = Self.digit(bytes[i]) {
                guard significant < 15 else { return nil }
                mantissa = mantissa * 10 + d
                significant += 1
                i += 1
            }
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, Self.digit(bytes[i]) != nil else { return nil }
            while i < n, let d = Self.digit(bytes[i]) {
                guard fraction < 22 else { return nil }
                mantissa = mantissa * 10 + d
                if mantissa != 0 {   // zeros before the first significant digit do not count, as in fastDoubleValue
                    guard significant < 15 else { return nil }
                    significant += 1
                }
                fraction += 1
                i += 1
            }
        }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        advance(by: i - index)
        let value = Double(mantissa) / Self.powerOfTen(fraction)
        return negative ? -value : value
    }

    /// A number `-?(0|[1-9][0-9]*)` of at most 18 digits (so it fits in `Int`), not followed by a
    /// digit, `.`, `e` or `E`: consumed, and its value. Nil, with nothing consumed, for anything else.
    @inline(__always)
    mutating func scanPlainInteger() -> Int? {
        let n = bytes.count
        var i = index
        let negative = i < n && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < n, let first = Self.digit(bytes[i]) else { return nil }
        i += 1
        var value = Int(first), digits = 1
        if first != 0 {
            while i < n, let d = Self.digit(bytes[i]) {
                guard digits < 18 else { return nil }
                value = value * 10 + Int(d)
                digits += 1
                i += 1
            }
        }
        if i < n {
            let b = bytes[i]
            if Self.digit(b) != nil || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { return nil }
        }
        advance(by: i - index)
        return negative ? -value : value
    }

    /// The value of an ASCII digit, or nil for any other byte.
    @inline(__always)
    private static func digit(_ b: UInt8) -> UInt64? {
        let d = b &- UInt8(ascii: "0")
        return d < 10 ? UInt64(d) : nil
    }
}
