/// What is wrong with one log line, without its location (the reader adds file and line).
public struct LogLineProblem: Error, Sendable, Equatable {
    /// The problem in words, e.g. `missing required key "run_id"`.
    public var message: String
    /// 1-based column (in bytes) where the problem was found, when known.
    public var column: Int?
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

    /// Parses `line` (without its newline). Throws `LogLineProblem` for anything but a valid record.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(LogLineProblem) -> StepRecord {
        var scanner = JSONScanner(line)
        do throws(JSONSyntaxError) {
            return try parseRecord(&scanner)
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

    private static func parseRecord(_ s: inout JSONScanner) throws(JSONSyntaxError) -> StepRecord {
        s.skipWhitespace()
        guard s.peek == UInt8(ascii: "{") else {
            if s.isAtEnd { throw s.error("empty line") }
            throw s.error("not a JSON object: expected '{', found \(s.describeByte(at: s.index))")
        }
        s.advance()
        var timestamp: String?, runID: String?, stepName: String?, inputSummary: String?
        var outputSummary: String?, latencyMS: Double?, tokenCount: Int?, success: Bool?
        var errorType: String?, promptVersion: String?, modelName: String?, caseID: String?

        if !s.consume(UInt8(ascii: "}")) {
            repeat {
                s.skipWhitespace()
                let key = try readKey(&s)
                try s.expect(UInt8(ascii: ":"), "':'")
                s.skipWhitespace()
                let valueStart = s.index
                guard let key else { try s.skipValue(depth: 1); continue }
                let name = key.name
                switch key {
                case .runID: runID = try requiredString(&s, name)
                case .stepName: stepName = try requiredString(&s, name)
                case .promptVersion: promptVersion = try requiredString(&s, name)
                case .timestamp: timestamp = try optionalString(&s, name)
                case .inputSummary: inputSummary = try optionalString(&s, name)
                case .outputSummary: outputSummary = try optionalString(&s, name)
                case .errorType: errorType = try optionalString(&s, name)
                case .modelName: modelName = try optionalString(&s, name)
                case .caseID: caseID = try optionalString(&s, name)
                case .success:
                    switch s.peek {
                    case UInt8(ascii: "t"): try s.literal("true"); success = true
                    case UInt8(ascii: "f"): try s.literal("false"); success = false
                    default: throw typeError(&s, name, "true or false", at: valueStart)
                    }
                case .latencyMS:
                    if try consumeNull(&s) { latencyMS = nil; break }
                    guard isNumberStart(s.peek) else { throw typeError(&s, name, "a number", at: valueStart) }
                    let (range, _) = try s.scanNumber()
                    let value = try s.doubleValue(of: range)
                    guard value >= 0 else { throw s.error("\"latency_ms\" is negative (\(value))", at: valueStart) }
                    latencyMS = value
                case .tokenCount:
                    if try consumeNull(&s) { tokenCount = nil; break }
                    guard isNumberStart(s.peek) else { throw typeError(&s, name, "an integer", at: valueStart) }
                    let (range, isInteger) = try s.scanNumber()
                    guard let n = s.integerValue(of: range, isInteger: isInteger) else {
                        throw s.error("\"token_count\" must be an integer", at: valueStart)
                    }
                    tokenCount = n
                }
            } while s.consume(UInt8(ascii: ","))
            try s.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        s.skipWhitespace()
        guard s.isAtEnd else { throw s.error("unexpected \(s.describeByte(at: s.index)) after the end of the object") }

        func missing(_ key: String) -> JSONSyntaxError { s.error("missing required key \"\(key)\"", at: 0) }
        guard let runID else { throw missing("run_id") }
        guard let stepName else { throw missing("step_name") }
        guard let success else { throw missing("success") }
        guard let promptVersion else { throw missing("prompt_version") }
        return StepRecord(
            runID: runID, stepName: stepName, success: success, promptVersion: promptVersion,
            errorType: errorType, latencyMS: latencyMS, tokenCount: tokenCount,
            inputSummary: inputSummary, outputSummary: outputSummary,
            timestamp: timestamp, modelName: modelName, caseID: caseID)
    }

    /// Reads an object key; returns the known key it names, or nil for an unknown key.
    private static func readKey(_ s: inout JSONScanner) throws(JSONSyntaxError) -> Key? {
        let (start, end, hasEscapes) = try s.scanStringBounds()
        if hasEscapes {
            var copy = JSONScanner(s.bytes, startingAt: start - 1)
            let decoded = Array(try copy.parseString().utf8)
            return keys.first { $0.bytes == decoded }?.key
        }
        let length = end - start
        for entry in keys where entry.bytes.count == length {
            var equal = true
            for k in 0..<length where s.bytes[start + k] != entry.bytes[k] { equal = false; break }
            if equal { return entry.key }
        }
        // Unknown keys are ignored, but must still be valid UTF-8.
        guard String(validating: UnsafeBufferPointer(rebasing: s.bytes[start..<end]), as: UTF8.self) != nil else {
            throw s.error("key is not valid UTF-8", at: start - 1)
        }
        return nil
    }

    private static func requiredString(_ s: inout JSONScanner, _ name: String) throws(JSONSyntaxError) -> String {
        let at = s.index
        guard s.peek == UInt8(ascii: "\"") else { throw typeError(&s, name, "a string", at: at) }
        let value = try s.parseString()
        guard !value.isEmpty else { throw s.error("\"\(name)\" is empty", at: at) }
        return value
    }

    private static func optionalString(_ s: inout JSONScanner, _ name: String) throws(JSONSyntaxError) -> String? {
        if try consumeNull(&s) { return nil }
        guard s.peek == UInt8(ascii: "\"") else { throw typeError(&s, name, "a string or null", at: s.index) }
        return try s.parseString()
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
