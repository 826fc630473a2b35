import Foundation

/// A parsed JSON document, numbers kept as their source text so nothing is lost or reformatted.
///
/// Used for the files people write and review (baselines, policies): parsing reports the
/// line and column of a syntax error, and printing is deterministic (see `JSONValue+Printing`).
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written, e.g. `"0.25"` or `"12"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys with their values; duplicate keys keep the last value, as Python's `json` does.
    case object([String: JSONValue])

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A finite double printed in its shortest round-trip form; non-finite values become `null`.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number("\(value)")
    }

    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

/// Where in a text a JSON syntax error lies, for messages like `baseline.json:12:5: ...`.
struct JSONParseError: Error, Sendable, Equatable {
    var line: Int
    var column: Int
    var message: String
}

extension JSONValue {
    /// Parses a whole JSON document (leading UTF-8 byte-order mark allowed).
    static func parse(_ data: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = data.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            var scanner = JSONScanner(buffer, startingAt: start)
            do throws(JSONSyntaxError) {
                let value = try scanner.parseValue(depth: 0)
                scanner.skipWhitespace()
                guard scanner.isAtEnd else {
                    throw scanner.error("unexpected \(scanner.describeByte(at: scanner.index)) after the end of the document")
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let syntax):
            var line = 1, column = 1
            for b in data.prefix(syntax.offset) {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            throw JSONParseError(line: line, column: column, message: syntax.message)
        }
    }
}

extension JSONScanner {
    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        skipWhitespace()
        guard let b = peek else { throw error("unexpected end of input, expected a value") }
        switch b {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"):
            advance()
            var members: [String: JSONValue] = [:]
            if consume(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                skipWhitespace()
                let key = try parseString()
                try expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
                members[key] = try parseValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(members)
        case UInt8(ascii: "["):
            advance()
            var items: [JSONValue] = []
            if consume(UInt8(ascii: "]")) { return .array(items) }
            repeat { items.append(try parseValue(depth: depth + 1)) } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(items)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (range, isInteger) = try scanNumber()
            // Only an exponent, or 309 digits and more, can take a number out of a double's range:
            // integers shorter than that (every count in a baseline) need no `strtod` to know it.
            if !isInteger || range.count > 308 { _ = try doubleValue(of: range) }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        default: throw error(invalidLiteralMessage())
        }
    }
}
