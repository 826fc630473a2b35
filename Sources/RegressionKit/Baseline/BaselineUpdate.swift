import Foundation

extension BaselineSnapshot {
    /// Reads `sources` and freezes `version`'s statistics as a snapshot (not yet written).
    ///
    /// Throws `LogReadError` or `VersionNotFoundError`; `createdAt` defaults to now, UTC.
    public static func make(
        version: String, from sources: [LogSource], maxBadLines: Int = 0,
        createdAt: Date = Date(), onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> BaselineSnapshot {
        let (state, summary) = try LogReader(sources: sources, maxBadLines: maxBadLines).scan(
            makeState: { CandidateAccumulator(candidate: version, expectedBytes: $0) },
            onBadLine: onBadLine, onProgress: onProgress)
        let accumulator = state.stats
        let stats = try LogStatistics.stats(of: version, in: accumulator, summary: summary)
        return BaselineSnapshot(
            stats: stats,
            createdAt: iso8601(createdAt),
            source: Provenance(files: summary.sources, records: summary.records,
                               versionRecords: stats.totalSteps, badLines: summary.badLines),
            daily: state.daily.days.compactMap { d in LogDay(d.date).map { DailyCount(day: $0, steps: d.steps, failed: d.failed) } })
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
