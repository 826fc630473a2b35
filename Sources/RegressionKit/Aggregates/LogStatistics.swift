/// A version asked for that the logs do not contain.
public struct VersionNotFoundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The version asked for.
    public var version: String
    /// The logs read, as given.
    public var sources: [String]
    /// The versions the logs do contain, with their record counts, in order of appearance.
    public var available: [String]

    /// Creates the error for `version`, naming the `available` versions of `sources`.
    package init(version: String, sources: [String], available: [String]) {
        self.version = version
        self.sources = sources
        self.available = available
    }

    /// The error as one line: the version, the logs, and the versions they do hold (with the
    /// nearest name when the version looks mistyped).
    public var description: String {
        var text = "no records for version '\(version)' in \(sources.joined(separator: ", "))"
        if available.isEmpty {
            text += "; the logs contain no valid records at all"
        } else {
            text += "; versions there: \(available.joined(separator: ", "))"
            if let near = closestMatch(to: version, in: available) { text += "; did you mean '\(near)'?" }
        }
        return text
    }
}

/// Reading logs into statistics: the first step of every command.
public enum LogStatistics {
    /// Reads `sources` and accumulates the statistics of `versions` (all when nil).
    ///
    /// Throws `LogReadError` for unreadable files and bad lines beyond `maxBadLines`;
    /// tolerated bad lines go to `onBadLine`.
    public static func read(
        _ sources: [LogSource], versions: Set<String>? = nil, maxBadLines: Int = 0, runScope: RunScope = .all,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> (StatsAccumulator, LogReadSummary) {
        try read(sources, versions: versions, reading: LogReading(maxBadLines: maxBadLines, runScope: runScope),
                 onBadLine: onBadLine, onProgress: onProgress)
    }

    /// Reads `sources` as `reading` says and accumulates the statistics of `versions` (all when nil).
    package static func read(
        _ sources: [LogSource], versions: Set<String>? = nil, reading: LogReading,
        onBadLine: (LogLineError) -> Void = { _ in },
        onProgress: (LogReadProgress) -> Void = { _ in }
    ) throws -> (StatsAccumulator, LogReadSummary) {
        try LogReader(sources: sources, reading: reading).scan(
            makeState: { _ in StatsAccumulator(versions: versions) },
            onBadLine: onBadLine, onProgress: onProgress)
    }

    /// The statistics of `version`, or `VersionNotFoundError` naming the versions the logs do hold.
    public static func stats(
        of version: String, in accumulator: StatsAccumulator, summary: LogReadSummary
    ) throws(VersionNotFoundError) -> VersionStats {
        guard let stats = accumulator.stats(for: version), stats.totalSteps > 0 else {
            throw VersionNotFoundError(version: version, sources: summary.sources,
                                       available: accumulator.recordCounts.map(\.version))
        }
        return stats
    }
}
