/// The whole `check`: load the baseline, read the candidate's logs, decide.
public enum GateCheck {
    /// Loads the baseline at `baselinePath`, reads `candidate`'s records from `sources`, and
    /// evaluates them under `policy`.
    ///
    /// Fails closed: throws `BaselineError`, `LogReadError` or `VersionNotFoundError` rather
    /// than return a verdict from broken input. The baseline is read first, so a missing
    /// baseline is reported before a long read of logs. `onProgress` is called after each chunk
    /// of logs read (see `LogReadProgress`).
    public static func run(
        baselinePath: String, sources: [LogSource], candidate: String,
        policy: GatePolicy = .default, maxBadLines: Int = 0,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> GateReport {
        let baseline = try BaselineStore.load(baselinePath)
        var accumulator = StatsAccumulator(versions: [candidate])
        var daily = DailyFailureRates(), firstFailures = FirstFailureTally()
        let summary = try LogReader(sources: sources, maxBadLines: maxBadLines).read({ record in
            accumulator.add(record)
            guard record.promptVersion == candidate else { return }
            daily.add(record)
            firstFailures.add(record)
        }, onBadLine: onBadLine, onProgress: onProgress)
        let stats = try LogStatistics.stats(of: candidate, in: accumulator, summary: summary)
        let result = Gate.evaluate(baseline: baseline.stats, candidate: stats, policy: policy)
        return GateReport(result: result, baselinePath: baselinePath, input: summary, daily: daily, firstFailures: firstFailures)
    }
}
