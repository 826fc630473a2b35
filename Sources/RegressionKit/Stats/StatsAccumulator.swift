/// Builds `VersionStats` from a stream of records, one record at a time.
///
/// Memory grows with the number of distinct runs, steps and cases, never with the number
/// of records: per run it keeps two step bitsets and a case index.
///
/// ```swift
/// var accumulator = StatsAccumulator()
/// try LogReader(sources: [.file("requests.jsonl")]).read { accumulator.add($0) }
/// let v2 = accumulator.stats(for: "v2")
/// ```
public struct StatsAccumulator: Sendable {
    private var versions: [String: VersionAccumulator] = [:]
    private var versionOrder: [String] = []
    private var recordsPerVersion: [String: Int] = [:]
    private let only: Set<String>?

    /// Accumulates every version, or only those in `versions` (the others are just counted).
    public init(versions: Set<String>? = nil) {
        self.only = versions
    }

    /// Adds one record.
    public mutating func add(_ record: StepRecord) {
        let version = record.promptVersion
        if recordsPerVersion[version] == nil { versionOrder.append(version) }
        recordsPerVersion[version, default: 0] += 1
        if let only, !only.contains(version) { return }
        versions[version, default: VersionAccumulator()].add(record)
    }

    /// Every version seen, in order of first appearance, with its record count (filtered versions included).
    public var recordCounts: [(version: String, records: Int)] {
        versionOrder.map { ($0, recordsPerVersion[$0]!) }
    }

    /// The statistics of `version`, or nil when it had no records (or was filtered out).
    public func stats(for version: String) -> VersionStats? {
        versions[version]?.finish(version: version)
    }

    /// The statistics of every accumulated version, in order of first appearance.
    public func allStats() -> [VersionStats] {
        versionOrder.compactMap { stats(for: $0) }
    }
}

/// A small set of step indices: a bitmask for the first 64 steps, a list beyond.
struct StepSet: Sendable {
    private var low: UInt64 = 0
    private var high: [Int] = []

    var isEmpty: Bool { low == 0 && high.isEmpty }

    mutating func insert(_ i: Int) {
        if i < 64 { low |= 1 << UInt64(i) } else if !high.contains(i) { high.append(i) }
    }

    func forEach(_ body: (Int) -> Void) {
        var bits = low
        while bits != 0 {
            body(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        high.forEach(body)
    }
}

/// Per-version accumulation state.
struct VersionAccumulator: Sendable {
    struct RunState: Sendable {
        var reached = StepSet()
        var failed = StepSet()
        var caseIndex: Int32 = -1
    }

    var totalSteps = 0
    var failedSteps = 0
    var stepIndex: [String: Int] = [:]
    var stepNames: [String] = []
    var steps: [StepStats] = []
    var runs: [String: RunState] = [:]
    var caseIndex: [String: Int32] = [:]
    var caseKeys: [String] = []
    var firstTimestamp: String?
    var lastTimestamp: String?

    mutating func add(_ record: StepRecord) {
        totalSteps += 1
        let i: Int
        if let known = stepIndex[record.stepName] {
            i = known
        } else {
            i = steps.count
            stepIndex[record.stepName] = i
            stepNames.append(record.stepName)
            steps.append(StepStats())
        }
        steps[i].total += 1
        if let latency = record.latencyMS { steps[i].latency.add(latency) }
        if !record.success {
            failedSteps += 1
            steps[i].failed += 1
            steps[i].errorTypes[record.normalizedErrorType ?? "unknown", default: 0] += 1
        }
        if let t = record.timestamp {
            if firstTimestamp.map({ t < $0 }) ?? true { firstTimestamp = t }
            if lastTimestamp.map({ t > $0 }) ?? true { lastTimestamp = t }
        }
        let key = record.caseKey
        let caseIndex = self.caseIndex
        let keys = caseKeys.count
        var newKey: String?
        withRun(record.runID) { run in
            run.reached.insert(i)
            if !record.success { run.failed.insert(i) }
            if run.caseIndex < 0, let key {
                if let known = caseIndex[key] {
                    run.caseIndex = known
                } else {
                    run.caseIndex = Int32(keys)
                    newKey = key
                }
            }
        }
        if let newKey {
            self.caseIndex[newKey] = Int32(caseKeys.count)
            caseKeys.append(newKey)
        }
    }

    private mutating func withRun(_ id: String, _ body: (inout RunState) -> Void) {
        body(&runs[id, default: RunState()])
    }

    func finish(version: String) -> VersionStats {
        var stats = VersionStats(version: version)
        stats.totalSteps = totalSteps
        stats.failedSteps = failedSteps
        stats.firstTimestamp = firstTimestamp
        stats.lastTimestamp = lastTimestamp
        var steps = self.steps
        let empty = [CaseOutcome](repeating: CaseOutcome(runs: 0, failures: 0), count: caseKeys.count)
        var cases = empty
        var stepCases = [[CaseOutcome]](repeating: empty, count: steps.count)
        for run in runs.values {
            stats.runs += 1
            let runFailed = !run.failed.isEmpty
            if runFailed { stats.failedRuns += 1 }
            let c = Int(run.caseIndex)
            run.reached.forEach {
                steps[$0].runs += 1
                if c >= 0 { stepCases[$0][c].runs += 1 }
            }
            run.failed.forEach {
                steps[$0].failedRuns += 1
                if c >= 0 { stepCases[$0][c].failures += 1 }
            }
            if c >= 0 {
                cases[c].runs += 1
                if runFailed { cases[c].failures += 1 }
            }
        }
        for (i, name) in stepNames.enumerated() {
            steps[i].cases = Self.outcomes(stepCases[i], keys: caseKeys)
            stats.steps[name] = steps[i]
        }
        stats.stepOrder = stepNames
        stats.cases = Self.outcomes(cases, keys: caseKeys)
        return stats
    }

    /// Outcomes by key, leaving out cases with no runs; canonically equivalent keys add up.
    private static func outcomes(_ outcomes: [CaseOutcome], keys: [String]) -> [String: CaseOutcome] {
        var result: [String: CaseOutcome] = [:]
        for (i, key) in keys.enumerated() where outcomes[i].runs > 0 {
            let existing = result[key] ?? CaseOutcome(runs: 0, failures: 0)
            result[key] = CaseOutcome(runs: existing.runs + outcomes[i].runs, failures: existing.failures + outcomes[i].failures)
        }
        return result
    }
}
