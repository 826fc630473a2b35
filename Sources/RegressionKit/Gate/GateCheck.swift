/// The whole `check`: load the baseline, read the candidate's logs, decide.
public enum GateCheck {
    /// Loads the baseline at `baselinePath`, reads `candidate`'s records from `sources`, and
    /// evaluates them under `policy`.
    ///
    /// Fails closed: throws `BaselineError`, `LogReadError` or `VersionNotFoundError` rather
    /// than return a verdict from broken input. The baseline is read first, so a missing
    /// baseline is reported before a long read of logs.
    public static func run(
        baselinePath: String, sources: [LogSource], candidate: String,
        policy: GatePolicy = .default, maxBadLines: Int = 0,
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> GateReport {
        let baseline = try BaselineStore.load(baselinePath)
        let (accumulator, summary) = try LogStatistics.read(sources, versions: [candidate], maxBadLines: maxBadLines, onBadLine: onBadLine)
        let stats = try LogStatistics.stats(of: candidate, in: accumulator, summary: summary)
        let result = Gate.evaluate(baseline: baseline.stats, candidate: stats, policy: policy)
        return GateReport(result: result, baselinePath: baselinePath, input: summary)
    }
}
