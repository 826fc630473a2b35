import Foundation

/// A string value of a scanned log line: its byte range, or its decoded text when it had escapes.
struct RawString: Sendable {
    var start: Int
    var end: Int
    /// Set only for strings with escapes (their bytes are not their text).
    var decoded: String?
}

/// A log line scanned and validated but not yet decoded into `StepRecord`'s strings.
///
/// The log reader's fast path: statistics read the version, run and step straight from the
/// line's bytes and decode only what they keep. Valid only while the line's buffer is, so it
/// never escapes the reader's callback.
struct RawStepRecord {
    let line: UnsafeBufferPointer<UInt8>
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

    /// The text of `s`.
    func string(_ s: RawString) -> String {
        s.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: line[s.start..<s.end]), as: UTF8.self)
    }

    /// Whether `s` is exactly `bytes` (UTF-8), without decoding it.
    func equals(_ s: RawString, _ bytes: [UInt8]) -> Bool {
        if let decoded = s.decoded { return decoded.utf8.elementsEqual(bytes) }
        guard s.end - s.start == bytes.count else { return false }
        var i = 0
        for b in bytes {   // names are short: a loop beats a call to memcmp
            if line[s.start + i] != b { return false }
            i += 1
        }
        return true
    }

    /// The bytes of `s`'s text (UTF-8).
    func bytes(_ s: RawString) -> [UInt8] {
        if let decoded = s.decoded { return Array(decoded.utf8) }
        return Array(line[s.start..<s.end])
    }

    /// The key of the case this step's run exercised: `case_id`, else `input_summary`, if not empty.
    var caseKey: String? {
        if let c = caseID, c.decoded.map({ !$0.isEmpty }) ?? (c.end > c.start) { return string(c) }
        if let i = inputSummary, i.decoded.map({ !$0.isEmpty }) ?? (i.end > i.start) { return string(i) }
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
