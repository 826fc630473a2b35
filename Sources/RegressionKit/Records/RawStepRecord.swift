import Foundation

/// A string value of a scanned log line: a byte range of the line, or, for a string written with
/// escapes, of the record's buffer of decoded text. Plain data: copying it costs nothing.
struct RawString: Sendable {
    // 32-bit offsets keep a scanned record small (it is copied per line); lines are at most 16 MiB.
    private var start32: Int32
    private var end32: Int32
    /// Whether the range is in `RawStepRecord.unescaped` rather than in the line.
    var isUnescaped = false

    init(start: Int, end: Int, isUnescaped: Bool = false) {
        start32 = Int32(start)
        end32 = Int32(end)
        self.isUnescaped = isUnescaped
    }

    var start: Int { Int(start32) }
    var end: Int { Int(end32) }
    var isEmpty: Bool { end32 == start32 }
}

/// A log line scanned and validated but not yet decoded into `StepRecord`'s strings.
///
/// The log reader's fast path: statistics read the version, run and step straight from the
/// line's bytes and decode only what they keep. Valid only while the line's buffer is, so it
/// never escapes the reader's callback.
struct RawStepRecord {
    let line: UnsafeBufferPointer<UInt8>
    /// Decoded text of the strings that had escapes (rare), as UTF-8.
    var unescaped: [UInt8] = []
    var runID = RawString(start: 0, end: 0)
    var stepName = RawString(start: 0, end: 0)
    var promptVersion = RawString(start: 0, end: 0)
    var timestamp: RawString?
    var inputSummary: RawString?
    var outputSummary: RawString?
    var errorType: RawString?
    var modelName: RawString?
    var caseID: RawString?
    var success = false
    var latencyMS: Double?
    var tokenCount: Int?

    init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

    /// Calls `body` with the UTF-8 bytes of `s`'s text.
    @inline(__always)
    func withBytes<R>(_ s: RawString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if s.isUnescaped {
            return unescaped.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s.start..<s.end])) }
        }
        return body(UnsafeBufferPointer(rebasing: line[s.start..<s.end]))
    }

    /// The text of `s`.
    func string(_ s: RawString) -> String { withBytes(s) { String(decoding: $0, as: UTF8.self) } }

    /// Whether `s` is exactly `bytes` (UTF-8), without decoding it.
    func equals(_ s: RawString, _ bytes: [UInt8]) -> Bool {
        guard s.end - s.start == bytes.count else { return false }
        return withBytes(s) { text in
            for i in 0..<text.count where text[i] != bytes[i] { return false }   // names are short: no memcmp call
            return true
        }
    }

    /// The bytes of `s`'s text (UTF-8).
    func bytes(_ s: RawString) -> [UInt8] { withBytes(s) { Array($0) } }

    /// The key of the case this step's run exercised: `case_id`, else `input_summary`, if not empty.
    var caseKey: String? {
        if let c = caseID, !c.isEmpty { return string(c) }
        if let i = inputSummary, !i.isEmpty { return string(i) }
        return nil
    }

    /// The fully decoded record.
    var record: StepRecord {
        StepRecord(
            runID: string(runID), stepName: string(stepName), success: success, promptVersion: string(promptVersion),
            errorType: errorType.map(string), latencyMS: latencyMS, tokenCount: tokenCount,
            inputSummary: inputSummary.map(string), outputSummary: outputSummary.map(string),
            timestamp: timestamp.map(string), modelName: modelName.map(string), caseID: caseID.map(string))
    }
}
