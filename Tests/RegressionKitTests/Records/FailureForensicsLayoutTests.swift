import Foundation
import Testing
@testable import RegressionKit

/// The ancestor-layout fast path against the general parser: for every line, `LogLineParser.scan`
/// (fast path first) and `LogLineParser.scanGeneral` must give the same record, string ranges
/// included, or the same error.
@Suite("Ancestor layout fast path")
struct FailureForensicsLayoutTests {
    /// The keys and values of a line in the ancestor's layout, in its order.
    static let members: [(key: String, value: String)] = [
        ("timestamp", #""2026-11-01T00:00:00.414002+00:00""#),
        ("run_id", #""52e6b438""#),
        ("step_name", #""retrieval""#),
        ("input_summary", #""Sorgu 0: şirket politikası nedir? 日本語の質問 0 — «0»""#),
        ("output_summary", #""ok: 3 documents""#),
        ("latency_ms", "175.47"),
        ("token_count", "548"),
        ("success", "true"),
        ("error_type", "null"),
        ("prompt_version", #""v2""#),
        ("model_name", #""gemini-flash-latest""#),
    ]

    /// A line as `json.dumps` writes `members`.
    static func line(_ members: [(key: String, value: String)] = members) -> String {
        "{" + members.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// `members` with the value of `key` replaced.
    static func line(_ key: String, _ value: String) -> String {
        line(members.map { $0.key == key ? ($0.key, value) : $0 })
    }

    /// What a parse gave, comparable: the record with the ranges of its strings, or the error.
    enum Outcome: Equatable, CustomStringConvertible {
        case record(StepRecord, ranges: String)
        case problem(LogLineProblem)

        init(_ scan: () throws(LogLineProblem) -> RawStepRecord) {
            do throws(LogLineProblem) {
                let raw = try scan()
                let strings: [RawString?] = [raw.timestamp, raw.runID, raw.stepName, raw.inputSummary, raw.outputSummary,
                                             raw.errorType, raw.promptVersion, raw.modelName, raw.caseID]
                let ranges = strings.map { $0.map { "\($0.start)..<\($0.end)\($0.hasEscapes ? "e" : "")" } ?? "nil" }
                self = .record(raw.record, ranges: ranges.joined(separator: " "))
            } catch {
                self = .problem(error)
            }
        }

        var description: String {
            switch self {
            case .record(let record, let ranges): return "record \(record) \(ranges)"
            case .problem(let problem): return "problem at \(problem.column.map(String.init) ?? "-"): \(problem.message)"
            }
        }
    }

    /// Both paths' outcomes for `bytes`, and whether the fast path took the line.
    static func outcomes(_ bytes: [UInt8]) -> (fast: Outcome, general: Outcome, tookFastPath: Bool) {
        bytes.withUnsafeBufferPointer { line in
            (Outcome { () throws(LogLineProblem) in try LogLineParser.scan(line) },
             Outcome { () throws(LogLineProblem) in try LogLineParser.scanGeneral(line) },
             FailureForensicsLayout.scan(line) != nil)
        }
    }

    @discardableResult
    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        expectSame(Array(text.utf8), sourceLocation: sourceLocation)
    }

    /// Expects both paths to agree on `bytes`; returns whether the fast path took the line.
    @discardableResult
    static func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let (fast, general, took) = outcomes(bytes)
        #expect(fast == general, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        if took, case .problem = general {
            Issue.record("the fast path accepted a line the general parser rejects: \(String(decoding: bytes, as: UTF8.self))",
                         sourceLocation: sourceLocation)
        }
        expectSameAtStartOfText(bytes, sourceLocation: sourceLocation)
        return took
    }

    /// The reader's way, the fast path on a line at the start of a read that goes on past it
    /// (`FailureForensicsLayout.scanLine`), must take exactly the lines it takes alone, with the same
    /// record and the line's length; and no line without a newline after it.
    static func expectSameAtStartOfText(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard !bytes.contains(0x0A) else { return }   // the reader's lines never hold one
        let alone: Outcome? = bytes.withUnsafeBufferPointer { line in
            FailureForensicsLayout.scan(line).map { raw in Outcome { () throws(LogLineProblem) in raw } }
        }
        for next in ["", "\n", "\n{\"timestamp\": \"2026"] {
            let text = bytes + Array(next.utf8)
            let atStart: Outcome? = text.withUnsafeBufferPointer { text in
                var raw = RawStepRecord(line: text)
                var memo = UTF8Memo()
                guard let length = FailureForensicsLayout.scanLine(atStartOf: text, into: &raw, memo: &memo) else { return nil }
                guard length == bytes.count else { return .problem(LogLineProblem(message: "length \(length)", column: nil)) }
                raw.line = UnsafeBufferPointer(rebasing: text[..<length])
                return Outcome { () throws(LogLineProblem) in raw }
            }
            let expected = next.isEmpty ? nil : alone   // no newline: not taken
            #expect(atStart == expected, "\(String(decoding: text, as: UTF8.self))", sourceLocation: sourceLocation)
        }
    }

    @Test func takesTheAncestorsLines() {
        #expect(Self.expectSame(Self.line()))
        #expect(Self.expectSame(#"{"timestamp": "2026-11-25T14:12:25.043365+00:00", "run_id": "375b46da", "step_name": "citation", "input_summary": "Sorgu 1945: şirket politikası nedir? 日本語の質問 1945 — «6»", "output_summary": "error: citation failed", "latency_ms": 114.98, "token_count": 665, "success": false, "error_type": "no_citation", "prompt_version": "v3", "model_name": "gemini-flash-latest"}"#))
    }

    /// Whitespace after the object, as the general parser allows it (a CRLF file's lines end with "\r").
    @Test(arguments: [" ", "\r", " \t\r", "\r\r"])
    func takesWhitespaceAfterTheObject(whitespace: String) {
        #expect(Self.expectSame(Self.line() + whitespace))
        #expect(!Self.expectSame(Self.line() + whitespace + "x"))
    }

    /// The recorder's lines: the ancestor's, then `case_id` when it is set.
    @Test(arguments: [#""c-1""#, "null", #""""#, #""caf\u00e9 \"7\"""#, #""日本語""#])
    func takesTheRecordersCaseID(value: String) {
        #expect(Self.expectSame(Self.line(Self.members + [("case_id", value)])))
    }

    @Test(arguments: [
        ("timestamp", "null"), ("input_summary", "null"), ("output_summary", "null"), ("latency_ms", "null"),
        ("token_count", "null"), ("model_name", "null"), ("error_type", #""timeout""#), ("output_summary", #""""#),
        ("input_summary", #""a \"quoted\" \\ query\twith\ncontrols\u0001 \ud83d\ude00""#), ("run_id", #""r\u0031""#),
        ("latency_ms", "0"), ("latency_ms", "-0.0"), ("latency_ms", "1e3"), ("latency_ms", "9.1e15"), ("latency_ms", "0.005"),
        ("latency_ms", "123456789012345678901234567890"), ("token_count", "0"), ("token_count", "-3"), ("token_count", "12.0"),
        ("token_count", "1e3"), ("success", "false"),
    ])
    func takesOtherValuesOfTheRightType(key: String, value: String) {
        #expect(Self.expectSame(Self.line(key, value)))
    }

    /// Every value of another type, or invalid, in every position: the general parser's result or error.
    @Test func aWrongOrInvalidValueInAnyPositionGivesTheGeneralResult() {
        let values = [#""x""#, #""""#, "1", "-1.5", "1e400", "-0", "01", "1.", "-", "true", "false", "null", "nul", "nulll",
                      "tru", "falsey", "[]", "{}", #"{"a": 1}"#, "NaN", "Infinity", #""\x""#, #""\u12""#, #""\ud800""#,
                      #""a"#, "\"a\u{1}b\"", "\"\u{7F}\"", "99999999999999999999", "1.5e", "+1", " 1", "1 "]
        for member in Self.members {
            for value in values { Self.expectSame(Self.line(member.key, value)) }
        }
    }

    @Test(arguments: [
        // Another key order, extra whitespace, a case_id, a missing or unknown key, duplicates.
        #"{"run_id": "52e6b438", "timestamp": "2026-11-01T00:00:00.414002+00:00", "step_name": "retrieval", "input_summary": "q", "output_summary": "ok", "latency_ms": 175.47, "token_count": 548, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}"#,
        #"{"timestamp":"2026-11-01T00:00:00.414002+00:00","run_id":"52e6b438","step_name":"retrieval","input_summary":"q","output_summary":"ok","latency_ms":175.47,"token_count":548,"success":true,"error_type":null,"prompt_version":"v2","model_name":"m"}"#,
        #" {"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m" }"#,
        #"{"timestamp": "t", "run_id" : "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m", "case_id": "c-1", "case_id": "c-2"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m", "case_id": 7}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m", "case_id": "c-1", "extra": 1}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m", "case_id": "c-1"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m", "run_id": "r2"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}{}"#,
        #"{"timestamp": "t", "run_\u0069d": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": -1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "v2", "model_name": "m"}"#,
        #"{"timestamp": "t", "run_id": "r", "step_name": "s", "input_summary": "q", "output_summary": "ok", "latency_ms": 1, "token_count": 2, "success": true, "error_type": null, "prompt_version": "", "model_name": "m"}"#,
        "", "{", "{}", "[]", #"{"timestamp": "#, #"{"timestamp": null"#,
    ])
    func anotherLayoutGivesTheGeneralResult(line: String) {
        #expect(!Self.expectSame(line))
    }

    /// Every prefix of an ancestor line, and every line one byte away from it (replaced, deleted
    /// or inserted): the general parser's result or error, byte for byte.
    @Test func everyTruncationAndOneByteEditGivesTheGeneralResult() {
        for line in [Self.line(Self.members.map { $0.key == "latency_ms" ? ($0.key, "-0.5e-3") : $0 }),
                     Self.line(Self.members + [("case_id", #""c-1""#)])] {
            Self.expectEveryTruncationAndOneByteEdit(Array(line.utf8))
        }
    }

    static func expectEveryTruncationAndOneByteEdit(_ line: [UInt8]) {
        let bytes: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x3A, 0x45, 0x5C, 0x5D, 0x65,
                              0x6E, 0x74, 0x75, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF4, 0xF5, 0xFF]
        for end in 0...line.count { Self.expectSame(Array(line[..<end])) }
        for i in line.indices {
            for b in bytes where b != line[i] {
                var replaced = line
                replaced[i] = b
                Self.expectSame(replaced)
                var inserted = line
                inserted.insert(b, at: i)
                Self.expectSame(inserted)
            }
            var deleted = line
            deleted.remove(at: i)
            Self.expectSame(deleted)
        }
    }

    /// Invalid UTF-8 in each string value: rejected by both paths alike.
    @Test func invalidUTF8InAnyStringGivesTheGeneralError() {
        let sequences: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xC3], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                    [0xF0, 0x9F, 0x98], [0xFE], [0xC3, 0xA9, 0xFF]]
        for member in Self.members where member.value.hasPrefix("\"") {
            for sequence in sequences {
                let text = Self.line(member.key, "\"ab\u{1}\"")
                var bytes = Array(text.utf8)
                let marker = bytes.firstIndex(of: 0x01)!
                bytes.replaceSubrange(marker...marker, with: sequence)
                #expect(!Self.expectSame(bytes))
            }
        }
    }

    /// The reader remembers the last non-ASCII string it validated (`UTF8Memo`); a later line whose
    /// summary differs from it in one byte, making it invalid UTF-8, is still a bad line.
    @Test func aRepeatedSummaryWithOneBadByteIsStillABadLine() throws {
        let good = Array(Self.line().utf8)
        var bad = good
        let summary = Array("日本語".utf8)
        let at = (0...bad.count - summary.count).first { Array(bad[$0..<$0 + summary.count]) == summary }!
        bad[at + 1] = 0x28   // a lead byte followed by '(': not UTF-8, same length
        let path = temporaryDirectory().appendingPathComponent("memo.jsonl").path
        try ((good + [0x0A] + good + [0x0A] + bad + [0x0A]) as [UInt8]).withUnsafeBufferPointer {
            try Data(buffer: $0).write(to: URL(fileURLWithPath: path))
        }
        #expect {
            try LogReader(sources: [.file(path)]).read { _ in }
        } throws: { error in
            guard case .badLine(let problem)? = error as? LogReadError else { return false }
            return problem.line == 3 && problem.message.contains("UTF-8")
        }
    }
}
