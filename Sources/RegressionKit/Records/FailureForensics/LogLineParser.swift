import Foundation

/// What is wrong with one log line, without its location (the reader adds file and line).
struct LogLineProblem: Error, Sendable, Equatable {
    /// The problem in words, e.g. `missing required key "run_id"`.
    var message: String
    /// 1-based column (in bytes) where the problem was found, when known.
    var column: Int?
}

/// Parses one JSONL log line into a `StepRecord`.
///
/// A byte-level scanner, not a general JSON decoder: it reads the keys of the record
/// and validates (but does not keep) everything else. It is exact: strings are UTF-8
/// validated and their escapes decoded, numbers follow the JSON grammar, duplicate
/// keys keep the last value (as Python's `json` does), and nesting in unknown keys
/// is bounded.
enum LogLineParser {
    private enum Key: Int, CaseIterable {
        case timestamp, runID, stepName, inputSummary, outputSummary, latencyMS,
             tokenCount, success, errorType, promptVersion, modelName, caseID

        /// The key as written in the log.
        var name: String {
            switch self {
            case .timestamp: return "timestamp"
            case .runID: return "run_id"
            case .stepName: return "step_name"
            case .inputSummary: return "input_summary"
            case .outputSummary: return "output_summary"
            case .latencyMS: return "latency_ms"
            case .tokenCount: return "token_count"
            case .success: return "success"
            case .errorType: return "error_type"
            case .promptVersion: return "prompt_version"
            case .modelName: return "model_name"
            case .caseID: return "case_id"
            }
        }
    }

    private static let keys: [(bytes: [UInt8], key: Key)] = Key.allCases.map { (Array($0.name.utf8), $0) }

    /// The keys in the order failure-forensics' logger writes them, each with its quotes: the parser
    /// tries the next one in this order before scanning a key the general way.
    private static let expectedOrder: [(quoted: [UInt8], key: Key)] =
        [Key.timestamp, .runID, .stepName, .inputSummary, .outputSummary, .latencyMS, .tokenCount, .success,
         .errorType, .promptVersion, .modelName].map { (Array("\"\($0.name)\"".utf8), $0) }

    /// Parses `line` (without its newline). Throws `LogLineProblem` for anything but a valid record.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(LogLineProblem) -> StepRecord {
        try scan(line).record
    }

    /// Scans and validates `line` completely, decoding only numbers and booleans: strings stay
    /// byte ranges of `line` until asked for. The result is valid only while `line` is.
    ///
    /// The `FailureForensicsLayout` fast path, else the general way. The log reader does the same in
    /// `LineCounter.scan`, with a memo of validated strings kept across lines and the record made
    /// where it is used.
    static func scan(_ line: UnsafeBufferPointer<UInt8>) throws(LogLineProblem) -> RawStepRecord {
        var memo = UTF8Memo()
        var raw = RawStepRecord(line: line)
        if FailureForensicsLayout.scan(line, into: &raw, memo: &memo) { return raw }
        return try scanGeneral(line)
    }

    /// `scan` without the `FailureForensicsLayout` fast path: every line the general way. The fast path
    /// falls back to it for anything it does not accept, and tests compare the two.
    static func scanGeneral(_ line: UnsafeBufferPointer<UInt8>) throws(LogLineProblem) -> RawStepRecord {
        var scanner = JSONScanner(line)
        do throws(JSONSyntaxError) {
            return try scanRecord(&scanner)
        } catch {
            throw LogLineProblem(message: error.message, column: error.offset + 1)
        }
    }

    /// Parses a line held in an array (tests, the recorder's round trip).
    static func parse(_ line: [UInt8]) throws(LogLineProblem) -> StepRecord {
        let result: Result<StepRecord, LogLineProblem> = line.withUnsafeBufferPointer { buffer in
            do throws(LogLineProblem) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func scanRecord(_ s: inout JSONScanner) throws(JSONSyntaxError) -> RawStepRecord {
        s.skipWhitespace()
        guard s.peek == UInt8(ascii: "{") else {
            if s.isAtEnd { throw s.error("empty line") }
            throw s.error("not a JSON object: expected '{', found \(s.describeByte(at: s.index))")
        }
        s.advance()
        var raw = RawStepRecord(line: s.bytes)
        var seenRunID = false, seenStepName = false, seenPromptVersion = false, seenSuccess = false

        if !s.consume(UInt8(ascii: "}")) {
            let expected = expectedOrder
            var member = 0
            repeat {
                s.skipWhitespace()
                let key: Key?
                if member < expected.count, s.skip(expected[member].quoted) {
                    key = expected[member].key
                } else {
                    key = try readKey(&s)
                }
                member += 1
                try s.expect(UInt8(ascii: ":"), "':'")
                s.skipWhitespace()
                let valueStart = s.index
                guard let key else { try s.skipValue(depth: 1); continue }
                let name = key.name
                switch key {
                case .runID: raw.runID = try requiredString(&s, name); seenRunID = true
                case .stepName: raw.stepName = try requiredString(&s, name); seenStepName = true
                case .promptVersion: raw.promptVersion = try requiredString(&s, name); seenPromptVersion = true
                case .timestamp: raw.timestamp = try optionalString(&s, name)
                case .inputSummary: raw.inputSummary = try optionalString(&s, name)
                case .outputSummary: raw.outputSummary = try optionalString(&s, name)
                case .errorType: raw.errorType = try optionalString(&s, name)
                case .modelName: raw.modelName = try optionalString(&s, name)
                case .caseID: raw.caseID = try optionalString(&s, name)
                case .success:
                    switch s.peek {
                    case UInt8(ascii: "t"): try s.literal("true"); raw.success = true
                    case UInt8(ascii: "f"): try s.literal("false"); raw.success = false
                    default: throw typeError(&s, name, "true or false", at: valueStart)
                    }
                    seenSuccess = true
                case .latencyMS:
                    if try consumeNull(&s) { raw.latencyMS = nil; break }
                    guard isNumberStart(s.peek) else { throw typeError(&s, name, "a number", at: valueStart) }
                    raw.latencyMS = try latencyValue(&s)
                case .tokenCount:
                    if try consumeNull(&s) { raw.tokenCount = nil; break }
                    guard isNumberStart(s.peek) else { throw typeError(&s, name, "an integer", at: valueStart) }
                    raw.tokenCount = try tokenCountValue(&s)
                }
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        s.skipWhitespace()
        guard s.isAtEnd else { throw s.error("unexpected \(s.describeByte(at: s.index)) after the end of the object") }

        func missing(_ key: String) -> JSONSyntaxError { s.error("missing required key \"\(key)\"", at: 0) }
        guard seenRunID else { throw missing("run_id") }
        guard seenStepName else { throw missing("step_name") }
        guard seenSuccess else { throw missing("success") }
        guard seenPromptVersion else { throw missing("prompt_version") }
        return raw
    }

    /// Reads an object key; returns the known key it names, or nil for an unknown key.
    private static func readKey(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Key? {
        let (start, end, hasEscapes) = try s.scanStringBounds()
        if hasEscapes {
            var copy = JSONScanner(s.bytes, startingAt: start - 1)
            let name = try copy.parseString()
            return Key.allCases.first { $0.name == name }
        }
        // The key's length and first byte pick the one candidate; the bytes confirm it.
        let candidate: Key?
        let first = end > start ? s.bytes[start] : 0
        switch end - start {
        case 6: candidate = .runID
        case 7: candidate = first == UInt8(ascii: "s") ? .success : .caseID
        case 9: candidate = first == UInt8(ascii: "t") ? .timestamp : .stepName
        case 10: candidate = first == UInt8(ascii: "l") ? .latencyMS : first == UInt8(ascii: "e") ? .errorType : .modelName
        case 11: candidate = .tokenCount
        case 13: candidate = .inputSummary
        case 14: candidate = first == UInt8(ascii: "o") ? .outputSummary : .promptVersion
        default: candidate = nil
        }
        guard let candidate else { return nil }
        let expected = keys[candidate.rawValue].bytes
        let same = expected.withUnsafeBufferPointer { memcmp(s.bytes.baseAddress! + start, $0.baseAddress!, $0.count) == 0 }
        return same ? candidate : nil   // unknown keys are ignored (scanStringBounds validated the bytes)
    }

    private static func requiredString(_ s: inout JSONScanner, _ name: String) throws(JSONSyntaxError) -> RawString {
        let at = s.index
        guard s.peek == UInt8(ascii: "\"") else { throw typeError(&s, name, "a string", at: at) }
        let value = try rawString(&s)
        guard !value.isEmpty else { throw s.error("\"\(name)\" is empty", at: at) }
        return value
    }

    private static func optionalString(_ s: inout JSONScanner, _ name: String) throws(JSONSyntaxError) -> RawString? {
        if try consumeNull(&s) { return nil }
        guard s.peek == UInt8(ascii: "\"") else { throw typeError(&s, name, "a string or null", at: s.index) }
        return try rawString(&s)
    }

    /// A string's byte range; one with escapes is decoded now to validate it (it is decoded again
    /// when read: escapes are rare). Shared with `FailureForensicsLayout` so both paths validate it alike.
    static func rawString(_ s: inout JSONScanner) throws(JSONSyntaxError) -> RawString {
        let quote = s.index
        let (start, end, hasEscapes) = try s.scanStringBounds()
        guard hasEscapes else { return RawString(start: start, end: end) }
        var copy = JSONScanner(s.bytes, startingAt: quote)
        _ = try copy.parseString()
        return RawString(start: start, end: end, hasEscapes: true)
    }

    /// The value of `latency_ms` at a number: finite and not negative.
    /// Shared with `FailureForensicsLayout` so both paths decode it alike.
    @inline(__always)
    static func latencyValue(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Double {
        let valueStart = s.index
        let value: Double
        if let plain = s.scanPlainDecimal() {
            value = plain
        } else {
            let (range, _) = try s.scanNumber()
            value = try s.fastDoubleValue(of: range)
        }
        guard value >= 0 else { throw s.error("\"latency_ms\" is negative (\(value))", at: valueStart) }
        return value
    }

    /// The value of `token_count` at a number: an integer that fits in `Int`.
    /// Shared with `FailureForensicsLayout` so both paths decode it alike.
    @inline(__always)
    static func tokenCountValue(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Int {
        if let plain = s.scanPlainInteger() { return plain }
        let valueStart = s.index
        let (range, isInteger) = try s.scanNumber()
        guard let n = s.integerValue(of: range, isInteger: isInteger) else {
            let text = String(decoding: s.bytes[range], as: UTF8.self)
            throw s.error(isInteger ? "\"token_count\" \(text) is out of range (at most 19 digits, \(Int.min) to \(Int.max))"
                                    : "\"token_count\" must be an integer", at: valueStart)
        }
        return n
    }

    private static func consumeNull(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Bool {
        guard s.peek == UInt8(ascii: "n") else { return false }
        try s.literal("null")
        return true
    }

    private static func isNumberStart(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// "\"success\" must be true or false, found the string \"yes\"".
    private static func typeError(_ s: inout JSONScanner, _ name: String, _ expected: String, at: Int) -> JSONSyntaxError {
        var probe = JSONScanner(s.bytes, startingAt: at)
        let found: String
        if let value = try? probe.parseValue(depth: 0) {
            switch value {
            case .string(let text): found = "the string \"\(text.prefix(40))\""
            default: found = value.kindName
            }
        } else {
            return s.error("\"\(name)\": \(JSONScanner(s.bytes, startingAt: at).invalidLiteralMessage())", at: at)
        }
        return s.error("\"\(name)\" must be \(expected), found \(found)", at: at)
    }
}
