import Foundation

extension BaselineSnapshot {
    /// Reads `sources` and freezes `version`'s statistics as a snapshot (not yet written);
    /// `onRead` is told what the read saw (run ids split across files, say) before the snapshot is made.
    ///
    /// Throws `LogReadError` or `VersionNotFoundError`, and an error naming the record for a value a
    /// baseline cannot hold (a latency above 1e300 ms, a count above 2^31 - 1); `createdAt`
    /// defaults to now, UTC.
    public static func make(
        version: String, from sources: [LogSource], maxBadLines: Int = 0, runScope: RunScope = .all,
        createdAt: Date = Date(), onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in },
        onRead: (LogReadSummary) -> Void = { _ in }
    ) throws -> BaselineSnapshot {
        try make(version: version, from: sources, reading: LogReading(maxBadLines: maxBadLines, runScope: runScope),
                 createdAt: createdAt, onBadLine: onBadLine, onProgress: onProgress, onRead: onRead)
    }

    /// `make`, reading the logs as `reading` says (their format, the trace mapping).
    package static func make(
        version: String, from sources: [LogSource], reading: LogReading,
        createdAt: Date = Date(), onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in },
        onRead: (LogReadSummary) -> Void = { _ in }
    ) throws -> BaselineSnapshot {
        let (state, summary) = try LogReader(sources: sources, reading: reading).scan(
            makeState: { OneVersionAccumulator(version: version, expectedBytes: $0) },
            onBadLine: onBadLine, onProgress: onProgress)
        onRead(summary)
        let accumulator = state.stats
        let stats = try LogStatistics.stats(of: version, in: accumulator, summary: summary)
        let days = state.daily.countsByDay.map { DailyCount(day: $0.day, steps: $0.steps, failed: $0.failed) }
        let snapshot = BaselineSnapshot(
            stats: stats,
            createdAt: iso8601(createdAt),
            source: Provenance(files: summary.sources, records: summary.records,
                               versionRecords: stats.totalSteps, badLines: summary.badLines),
            daily: days.count >= 2 ? days : [])   // the file keeps a history of several days only
        if let problem = snapshot.limitProblem() {
            throw try limitError(problem, version: version, sources: sources, reading: reading)
        }
        return snapshot
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
