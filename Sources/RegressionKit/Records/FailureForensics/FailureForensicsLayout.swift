/// The fast path for a log line in failure-forensics' logger's exact layout.
///
/// Failure-forensics writes every record with Python's `json.dumps`: the same eleven keys in the same
/// order, separated by `", "` and `": "`; the recorder writes the same, then `case_id` when it is
/// set. Between the values, such a line is fixed text, so this scanner compares each key, with the
/// separator before it and the `": "` after it, as a few 8-byte words, and scans and decodes each
/// value as the general parser does.
///
/// It accepts only lines that the general parser accepts, and returns the very record the general
/// parser would: on any difference from the layout (another key order, whitespace, another key,
/// a value of another type, an invalid value, trailing bytes) it returns nil and the caller parses
/// the line from its start the general way, so results and error messages are the general parser's.
enum FailureForensicsLayout {
    /// The record in `line`, or nil when `line` is not exactly in failure-forensics' (or the recorder's) layout.
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> RawStepRecord? {
        var raw = RawStepRecord(line: line)
        var memo = UTF8Memo()
        return scan(line, into: &raw, memo: &memo) ? raw : nil
    }

    /// Scans `line` into `raw` (fresh: `RawStepRecord(line: line)`); returns whether the line is in
    /// the layout. When it is not, `raw` holds some of the line's values and is to be dropped.
    /// `memo` remembers the last non-ASCII string validated, across the lines of one read.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Bool {
        guard let end = scanObject(line, into: &raw, memo: &memo) else { return false }
        var s = JSONScanner(line, startingAt: end)
        s.skipWhitespace()   // a CRLF file's lines end with "\r"
        return s.isAtEnd
    }

    /// `scan` for the line at the start of `text`, a piece of a file that goes on past the line:
    /// returns the line's length (up to its `\n`) when the line is in the layout, nil when it is
    /// not or when no `\n` ends it in `text`. So the reader needs no separate search for the end
    /// of such a line: no value in the layout can hold a newline (strings stop at control
    /// characters), so the line ends where its object and any whitespace after it do, as `scan`
    /// would find on the line alone. `raw` is made with `RawStepRecord(line: text)`.
    static func scanLine(atStartOf text: UnsafeBufferPointer<UInt8>, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Int? {
        guard var i = scanObject(text, into: &raw, memo: &memo) else { return nil }
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0D { i += 1 }   // whitespace, not the newline
        return i < text.count && text[i] == 0x0A ? i : nil
    }

    /// The record's object at the start of `bytes`, in the layout, scanned into `raw`; returns the
    /// offset just past its closing brace, or nil on any difference from the layout.
    ///
    /// In three parts, each a function with every value scanner inlined into it. The scanners are
    /// `@_transparent`, the one way to have them inlined in every case: the optimizer stops
    /// inlining, even `@inline(__always)` functions, into one that has grown past a few hundred
    /// blocks, which one function for the whole object did, and each string then cost a call.
    /// Three parts keep each under that size, so that no string costs a call.
    @inline(__always)
    private static func scanObject(_ bytes: UnsafeBufferPointer<UInt8>, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Int? {
        var s = JSONScanner(bytes)
        guard scanIdentity(&s, into: &raw, memo: &memo), scanOutcome(&s, into: &raw, memo: &memo),
              scanVersion(&s, into: &raw, memo: &memo) else { return nil }
        return s.index
    }

    // Each value scanner returns nil for a value the fast path leaves to the general parser; an
    // optional string or number is thus `T??`, nil inside for a JSON null.

    /// From `{` to the input summary.
    @inline(never)
    private static func scanIdentity(_ s: inout JSONScanner, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Bool {
        guard s.skipLiteral("{\"timestamp\": "), let timestamp = s.optionalString(&memo) else { return false }
        raw.timestamp = timestamp
        guard s.skipLiteral(", \"run_id\": "), let runID = s.requiredString(&memo) else { return false }
        raw.runID = runID
        guard s.skipLiteral(", \"step_name\": "), let stepName = s.requiredString(&memo) else { return false }
        raw.stepName = stepName
        guard s.skipLiteral(", \"input_summary\": "), let inputSummary = s.optionalString(&memo) else { return false }
        raw.inputSummary = inputSummary
        return true
    }

    /// From the output summary to the error type.
    @inline(never)
    private static func scanOutcome(_ s: inout JSONScanner, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Bool {
        guard s.skipLiteral(", \"output_summary\": "), let outputSummary = s.optionalString(&memo) else { return false }
        raw.outputSummary = outputSummary
        guard s.skipLiteral(", \"latency_ms\": "), let latencyMS = s.latency() else { return false }
        raw.latencyMS = latencyMS
        guard s.skipLiteral(", \"token_count\": "), let tokenCount = s.tokenCount() else { return false }
        raw.tokenCount = tokenCount
        guard s.skipLiteral(", \"success\": "), let success = s.boolean() else { return false }
        raw.success = success
        guard s.skipLiteral(", \"error_type\": "), let errorType = s.optionalString(&memo) else { return false }
        raw.errorType = errorType
        return true
    }

    /// From the prompt version to `}`, which it consumes.
    @inline(never)
    private static func scanVersion(_ s: inout JSONScanner, into raw: inout RawStepRecord, memo: inout UTF8Memo) -> Bool {
        guard s.skipLiteral(", \"prompt_version\": "), let promptVersion = s.requiredString(&memo) else { return false }
        raw.promptVersion = promptVersion
        guard s.skipLiteral(", \"model_name\": "), let modelName = s.optionalString(&memo) else { return false }
        raw.modelName = modelName
        if s.skipLiteral(", \"case_id\": ") {   // the recorder's own lines end with it when it is set
            guard let caseID = s.optionalString(&memo) else { return false }
            raw.caseID = caseID
        }
        guard s.index < s.bytes.count, s.bytes[s.index] == UInt8(ascii: "}") else { return false }
        s.advance(by: 1)
        return true
    }
}

/// The scanners of `FailureForensicsLayout`: each consumes one literal or value and returns it, or returns
/// false or nil (with the scanner anywhere) for what the fast path leaves to the general parser.
extension JSONScanner {
    /// Consumes `literal` if the bytes at the current position are exactly it (`isAt`'s word
    /// compares: constants once inlined).
    @_transparent
    fileprivate mutating func skipLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard isAt(UnsafeRawPointer(literal.utf8Start), count: n) else { return false }
        advance(by: n)
        return true
    }

    /// Consumes `null` if it is next (the separator after it ends the word).
    @_transparent
    private mutating func skipNull() -> Bool { skipLiteral("null") }

    /// A string: its byte range in the line (one with escapes validated as the general parser does).
    ///
    /// A plain string, the common case, is one `StringRun` that ends at a quote, validated as UTF-8
    /// from its first non-ASCII byte (unless `memo` holds those very bytes): what `scanStringBounds`
    /// does for it, without its loop and
    /// errors. Any other string (escapes, a control character, no closing quote) goes to the
    /// general parser's `rawString`, which validates it or throws.
    @_transparent
    private mutating func string(_ memo: inout UTF8Memo) -> RawString? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let base = bytes.baseAddress!
        let run = StringRun.find(in: base, from: index + 1, count: bytes.count)
        guard run.end < bytes.count, base[run.end] == UInt8(ascii: "\"") else { return generalString() }
        if run.firstNonASCII < run.end,
           !memo.isValid(UnsafeBufferPointer(start: base + run.firstNonASCII, count: run.end - run.firstNonASCII)) {
            return nil
        }
        let string = RawString(start: index + 1, end: run.end)
        advance(by: run.end + 1 - index)
        return string
    }

    /// A string that is not plain, the general parser's way (out of line: it is rare).
    @inline(never)
    private mutating func generalString() -> RawString? {
        try? LogLineParser.rawString(&self)
    }

    @_transparent
    fileprivate mutating func requiredString(_ memo: inout UTF8Memo) -> RawString? {
        guard let s = string(&memo), !s.isEmpty else { return nil }
        return s
    }

    @_transparent
    fileprivate mutating func optionalString(_ memo: inout UTF8Memo) -> RawString?? {
        if skipNull() { return .some(nil) }
        return string(&memo).map { .some($0) }
    }

    @_transparent
    fileprivate mutating func latency() -> Double?? {
        if skipNull() { return .some(nil) }
        guard isAtNumber, let v = try? LogLineParser.latencyValue(&self) else { return nil }
        return v
    }

    @_transparent
    fileprivate mutating func tokenCount() -> Int?? {
        if skipNull() { return .some(nil) }
        guard isAtNumber, let v = try? LogLineParser.tokenCountValue(&self) else { return nil }
        return v
    }

    /// Whether a number starts here (`-` or a digit).
    private var isAtNumber: Bool {
        index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] &- UInt8(ascii: "0") < 10)
    }

    @_transparent
    fileprivate mutating func boolean() -> Bool? {
        if skipLiteral("true") { return true }
        if skipLiteral("false") { return false }
        return nil
    }
}
