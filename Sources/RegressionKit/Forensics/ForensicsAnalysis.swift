/// Root causes per version: how many runs failed, and for which reason.
public struct VersionCategories: Sendable, Equatable {
    public var version: String
    /// Distinct runs of the version.
    public var runs: Int
    /// Runs in which a step failed.
    public var failedRuns: Int
    /// Failed runs per root-cause category.
    public var counts: [RootCauseCategory: Int]
}

/// Every run of some logs explained, with the questions `regress-gate analyze` answers:
/// the latest failures and their causes, one run, category counts per version and their growth.
///
/// ```swift
/// let (analysis, _) = try ForensicsAnalysis.read([.file("requests.jsonl")])
/// for run in analysis.latestFailed(limit: 5) { print(run.runID, run.category, run.rootCause) }
/// analysis.growth(from: "v2", to: "v3")?.rows.filter(\.grew)
/// ```
public struct ForensicsAnalysis: Sendable {
    /// Every run, in order of first appearance.
    public var runs: [RunAnalysis]
    /// Per version, in order of first appearance.
    public var versions: [VersionCategories]
    /// The config the runs were explained with.
    public var config: ForensicsConfig
    private var latestOrder: [Int]
    private var byID: [String: Int]

    /// Explains the runs a collector saw.
    public init(collector: RunCollector, config: ForensicsConfig = .default) {
        self.config = config
        runs = collector.analyses(config: config)
        latestOrder = collector.latestFirst()
        var byID: [String: Int] = [:]
        for (i, run) in runs.enumerated() { byID[run.runID] = i }
        self.byID = byID
        var order: [String] = []
        var table: [String: VersionCategories] = [:]
        for run in runs {
            if table[run.version] == nil {
                order.append(run.version)
                table[run.version] = VersionCategories(version: run.version, runs: 0, failedRuns: 0, counts: [:])
            }
            table[run.version]!.runs += 1
            if run.failed {
                table[run.version]!.failedRuns += 1
                table[run.version]!.counts[run.category, default: 0] += 1
            }
        }
        versions = order.map { table[$0]! }
    }

    /// Reads `sources` as a stream and explains every run.
    public static func read(
        _ sources: [LogSource], config: ForensicsConfig = .default, maxBadLines: Int = 0,
        onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (ForensicsAnalysis, LogReadSummary) {
        var collector = RunCollector()
        let summary = try LogReader(sources: sources, maxBadLines: maxBadLines).read({ collector.add($0) }, onBadLine: onBadLine)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        return (ForensicsAnalysis(collector: collector, config: config), summary)
    }

    /// The latest failed runs (by their latest timestamp; ties in log order, as the ancestor's
    /// `get_failed_runs`), at most `limit` (all when nil), of `version` only when given.
    public func latestFailed(limit: Int? = 5, version: String? = nil) -> [RunAnalysis] {
        var out: [RunAnalysis] = []
        for i in latestOrder where runs[i].failed && (version == nil || runs[i].version == version) {
            if let limit, out.count >= limit { break }
            out.append(runs[i])
        }
        return out
    }

    /// The run with this id.
    public func run(_ id: String) -> RunAnalysis? { byID[id].map { runs[$0] } }

    /// The categories of `version`.
    public func categories(of version: String) -> VersionCategories? { versions.first { $0.version == version } }

    /// Category growth from one version to another; nil when either has no runs.
    public func growth(from: String, to: String, alpha: Double = 0.05) -> CategoryGrowth? {
        guard let a = categories(of: from), let b = categories(of: to) else { return nil }
        return CategoryGrowth(from: from, fromRuns: a.runs, fromCounts: a.counts, to: to, toRuns: b.runs, toCounts: b.counts, alpha: alpha)
    }

    /// Failed runs per category among `runs`, most frequent first (ties by name).
    public static func categoryCounts(_ runs: [RunAnalysis]) -> [(category: RootCauseCategory, runs: Int)] {
        var counts: [RootCauseCategory: Int] = [:]
        for run in runs where run.failed { counts[run.category, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.runs != $1.runs ? $0.runs > $1.runs : $0.category < $1.category }
    }
}
