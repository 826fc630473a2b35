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
    private var versions: [VersionAccumulator] = []
    private var versionNames: [[UInt8]] = []        // parallel to `versions`, in order of appearance
    private var recordCounts_: [Int] = []
    private var wanted: [Bool] = []
    private var lastVersion = -1                      // a cache: logs come in long runs of one version
    private let only: Set<String>?

    /// Accumulates every version, or only those in `versions` (the others are just counted).
    public init(versions: Set<String>? = nil) {
        self.only = versions
    }

    /// Adds one record.
    public mutating func add(_ record: StepRecord) {
        let v = versionIndex(Array(record.promptVersion.utf8)) { record.promptVersion }
        recordCounts_[v] += 1
        guard wanted[v] else { return }
        versions[v].add(
            runID: record.runID, stepName: Array(record.stepName.utf8), success: record.success,
            errorType: { record.normalizedErrorType }, latencyMS: record.latencyMS,
            timestamp: record.timestamp.map { Array($0.utf8) }, caseKey: { record.caseKey })
    }

    /// Adds one scanned line: the log reader's fast path, decoding only what is kept.
    mutating func add(_ raw: RawStepRecord) {
        let v: Int
        if lastVersion >= 0, raw.equals(raw.promptVersion, versionNames[lastVersion]) {
            v = lastVersion
        } else {
            v = versionIndex(raw.bytes(raw.promptVersion)) { raw.string(raw.promptVersion) }
        }
        lastVersion = v
        recordCounts_[v] += 1
        guard wanted[v] else { return }
        versions[v].add(raw)
    }

    private mutating func versionIndex(_ bytes: [UInt8], _ name: () -> String) -> Int {
        if let i = versionNames.firstIndex(of: bytes) { return i }
        versionNames.append(bytes)
        versions.append(VersionAccumulator())
        recordCounts_.append(0)
        wanted.append(only.map { $0.contains(name()) } ?? true)
        return versions.count - 1
    }

    private func name(_ i: Int) -> String { String(decoding: versionNames[i], as: UTF8.self) }

    /// Every version seen, in order of first appearance, with its record count (filtered versions included).
    public var recordCounts: [(version: String, records: Int)] {
        versionNames.indices.map { (name($0), recordCounts_[$0]) }
    }

    /// The statistics of `version`, or nil when it had no records (or was filtered out).
    public func stats(for version: String) -> VersionStats? {
        guard let i = versionNames.firstIndex(of: Array(version.utf8)), wanted[i] else { return nil }
        return versions[i].finish(version: version)
    }

    /// The statistics of every accumulated version, in order of first appearance.
    public func allStats() -> [VersionStats] {
        versionNames.indices.filter { wanted[$0] }.map { versions[$0].finish(version: name($0)) }
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

/// A run id as a dictionary key: compared byte for byte (as the ancestor does), hashed once with
/// FNV-1a so that the dictionary's own hashing only mixes one word.
struct RunKey: Hashable, Sendable {
    let hash: UInt64
    let id: String

    init(_ id: String) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        self.init(hash: h, id: id)
    }

    init(_ raw: RawStepRecord) {
        guard raw.runID.decoded == nil else { self.init(raw.string(raw.runID)); return }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in raw.runID.start..<raw.runID.end { h = (h ^ UInt64(raw.line[i])) &* 0x0000_0100_0000_01B3 }
        self.init(hash: h, id: raw.string(raw.runID))
    }

    private init(hash: UInt64, id: String) {
        self.hash = hash
        self.id = id
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (a: RunKey, b: RunKey) -> Bool { a.hash == b.hash && a.id.utf8.elementsEqual(b.id.utf8) }
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
    var stepBytes: [[UInt8]] = []     // step names as UTF-8, in order of appearance
    var lastStep = -1
    var steps: [StepStats] = []
    var runs: [RunKey: RunState] = [:]
    var caseIndex: [String: Int32] = [:]
    var caseKeys: [String] = []
    var firstTimestamp: [UInt8]?
    var lastTimestamp: [UInt8]?

    /// Adds a scanned record.
    mutating func add(_ raw: RawStepRecord) {
        // Step names: a handful per version, matched on bytes with the last one tried first.
        var i = -1
        if lastStep >= 0, raw.equals(raw.stepName, stepBytes[lastStep]) {
            i = lastStep
        } else {
            for (k, bytes) in stepBytes.enumerated() where raw.equals(raw.stepName, bytes) { i = k; break }
        }
        if i < 0 { i = addStep(raw.bytes(raw.stepName)) }
        lastStep = i
        record(runID: RunKey(raw), step: i, success: raw.success,
               errorType: {
                   guard let e = raw.errorType else { return nil }
                   let text = raw.string(e)
                   return text.isEmpty ? nil : text
               },
               latencyMS: raw.latencyMS, caseKey: { raw.caseKey })
        if let t = raw.timestamp {
            if let decoded = t.decoded {
                noteTimestamp(Array(decoded.utf8))
            } else {
                let bytes = UnsafeBufferPointer(rebasing: raw.line[t.start..<t.end])
                if firstTimestamp.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { firstTimestamp = Array(bytes) }
                if lastTimestamp.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { lastTimestamp = Array(bytes) }
            }
        }
    }

    /// Adds a record given by its parts.
    mutating func add(runID: String, stepName: [UInt8], success: Bool, errorType: () -> String?, latencyMS: Double?,
                      timestamp: [UInt8]?, caseKey: () -> String?) {
        let i = stepBytes.firstIndex(of: stepName) ?? addStep(stepName)
        record(runID: RunKey(runID), step: i, success: success, errorType: errorType, latencyMS: latencyMS, caseKey: caseKey)
        if let timestamp { noteTimestamp(timestamp) }
    }

    private mutating func addStep(_ bytes: [UInt8]) -> Int {
        stepBytes.append(bytes)
        steps.append(StepStats())
        return steps.count - 1
    }

    private mutating func record(runID: RunKey, step i: Int, success: Bool, errorType: () -> String?,
                                 latencyMS: Double?, caseKey: () -> String?) {
        totalSteps += 1
        steps[i].total += 1
        if let latencyMS { steps[i].latency.add(latencyMS) }
        if !success {
            failedSteps += 1
            steps[i].failed += 1
            steps[i].errorTypes[errorType() ?? "unknown", default: 0] += 1
        }
        var found = runs.index(forKey: runID)
        if found == nil {
            runs[runID] = RunState()
            found = runs.index(forKey: runID)
        }
        let index = found!
        runs.values[index].reached.insert(i)
        if !success { runs.values[index].failed.insert(i) }
        if runs.values[index].caseIndex < 0, let key = caseKey() {
            if let known = caseIndex[key] {
                runs.values[index].caseIndex = known
            } else {
                let new = Int32(caseKeys.count)
                caseIndex[key] = new
                caseKeys.append(key)
                runs.values[index].caseIndex = new
            }
        }
    }

    /// Keeps the earliest and latest timestamp, compared as bytes (ISO 8601 with one offset sorts in time order).
    private mutating func noteTimestamp(_ bytes: [UInt8]) {
        if firstTimestamp.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { firstTimestamp = bytes }
        if lastTimestamp.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { lastTimestamp = bytes }
    }

    func finish(version: String) -> VersionStats {
        var stats = VersionStats(version: version)
        stats.totalSteps = totalSteps
        stats.failedSteps = failedSteps
        stats.firstTimestamp = firstTimestamp.map { String(decoding: $0, as: UTF8.self) }
        stats.lastTimestamp = lastTimestamp.map { String(decoding: $0, as: UTF8.self) }
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
        let stepNames = stepBytes.map { String(decoding: $0, as: UTF8.self) }
        for (i, name) in stepNames.enumerated() {
            steps[i].cases = Self.outcomes(stepCases[i], keys: caseKeys)
            if stats.steps[name] != nil {
                stats.steps[name]!.merge(steps[i])    // the same name in another Unicode normalization
            } else {
                stats.steps[name] = steps[i]
                stats.stepOrder.append(name)
            }
        }
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
