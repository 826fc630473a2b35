/// What a baseline file can hold, checked before one is written: `baseline update` refuses a
/// value beyond it at the record, instead of writing a file `check` would refuse.
extension BaselineSnapshot {
    /// The largest `latency_ms` a baseline holds (about 3e289 years): every bin of a latency
    /// sketch must stand for a finite number of milliseconds.
    static let maxLatencyMS = 1e300

    /// The largest count a baseline holds, of records, runs or anything else: 2^31 - 1.
    static let maxCount = JSONFieldReader.maxCount

    /// Something a baseline file cannot hold.
    enum LimitProblem: Equatable {
        /// A latency over `maxLatencyMS` at this step (the largest there).
        case latency(step: String, max: Double)
        /// A count over `maxCount`, in words.
        case count(String)
    }

    /// The first thing in this snapshot a baseline file cannot hold, nil when it can hold it all.
    func limitProblem() -> LimitProblem? {
        let s = stats
        for name in s.stepOrder {
            if let max = s.steps[name]!.latency.max, max > Self.maxLatencyMS { return .latency(step: name, max: max) }
        }
        let counts = [("step records of version \(s.version)", s.totalSteps), ("runs of version \(s.version)", s.runs),
                      ("records in the logs", source.records), ("bad lines", source.badLines)]
        for (what, n) in counts where n > Self.maxCount {
            return .count("\(n) \(what), more than the \(Self.maxCount) a baseline counts; freeze from fewer logs")
        }
        return nil
    }

    /// The error for `problem`, naming the first record of `version` in `sources` to blame (a
    /// second read of the files; a record from standard input is named by `-` alone).
    static func limitError(_ problem: LimitProblem, version: String, sources: [LogSource], reading: LogReading) throws -> BaselineLimitError {
        switch problem {
        case .count(let message):
            return BaselineLimitError(message: message)
        case .latency(let step, let max):
            let versionBytes = Array(version.utf8)
            let found = try LogReader(sources: sources, reading: reading).firstRecord {
                $0.promptVersion.utf8.elementsEqual(versionBytes) && ($0.latencyMS ?? 0) > maxLatencyMS
            }
            let message = "latency_ms \(found?.record.latencyMS ?? max) of step \"\(found?.record.stepName ?? step)\" is more than the \(maxLatencyMS) ms a baseline holds; fix or drop the record"
            let source = found?.source ?? (sources.contains(.standardInput) ? "-" : nil)
            return BaselineLimitError(source: source, line: found?.line, message: message)
        }
    }
}
