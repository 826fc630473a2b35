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
        let (state, summary) = try LogReader(sources: sources, maxBadLines: maxBadLines).scan(
            makeState: { CandidateAccumulator(candidate: candidate) },
            add: { $0.add($1) },
            merge: { $0.merge($1) },
            onBadLine: onBadLine, onProgress: onProgress)
        let stats = try LogStatistics.stats(of: candidate, in: state.stats, summary: summary)
        let result = Gate.evaluate(baseline: baseline.stats, candidate: stats, policy: policy)
        return GateReport(result: result, baselinePath: baselinePath, input: summary, daily: state.daily, firstFailures: state.firstFailures)
    }
}

/// What one read of the logs gathers for a gate: the candidate's statistics, daily rates and
/// first failures. Mergeable, so large logs are read in pieces.
struct CandidateAccumulator: Sendable {
    var stats: StatsAccumulator
    var daily = DailyFailureRates()
    var firstFailures = FirstFailureTally()

    init(candidate: String) {
        stats = StatsAccumulator(versions: [candidate])
    }

    mutating func add(_ raw: RawStepRecord) {
        guard stats.add(raw) else { return }   // only the candidate's records are accumulated
        daily.add(raw)
        firstFailures.add(raw)
    }

    mutating func merge(_ later: CandidateAccumulator) {
        stats.merge(later.stats)
        daily.merge(later.daily)
        firstFailures.merge(later.firstFailures)
    }
}
