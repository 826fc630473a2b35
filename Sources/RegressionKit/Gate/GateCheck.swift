/// The whole `check`: load the baseline, read the candidate's logs, decide.
public enum GateCheck {
    /// Loads the baseline at `baselinePath`, reads `candidate`'s records from `sources`, and
    /// evaluates them under `policy`.
    ///
    /// Fails closed: throws `BaselineError`, `LogReadError` or `VersionNotFoundError` rather
    /// than return a verdict from broken input. A baseline error comes first: a missing or
    /// unreadable baseline is reported before a long read of logs, and a damaged one rather than
    /// any problem in the logs. A candidate whose case set differs from the baseline's by more
    /// than the policy's `max_case_set_change` throws `CaseSetChangedError`. `onProgress` is called after each chunk of logs read (see
    /// `LogReadProgress`).
    public static func run(
        baselinePath: String, sources: [LogSource], candidate: String,
        policy: GatePolicy = .default, maxBadLines: Int = 0, runScope: RunScope = .all,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> GateReport {
        try run(baselinePath: baselinePath, sources: sources, candidate: candidate, policy: policy,
                reading: LogReading(maxBadLines: maxBadLines, runScope: runScope), onBadLine: onBadLine, onProgress: onProgress)
    }

    /// `run`, reading the logs as `reading` says (their format, the trace mapping).
    package static func run(
        baselinePath: String, sources: [LogSource], candidate: String,
        policy: GatePolicy = .default, reading: LogReading,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> GateReport {
        let bytes = try BaselineStore.read(baselinePath)
        // The baseline is decoded on another thread once the logs are read, while this one merges
        // and counts what the read gathered (the other cores are idle then).
        var decoding: BackgroundWork<BaselineSnapshot>?
        let decode: @Sendable () throws -> BaselineSnapshot = { try BaselineSnapshot(jsonBytes: bytes, path: baselinePath) }
        let state: OneVersionAccumulator, summary: LogReadSummary
        do {
            (state, summary) = try LogReader(sources: sources, reading: reading).scan(
                makeState: { OneVersionAccumulator(version: candidate, expectedBytes: $0) },
                onBadLine: onBadLine, onProgress: onProgress,
                whenRead: { if decoding == nil { decoding = BackgroundWork(decode) } })
        } catch {
            _ = try decoding?.value() ?? decode()   // a damaged baseline is reported first
            throw error
        }
        let stats = Result { try LogStatistics.stats(of: candidate, in: state.stats, summary: summary) }
        let baseline = try decoding?.value() ?? decode()   // its errors before the candidate's
        let candidateStats = try stats.get()
        try CaseSetChangedError.check(baseline: baseline.stats.cases, candidate: candidateStats.cases, maximum: policy.caseRules.maxCaseSetChange,
                                     countingMissing: !policy.looksAtPartOfTheRun)
        let result = Gate.evaluate(baseline: baseline.stats, candidate: candidateStats, policy: policy)
        var report = GateReport(result: result, baselinePath: baselinePath, input: summary, daily: state.daily, firstFailures: state.firstFailures)
        report.baselineHasProvenance = baseline.provenance != nil
        return report
    }
}
