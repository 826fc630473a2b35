/// The read every monitoring command starts with: stream the logs, hand on the records of one
/// version (all when nil) up to a day (all when nil), and fail closed when the logs hold no record
/// or not the version asked for.
enum MonitoredRead {
    static func read(
        _ sources: [LogSource], version: String?, through asOf: LogDay?, maxBadLines: Int,
        onBadLine: (LogLineError) -> Void, _ body: (StepRecord) -> Void
    ) throws -> LogReadSummary {
        var versions: [String] = []
        var seen = Set<String>()
        let summary = try LogReader(sources: sources, maxBadLines: maxBadLines).read({ record in
            if seen.insert(record.promptVersion).inserted { versions.append(record.promptVersion) }
            if let version, record.promptVersion != version { return }
            if let asOf, let day = record.timestamp.flatMap(LogTimestamp.init)?.day, day > asOf { return }
            body(record)
        }, onBadLine: onBadLine)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        if let version, !seen.contains(version) {
            throw VersionNotFoundError(version: version, sources: summary.sources, available: versions)
        }
        return summary
    }
}
