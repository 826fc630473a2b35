/// A trace's run handed on as scanned records (`RawStepRecord`), as the native format's reader
/// hands on its lines: every command then counts traces exactly as it counts logs.
///
/// Each step's strings are laid end to end in one buffer, and the record's strings are ranges of
/// it with no escapes (a range's bytes are then the text itself).
enum TraceRecords {
    /// Calls `body` with each step of `run` as a record (valid only during the call) and where
    /// its span was read.
    static func forEach(_ run: TraceRun, _ body: (RawStepRecord, SpanOrigin) throws -> Void) rethrows {
        let runID = Array(run.traceID.hex.utf8)
        var buffer: [UInt8] = []
        for step in run.steps {
            buffer.removeAll(keepingCapacity: true)
            func put(_ text: String) -> RawString {
                let start = buffer.count
                buffer.append(contentsOf: text.utf8)
                return RawString(start: start, end: buffer.count)
            }
            let id = RawString(start: 0, end: runID.count)
            buffer.append(contentsOf: runID)
            let version = put(run.version)
            let name = put(step.name)
            let caseID = run.caseID.map(put)
            let input = run.inputSummary.map(put)
            let error = step.errorType.map(put)
            let model = step.modelName.map(put)
            let seconds = step.startTimeUnixNano / 1_000_000_000
            let timestamp = put(LogTimestamp.format(
                secondsSince1970: Int(seconds), microseconds: Int(step.startTimeUnixNano % 1_000_000_000 / 1000)))
            try buffer.withUnsafeBufferPointer { line in
                var raw = RawStepRecord(line: line)
                raw.runID = id
                raw.promptVersion = version
                raw.stepName = name
                raw.caseID = caseID
                raw.inputSummary = input
                raw.errorType = error
                raw.modelName = model
                raw.timestamp = timestamp
                raw.success = step.success
                raw.latencyMS = step.latencyMS
                raw.tokenCount = step.tokenCount
                try body(raw, step.origin)
            }
        }
    }
}
