/// The whole `check`: load the baseline, read the candidate's logs, decide.
public enum GateCheck {
    /// Loads the baseline at `baselinePath`, reads `candidate`'s records from `sources`, and
    /// evaluates them under `policy`.
    ///
    /// Fails closed: throws `BaselineError`, `LogReadError` or `VersionNotFoundError` rather
    /// than return a verdict from broken input. A baseline error comes first: a missing or
    /// unreadable baseline is reported before a long read of logs, and a damaged one rather than
    /// any problem in the logs. `onProgress` is called after each chunk of logs read (see
    /// `LogReadProgress`).
    public static func run(
        baselinePath: String, sources: [LogSource], candidate: String,
        policy: GatePolicy = .default, maxBadLines: Int = 0, runScope: RunScope = .all,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> GateReport {
        let bytes = try BaselineStore.read(baselinePath)
        // The baseline is decoded on another thread once the logs are read, while this one merges
        // and counts what the read gathered (the other cores are idle then).
        var decoding: BackgroundWork<BaselineSnapshot>?
        let decode: @Sendable () throws -> BaselineSnapshot = { try BaselineSnapshot(jsonBytes: bytes, path: baselinePath) }
        let state: CandidateAccumulator, summary: LogReadSummary
        do {
            (state, summary) = try LogReader(sources: sources, maxBadLines: maxBadLines, runScope: runScope).scan(
                makeState: { CandidateAccumulator(candidate: candidate, expectedBytes: $0) },
                onBadLine: onBadLine, onProgress: onProgress,
                whenRead: { if decoding == nil { decoding = BackgroundWork(decode) } })
        } catch {
            _ = try decoding?.value() ?? decode()   // a damaged baseline is reported first
            throw error
        }
        let stats = Result { try LogStatistics.stats(of: candidate, in: state.stats, summary: summary) }
        let baseline = try decoding?.value() ?? decode()   // its errors before the candidate's
        let result = Gate.evaluate(baseline: baseline.stats, candidate: try stats.get(), policy: policy)
        return GateReport(result: result, baselinePath: baselinePath, input: summary, daily: state.daily, firstFailures: state.firstFailures)
    }
}

/// What one read of the logs gathers for a gate: the candidate's statistics, daily rates and
/// first failures. Mergeable, so large logs are read in pieces.
struct CandidateAccumulator: LogAccumulator {
    var stats: StatsAccumulator
    var daily = DailyFailureRates()
    var firstFailures = FirstFailureTally()

    init(candidate: String, expectedBytes: Int = 0) {
        stats = StatsAccumulator(version: candidate, expectedBytes: expectedBytes)
    }

    mutating func take(_ raw: RawStepRecord) {
        guard stats.add(raw) else { return }   // only the candidate's records are accumulated
        daily.add(raw)
        firstFailures.add(raw)
    }

    mutating func flush() { stats.flush() }

    mutating func merge(_ later: CandidateAccumulator) {
        stats.merge(later.stats)
        daily.merge(later.daily)
        firstFailures.merge(later.firstFailures)
    }

    mutating func mergeFile(_ later: CandidateAccumulator, keepingRunsApart tag: [UInt8]?) -> [[UInt8]] {
        let shared = stats.mergeFile(later.stats, keepingRunsApart: tag)
        daily.merge(later.daily)
        firstFailures.merge(later.firstFailures, keepingRunsApart: shared.isEmpty ? nil : tag)
        return shared
    }
}
