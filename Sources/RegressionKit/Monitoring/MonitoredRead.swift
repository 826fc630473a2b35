/// The read every monitoring command starts with: stream the logs, hand on the records of one
/// version (all when nil), and fail closed when the logs hold no record or not the version asked
/// for.
///
/// Every record of the version is handed on, later than the as-of day too: whether the logs have
/// dated records at all, and which days they span, does not depend on `--as-of`. What judges
/// "today" (the runs shown, the failures in a row) skips the later ones with `isAfter`.
enum MonitoredRead {
    static func read(
        _ sources: [LogSource], version: String?, reading: LogReading,
        onBadLine: (LogLineError) -> Void, _ body: (StepRecord) -> Void
    ) throws -> LogReadSummary {
        var versions: [String] = []
        var seen = Set<String>()
        let summary = try LogReader(sources: sources, reading: reading).read({ record in
            if seen.insert(record.promptVersion).inserted { versions.append(record.promptVersion) }
            if let version, record.promptVersion != version { return }
            body(record)
        }, onBadLine: onBadLine)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        if let version, !seen.contains(version) {
            throw VersionNotFoundError(version: version, sources: summary.sources, available: versions)
        }
        return summary
    }

    /// Whether `record` is dated after `asOf` (never, without an as-of day or a timestamp).
    static func isAfter(_ record: StepRecord, _ asOf: LogDay?) -> Bool {
        guard let asOf, let day = record.timestamp.flatMap(LogDay.init(dateAsWrittenIn:)) else { return false }
        return day > asOf
    }
}
