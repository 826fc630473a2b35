import Foundation

/// A string value of a scanned log line: the byte range of its content in the line, between the
/// quotes. Plain data: copying it costs nothing.
struct RawString: Sendable {
    // Two 32-bit words keep a scanned record small: it is made and handed on per line, and a record
    // of more than 128 bytes is copied with a call to `memcpy` rather than a few moves, once per
    // line. Offsets are within a line (at most 16 MiB) or a read (1 MiB), so they fit in 31 bits:
    // they are not checked on every string. The top bit of the second word says whether the
    // string has escapes.
    private var start32: UInt32
    private var endAndEscapes: UInt32

    init(start: Int, end: Int, hasEscapes: Bool = false) {
        assert(0 <= start && start <= end && end < 1 << 31)
        start32 = UInt32(truncatingIfNeeded: start)
        endAndEscapes = UInt32(truncatingIfNeeded: end) | (hasEscapes ? 1 << 31 : 0)
    }

    var start: Int { Int(start32) }
    var end: Int { Int(endAndEscapes & 0x7FFF_FFFF) }
    /// Whether the string is written with escapes (rare): its range is then the text as written,
    /// validated when scanned and decoded again whenever it is read.
    var hasEscapes: Bool { endAndEscapes >> 31 != 0 }
    /// Whether the string is `""` (a string with escapes is never empty).
    var isEmpty: Bool { endAndEscapes == start32 }

    /// No string: how `PackedRawString` stores nil.
    static var absent: RawString { RawString(absentMarker: ()) }
    private init(absentMarker: Void) { (start32, endAndEscapes) = (.max, 0) }
    var isAbsent: Bool { start32 == .max }
}

/// An optional `RawString` in its 8 bytes (`RawString?` takes 12): nil is kept as `RawString.absent`.
@propertyWrapper
struct PackedRawString: Sendable {
    private var stored: RawString

    init(wrappedValue: RawString?) { stored = wrappedValue ?? .absent }

    var wrappedValue: RawString? {
        @inline(__always) get { stored.isAbsent ? nil : stored }
        @inline(__always) set { stored = newValue ?? .absent }
    }
}

/// A log line scanned and validated but not yet decoded into `StepRecord`'s strings.
///
/// The log reader's fast path: statistics read the version, run and step straight from the
/// line's bytes and decode only what they keep. Valid only while the line's buffer is, so it
/// never escapes the reader's callback. Plain data, nothing to retain or release: the reader
/// makes one per line.
struct RawStepRecord {
    /// The line the strings are ranges of (the reader's fast path sets it to the line once it
    /// knows where the line ends).
    var line: UnsafeBufferPointer<UInt8>
    var runID = RawString(start: 0, end: 0)
    var stepName = RawString(start: 0, end: 0)
    var promptVersion = RawString(start: 0, end: 0)
    // The optional strings, nil when missing or null, packed (see `PackedRawString`).
    @PackedRawString var timestamp: RawString? = nil
    @PackedRawString var inputSummary: RawString? = nil
    @PackedRawString var outputSummary: RawString? = nil
    @PackedRawString var errorType: RawString? = nil
    @PackedRawString var modelName: RawString? = nil
    @PackedRawString var caseID: RawString? = nil
    var success = false
    var latencyMS: Double?
    var tokenCount: Int?

    init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

    /// Calls `body` with the UTF-8 bytes of `s`'s text.
    @inline(__always)
    func withBytes<R>(_ s: RawString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if s.hasEscapes { return withDecoded(s, body) }
        return body(UnsafeBufferPointer(rebasing: line[s.start..<s.end]))
    }

    /// `withBytes` for a string with escapes: decoded from the line again, as the scan did when
    /// it validated it (so this cannot fail).
    @inline(never)
    private func withDecoded<R>(_ s: RawString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var scanner = JSONScanner(line, startingAt: s.start - 1)
        guard var text = try? scanner.parseString() else {
            preconditionFailure("a string validated by the scan no longer decodes: the line's buffer changed")
        }
        return text.withUTF8(body)
    }

    /// The text of `s`.
    func string(_ s: RawString) -> String { withBytes(s) { String(decoding: $0, as: UTF8.self) } }

    /// Whether `s`'s text is exactly `bytes` (UTF-8), without decoding it when it has no escapes.
    func equals(_ s: RawString, _ bytes: [UInt8]) -> Bool {
        guard s.end - s.start == bytes.count || s.hasEscapes else { return false }   // escapes: the text is shorter
        return withBytes(s) { text in
            guard text.count == bytes.count else { return false }
            if text.count > 16 { return memcmp(text.baseAddress!, bytes, text.count) == 0 }   // a long name (a model's)
            for i in 0..<text.count where text[i] != bytes[i] { return false }   // names are short: no memcmp call
            return true
        }
    }

    /// The bytes of `s`'s text (UTF-8).
    func bytes(_ s: RawString) -> [UInt8] { withBytes(s) { Array($0) } }

    /// The key of the case this step's run exercised, as `StepRecord.caseKey`: `case_id`, else
    /// `input_summary`, if not empty.
    var caseKey: RawString? {
        if let c = caseID, !c.isEmpty { return c }
        if let i = inputSummary, !i.isEmpty { return i }
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
