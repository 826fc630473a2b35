import Foundation

/// A syntax error found while scanning JSON text: what is wrong and at which byte.
struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the problem, from the start of the scanned text.
    var offset: Int
    /// What is wrong, in words a user can act on.
    var message: String
}

/// A strict RFC 8259 scanner over UTF-8 bytes.
///
/// It is the one place that knows JSON's lexical rules; the log-line parser and the
/// document parser both drive it. Strings are validated as UTF-8, escapes decoded
/// (surrogate pairs joined, lone surrogates rejected), numbers checked against the
/// grammar (so `NaN`, `Infinity`, `01`, `1.` are errors), and nesting is bounded.
struct JSONScanner {
    /// Deepest nesting accepted when skipping or parsing a value.
    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, startingAt index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func advance() { index += 1 }

    /// Moves `n` bytes on (within the bytes: an offset in a buffer cannot overflow).
    mutating func advance(by n: Int) { index &+= n }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, message: message)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) or throws, naming what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
        if index < bytes.count, bytes[index] == byte { index += 1; return }   // the common case: no whitespace
        try expectSlow(byte, what())
    }

    private mutating func expectSlow(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of line, expected \(what)") }
        guard bytes[index] == byte else { throw error("expected \(what), found \(describeByte(at: index))") }
        index += 1
    }

    /// Consumes `literal` if the bytes at the current position are exactly it; returns whether it did.
    @inline(__always)
    mutating func skip(_ literal: [UInt8]) -> Bool {
        let n = literal.count
        guard literal.withUnsafeBytes({ isAt($0.baseAddress!, count: n) }) else { return false }
        index += n
        return true
    }

    /// Whether the `n` bytes at the current position are those at `text`. Compares 8-byte words,
    /// the last one overlapping the one before (no byte-by-byte tail), so that a literal known at
    /// compile time becomes a few constant compares; 4 to 7 bytes as two overlapping 4-byte words
    /// (`null`, `true`, `false`); under 4, `memcmp`.
    @inline(__always)
    func isAt(_ text: UnsafeRawPointer, count n: Int) -> Bool {
        guard n <= bytes.count - index else { return false }
        let here = UnsafeRawPointer(bytes.baseAddress! + index)
        guard n >= 8 else {
            guard n >= 4 else { return n == 0 || memcmp(here, text, n) == 0 }
            return here.loadUnaligned(as: UInt32.self) == text.loadUnaligned(as: UInt32.self)
                && here.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == text.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        var difference: UInt64 = 0
        var k = 0
        while k + 8 < n {
            difference |= here.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ text.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            k += 8
        }
        difference |= here.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) ^ text.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        return difference == 0
    }

    /// Consumes `byte` after whitespace if it is next; returns whether it did.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        if index < bytes.count, bytes[index] == byte { index += 1; return true }
        skipWhitespace()
        if index < bytes.count, bytes[index] == byte { index += 1; return true }
        return false
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of line" }
        let b = bytes[offset]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    // MARK: Strings

    /// Scans a string starting at its opening quote; returns its decoded value.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let (contentStart, contentEnd, hasEscapes) = try scanStringBounds()
        let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
        if !hasEscapes { return String(decoding: content, as: UTF8.self) }   // validated by scanStringBounds
        return try decodeEscapedString(content, offset: contentStart)
    }

    /// Scans a string starting at its opening quote without decoding it, checking that it has
    /// no raw control characters and, when it has no escapes, that it is valid UTF-8 (a string
    /// with escapes is validated when decoded). Returns the byte range of its content and
    /// whether it contains escapes.
    mutating func scanStringBounds() throws(JSONSyntaxError) -> (Int, Int, Bool) {
        let n = bytes.count
        guard index < n, bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a string, found \(describeByte(at: index))")
        }
        let base = bytes.baseAddress!
        let start = index
        let contentStart = index + 1
        var i = contentStart
        var hasEscapes = false
        var firstNonASCII = Int.max   // the bytes before it are ASCII, so valid UTF-8
        while true {
            let run = StringRun.find(in: base, from: i, count: n)
            firstNonASCII = min(firstNonASCII, run.firstNonASCII)
            i = run.end
            guard i < n else { break }
            let b = base[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                if firstNonASCII < i && !hasEscapes,
                   !UTF8Validation.isValid(UnsafeBufferPointer(start: base + firstNonASCII, count: i - firstNonASCII)) {
                    throw error("string is not valid UTF-8", at: start)
                }
                return (contentStart, i, hasEscapes)
            }
            if b == UInt8(ascii: "\\") {
                hasEscapes = true
                i += 2
                continue
            }
            index = i   // a control character: the only other byte that ends a run
            throw error("control character (byte 0x\(String(b, radix: 16))) inside a string; it must be escaped")
        }
        index = n
        throw error("unterminated string", at: start)
    }

    private func decodeEscapedString(_ content: UnsafeBufferPointer<UInt8>, offset: Int) throws(JSONSyntaxError) -> String {
        var out = [UInt8]()
        out.reserveCapacity(content.count)
        var i = 0
        func hex4(_ at: Int) throws(JSONSyntaxError) -> UInt32 {
            guard at + 4 <= content.count else { throw error("truncated \\u escape", at: offset + at) }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = content[at + k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape", at: offset + at + k)
                }
                v = v << 4 | d
            }
            return v
        }
        while i < content.count {
            let b = content[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < content.count else { throw error("dangling backslash in string", at: offset + i) }
            let e = content[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 6 <= content.count, content[i] == UInt8(ascii: "\\"), content[i + 1] == UInt8(ascii: "u") else {
                        throw error("lone high surrogate in \\u escape", at: offset + i - 6)
                    }
                    let low = try hex4(i + 2)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("high surrogate not followed by a low surrogate", at: offset + i)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("lone low surrogate in \\u escape", at: offset + i - 6)
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: offset + i - 6) }
                out.append(contentsOf: UTF8.encode(u)!)
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: offset + i - 2)
            }
        }
        let valid = out.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        guard valid else { throw error("string is not valid UTF-8", at: offset) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Numbers

    /// Scans a number per the JSON grammar; returns the byte range of its text
    /// and whether it is an integer (no fraction, no exponent).
    mutating func scanNumber() throws(JSONSyntaxError) -> (Range<Int>, isInteger: Bool) {
        let start = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            let word = JSONScanner(bytes, startingAt: start).invalidLiteralMessage()
            throw error(word.hasPrefix("NaN") ? word : "invalid number", at: start)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("number with a leading zero", at: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("number with no digits after '.'", at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("number with an empty exponent", at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return (start..<index, isInteger)
    }

    /// The numeric value of a number scanned by `scanNumber`; throws when it is not finite.
    func doubleValue(of range: Range<Int>) throws(JSONSyntaxError) -> Double {
        let value: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { buf in
            for (k, i) in range.enumerated() { buf[k] = CChar(bitPattern: bytes[i]) }
            buf[range.count] = 0
            return strtod(buf.baseAddress!, nil)
        }
        guard let value, value.isFinite else { throw error("number out of range", at: range.lowerBound) }
        return value
    }

    /// Like `doubleValue(of:)`, exact and faster for plain decimals such as `412.57`: a mantissa
    /// of at most 15 digits divided by a power of ten up to 1e22 is correctly rounded (both are
    /// exact doubles), so only other forms go through `strtod`.
    func fastDoubleValue(of range: Range<Int>) throws(JSONSyntaxError) -> Double {
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, seenDot = false
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: ".") { seenDot = true; i += 1; continue }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return try doubleValue(of: range) }   // exponent
            mantissa = mantissa &* 10 &+ UInt64(b - UInt8(ascii: "0"))
            if mantissa != 0 { digits += 1 }
            if seenDot { fraction += 1 }
            i += 1
        }
        guard digits <= 15, fraction <= 22 else { return try doubleValue(of: range) }
        let value = Double(mantissa) / Self.powerOfTen(fraction)
        return negative ? -value : value
    }

    /// 10^k for 0 <= k <= 22, exact (every such power is a double).
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        default:
            var p = 1e6
            for _ in 6..<k { p *= 10 }
            return p
        }
    }

    /// The integer value of a number scanned by `scanNumber`, or nil when it is not an integer that fits in `Int`.
    func integerValue(of range: Range<Int>, isInteger: Bool) -> Int? {
        guard isInteger else {
            // Accept integral values written with a fraction or exponent, such as 12.0 or 1e3.
            guard let d = try? doubleValue(of: range), d.rounded() == d, abs(d) < 9.0e15 else { return nil }
            return Int(d)
        }
        var value = 0
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < range.upperBound {   // a negative number counted down, so that Int.min fits
            let digit = Int(bytes[i] - UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return value
    }

    // MARK: Literals and skipping

    /// Consumes the literal `word` (true, false, null) or throws (`isAt`'s word compares:
    /// constants once inlined).
    @inline(__always)
    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard isAt(UnsafeRawPointer(word.utf8Start), count: count) else { throw invalidLiteral() }
        index += count
    }

    /// The error for a word at `index` that is not the literal expected (out of line: it is rare).
    @inline(never)
    private func invalidLiteral() -> JSONSyntaxError { error(invalidLiteralMessage()) }

    /// Why the text at `index` is not a JSON value, naming the offending word.
    func invalidLiteralMessage() -> String {
        var end = index
        while end < bytes.count, end - index < 12,
              (bytes[end] >= UInt8(ascii: "a") && bytes[end] <= UInt8(ascii: "z")) || (bytes[end] >= UInt8(ascii: "A") && bytes[end] <= UInt8(ascii: "Z")) || bytes[end] == UInt8(ascii: "-") {
            end += 1
        }
        let word = String(decoding: bytes[index..<end], as: UTF8.self)
        if ["NaN", "Infinity", "-Infinity", "inf", "nan"].contains(word) {
            return "NaN and Infinity are not valid JSON numbers"
        }
        if word.isEmpty { return "unexpected \(describeByte(at: index)); expected a JSON value" }
        return "invalid word '\(word)'; expected a JSON value (true, false, null, a number or a string)"
    }

    /// Validates and skips any JSON value, bounded by `maxDepth`.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        skipWhitespace()
        guard let b = peek else { throw error("unexpected end of line, expected a value") }
        switch b {
        case UInt8(ascii: "\""): _ = try parseString()
        case UInt8(ascii: "{"):
            advance()
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                skipWhitespace()
                _ = try parseString()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}'")
        case UInt8(ascii: "["):
            index += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue(depth: depth + 1) } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']'")
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: throw error(invalidLiteralMessage())
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
