/// A frozen copy of an accepted version's statistics: the file `regress-gate baseline update`
/// writes and `check` compares against (`baselines/baseline.json` by default).
///
/// It keeps counts, not just rates, so any later test can be computed from it, and it says
/// where it came from. See `BaselineSnapshot+JSON` for the file format.
public struct BaselineSnapshot: Sendable, Equatable {
    /// The file format version this build writes and reads.
    public static let schemaVersion = 1

    /// The frozen version's statistics.
    public var stats: VersionStats
    /// When the snapshot was made, ISO 8601 UTC (e.g. `2026-11-29T21:05:00Z`).
    public var createdAt: String
    /// The tool that made it, e.g. `regress-gate 0.1.0`.
    public var createdBy: String
    /// What it was made from.
    public var source: Provenance
    /// The frozen version's failed step records per day, when its records span several days
    /// (written as `"daily": [["2026-11-01", steps, failed], ...]`); empty otherwise and in files
    /// written before it existed.
    var daily: [DailyCount] = []
    /// What the snapshot was recorded on (models, eval set, log formats, tool version); nil in
    /// files written before it existed.
    package var provenance: EvalProvenance?

    /// One day of a baseline's history.
    struct DailyCount: Sendable, Equatable {
        /// The date part of the records' timestamps.
        var day: LogDay
        /// Step records that day.
        var steps: Int
        /// Failed step records that day.
        var failed: Int

        /// One day's counts.
        init(day: LogDay, steps: Int, failed: Int) {
            self.day = day
            self.steps = steps
            self.failed = failed
        }
    }

    /// Where a snapshot's statistics came from.
    public struct Provenance: Sendable, Equatable {
        /// The log files as given on the command line (`-` for standard input).
        public var files: [String]
        /// Valid records read from them, all versions.
        public var records: Int
        /// Records of the frozen version.
        public var versionRecords: Int
        /// Invalid lines skipped under `--max-bad-lines`.
        public var badLines: Int

        /// Creates a provenance record.
        init(files: [String], records: Int, versionRecords: Int, badLines: Int) {
            self.files = files
            self.records = records
            self.versionRecords = versionRecords
            self.badLines = badLines
        }
    }

    /// Creates a snapshot of `stats`.
    init(stats: VersionStats, createdAt: String, createdBy: String = "regress-gate \(RegressionKitVersion.current)", source: Provenance,
                daily: [DailyCount] = []) {
        self.stats = stats
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.source = source
        self.daily = daily
    }

    /// The frozen version's name.
    public var version: String { stats.version }
}
