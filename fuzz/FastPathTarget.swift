// libFuzzer target: the failure-forensics layout fast path against the general parser. For any input the
// two must agree exactly: the same record (every field with escapes decoded, every byte range, the
// latency's bits) or the same error at the same column.
private func describe(_ r: Result<RawStepRecord, LogLineProblem>) -> String {
    switch r {
    case .success(let raw):
        let strings: [RawString?] = [raw.timestamp, raw.runID, raw.stepName, raw.inputSummary, raw.outputSummary,
                                     raw.errorType, raw.promptVersion, raw.modelName, raw.caseID]
        let ranges = strings.map { $0.map { "\($0.start)..<\($0.end)\($0.hasEscapes)" } ?? "nil" }.joined(separator: " ")
        return "ok \(raw.record) \(ranges) \(raw.latencyMS.map { $0.bitPattern } as Any)"
    case .failure(let e): return "error \(e.column as Any) \(e.message)"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFastPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let fast = Result { () throws(LogLineProblem) -> RawStepRecord in try LogLineParser.scan(bytes) }
    let general = Result { () throws(LogLineProblem) -> RawStepRecord in try LogLineParser.scanGeneral(bytes) }
    let a = describe(fast), b = describe(general)
    if a != b { fatalError("fast path and general parser disagree\nfast:    \(a)\ngeneral: \(b)") }
    // The reader's way: the fast path on the line at the start of a read that goes on past it
    // takes the same lines, with the same record, and the line's length.
    if !bytes.contains(0x0A) {
        let alone = FailureForensicsLayout.scan(bytes).map { describe(.success($0)) }
        let text = Array(bytes) + Array("\n{\"timestamp\": ".utf8)
        let atStart: String? = text.withUnsafeBufferPointer { text in
            var raw = RawStepRecord(line: text)
            var memo = UTF8Memo()
            guard let length = FailureForensicsLayout.scanLine(atStartOf: text, into: &raw, memo: &memo) else { return nil }
            guard length == size else { return "length \(length) of \(size)" }
            raw.line = UnsafeBufferPointer(rebasing: text[..<length])
            return describe(.success(raw))
        }
        if atStart != alone { fatalError("the fast path alone and at the start of a text disagree\nalone:    \(alone ?? "-")\nat start: \(atStart ?? "-")") }
    }
    return 0
}
