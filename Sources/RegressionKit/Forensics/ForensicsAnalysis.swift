/// Root causes per version: how many runs failed, and for which reason.
package struct VersionCategories: Sendable, Equatable {
    /// The `prompt_version`.
    package var version: String
    /// Distinct runs of the version.
    var runs: Int
    /// Runs in which a step failed.
    var failedRuns: Int
    /// Failed runs per root-cause category.
    var counts: [RootCauseCategory: Int]
}

/// Every run of some logs explained, with the questions `regress-gate analyze` answers:
/// the latest failures and their causes, one run, category counts per version and their growth.
///
/// ```swift
/// let (analysis, _) = try ForensicsAnalysis.read([.file("requests.jsonl")])
/// for run in analysis.latestFailed(limit: 5) { print(run.runID, run.category, run.rootCause) }
/// analysis.growth(from: "v2", to: "v3")?.rows.filter(\.grew)
/// ```
package struct ForensicsAnalysis: Sendable {
    /// Every failed run, explained, in order of first appearance (runs that did not fail are
    /// explained on demand by `run(_:)`).
    package var failedRuns: [RunAnalysis]
    /// Per version, in order of first appearance.
    package var versions: [VersionCategories]
    /// The config the runs were explained with.
    var config: ForensicsConfig
    /// Distinct runs.
    package var runCount: Int
    private var collector: RunCollector
    private var latestOrder: [Int]   // positions in failedRuns, latest first

    /// Explains the runs a collector saw.
    init(collector: RunCollector, config: ForensicsConfig = .default) {
        self.config = config
        self.collector = collector
        runCount = collector.runCount
        let failed = collector.failedIndices
        failedRuns = failed.map { collector.analysis(at: $0, config: config) }
        var position: [Int: Int] = [:]
        for (n, i) in failed.enumerated() { position[i] = n }
        latestOrder = collector.latestFirst(among: failed).map { position[$0]! }
        var table: [String: VersionCategories] = [:]
        let order = collector.versionIndex()
        for (version, runs) in order { table[version] = VersionCategories(version: version, runs: runs, failedRuns: 0, counts: [:]) }
        for run in failedRuns {
            table[run.version]!.failedRuns += 1
            table[run.version]!.counts[run.category, default: 0] += 1
        }
        versions = order.map { table[$0.version]! }
    }

    /// Reads `sources` as a stream and explains every run.
    package static func read(
        _ sources: [LogSource], config: ForensicsConfig = .default, reading: LogReading = LogReading(),
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (ForensicsAnalysis, LogReadSummary) {
        var collector = RunCollector()
        let summary = try LogReader(sources: sources, reading: reading).read({ collector.add($0) }, onBadLine: onBadLine)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        return (ForensicsAnalysis(collector: collector, config: config), summary)
    }

    /// The latest failed runs (by their latest timestamp; ties in log order, as failure-forensics'
    /// `get_failed_runs`), at most `limit` (all when nil), of `version` only when given.
    func latestFailed(limit: Int? = 5, version: String? = nil) -> [RunAnalysis] {
        var out: [RunAnalysis] = []
        for i in latestOrder where version == nil || failedRuns[i].version == version {
            if let limit, out.count >= limit { break }
            out.append(failedRuns[i])
        }
        return out
    }

    /// The run with this id, failed or not.
    package func run(_ id: String) -> RunAnalysis? { collector.analysis(of: id, config: config) }

    /// The categories of `version`.
    package func categories(of version: String) -> VersionCategories? { versions.first { $0.version == version } }

    /// Category growth from one version to another; nil when either has no runs.
    func growth(from: String, to: String, alpha: Double = 0.05) -> CategoryGrowth? {
        guard let a = categories(of: from), let b = categories(of: to) else { return nil }
        return CategoryGrowth(from: from, fromRuns: a.runs, fromCounts: a.counts, to: to, toRuns: b.runs, toCounts: b.counts, alpha: alpha)
    }

    /// Failed runs per category among `runs`, most frequent first (ties by name).
    static func categoryCounts(_ runs: [RunAnalysis]) -> [(category: RootCauseCategory, runs: Int)] {
        var counts: [RootCauseCategory: Int] = [:]
        for run in runs where run.failed { counts[run.category, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.runs != $1.runs ? $0.runs > $1.runs : $0.category < $1.category }
    }
}
