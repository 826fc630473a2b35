import Foundation

extension BaselineSnapshot {
    /// Reads `sources` and freezes `version`'s statistics as a snapshot (not yet written).
    ///
    /// Throws `LogReadError` or `VersionNotFoundError`; `createdAt` defaults to now, UTC.
    public static func make(
        version: String, from sources: [LogSource], maxBadLines: Int = 0,
        createdAt: Date = Date(), onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> BaselineSnapshot {
        var accumulator = StatsAccumulator(versions: [version])
        var daily = DailyRateCollector(version: version)
        let summary = try LogReader(sources: sources, maxBadLines: maxBadLines)
            .read({ accumulator.add($0); daily.add($0) }, onBadLine: onBadLine)
        let stats = try LogStatistics.stats(of: version, in: accumulator, summary: summary)
        return BaselineSnapshot(
            stats: stats,
            createdAt: iso8601(createdAt),
            source: Provenance(files: summary.sources, records: summary.records,
                               versionRecords: stats.totalSteps, badLines: summary.badLines),
            daily: daily.days.map { DailyCount(day: $0.day, steps: $0.total, failed: $0.failed) })
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
