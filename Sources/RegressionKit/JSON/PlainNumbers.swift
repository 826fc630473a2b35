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
        // The common case, each part under 8 digits, a word at a time (then at most 14 digits in all:
        // within the limits below, which it need not count).
        if i + 8 <= n, let (integer, length) = Self.shortDigits(at: i, in: bytes, leadingZero: false) {
            var mantissa = integer, fraction = 0
            var j = i + length
            if bytes[j] == UInt8(ascii: "."), j + 9 <= n, let (digits, count) = Self.shortDigits(at: j + 1, in: bytes, leadingZero: true) {
                mantissa = mantissa * Self.tenTo(count) + digits
                fraction = count
                j += 1 + count
            }
            if bytes[j] != UInt8(ascii: "."), bytes[j] | 0x20 != UInt8(ascii: "e") {   // else the loops below decide
                advance(by: j - index)
                let value = Double(mantissa) / Self.powerOfTen(fraction)
                return negative ? -value : value
            }
        }
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
        if i + 8 <= n, let (value, length) = Self.shortDigits(at: i, in: bytes, leadingZero: false) {   // the common case
            let b = bytes[i + length]   // not a digit
            if b == UInt8(ascii: ".") || b | 0x20 == UInt8(ascii: "e") { return nil }
            advance(by: i + length - index)
            return negative ? -Int(value) : Int(value)
        }
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

    /// The digits at `i` (eight bytes of `bytes` from `i` exist) when there are 1 to 7 of them, and,
    /// unless `leadingZero` (a fraction's), they do not start with a 0 followed by another digit:
    /// their value and count, from the eight bytes as one word. Nil otherwise, for the
    /// digit-by-digit loops to decide.
    @inline(__always)
    private static func shortDigits(at i: Int, in bytes: UnsafeBufferPointer<UInt8>, leadingZero: Bool) -> (UInt64, Int)? {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
        // A byte's high bit is set when it is below "0" (the subtraction borrows) or above "9" (the
        // addition reaches 0x80); borrows and carries only run upwards, so the lowest one is exact.
        let notDigits = ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080
        let count = notDigits.trailingZeroBitCount / 8
        guard count > 0, count < 8, leadingZero || count == 1 || word & 0xFF != 0x30 else { return nil }
        return (eightDigitsValue((word &- 0x3030_3030_3030_3030) << UInt64(64 - 8 * count)), count)
    }

    /// The number whose eight decimal digits are the bytes of `digits` (values 0...9), the first
    /// digit in the lowest byte: pairs, then fours, then the eight, in three multiplications.
    @inline(__always)
    static func eightDigitsValue(_ digits: UInt64) -> UInt64 {
        let pairs = digits &* 10 &+ (digits >> 8)   // each even byte: 10 * its digit + the next
        let low = (pairs & 0x0000_00FF_0000_00FF) &* (100 + 1_000_000 << 32)
        let high = ((pairs >> 16) & 0x0000_00FF_0000_00FF) &* (1 + 10_000 << 32)
        return (low &+ high) >> 32
    }

    /// 10^k for k in 1...7, as an integer, to scale the mantissa (`powerOfTen` is a double, and
    /// converting it back measured slower on the bench log).
    @inline(__always)
    private static func tenTo(_ k: Int) -> UInt64 {
        var p: UInt64 = 10
        for _ in 1..<k { p &*= 10 }
        return p
    }

    /// The value of an ASCII digit, or nil for any other byte.
    @inline(__always)
    private static func digit(_ b: UInt8) -> UInt64? {
        let d = b &- UInt8(ascii: "0")
        return d < 10 ? UInt64(d) : nil
    }
}
