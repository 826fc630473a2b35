import Foundation

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
    var versions: [VersionAccumulator] = []
    var versionNames = NameTable()           // parallel to `versions`
    var recordCounts_: [Int] = []
    var wanted: [Bool] = []
    let only: Set<[UInt8]>?   // compared as bytes, like every name
    /// Log bytes this accumulator is expected to take in, to size the run table of the one
    /// version accumulated up front (0: no idea).
    var expectedBytes = 0

    /// Accumulates every version, or only those in `versions` (the others are just counted).
    public init(versions: Set<String>? = nil) {
        self.only = versions.map { Set($0.map { Array($0.utf8) }) }
    }

    /// Accumulates only `version`, from about `expectedBytes` of log (a gate's read).
    init(version: String, expectedBytes: Int) {
        self.init(versions: [version])
        self.expectedBytes = expectedBytes
    }

    /// Adds one record.
    public mutating func add(_ record: StepRecord) {
        let v = versionIndex(Array(record.promptVersion.utf8))
        recordCounts_[v] += 1
        guard wanted[v] else { return }
        versions[v].add(
            runID: record.runID, stepName: Array(record.stepName.utf8), success: record.success,
            errorType: { record.normalizedErrorType }, latencyMS: record.latencyMS,
            timestamp: record.timestamp.map { Array($0.utf8) }, caseKey: record.caseKey,
            tokenCount: record.tokenCount, model: record.modelName.map { Array($0.utf8) })
    }

    /// Adds one scanned line: the log reader's fast path, decoding only what is kept. Returns
    /// whether its version is accumulated (not only counted).
    @discardableResult
    mutating func add(_ raw: RawStepRecord) -> Bool {
        let v = versionNames.index(of: raw.promptVersion, in: raw) ?? versionIndex(raw.bytes(raw.promptVersion))
        recordCounts_[v] += 1
        guard wanted[v] else { return false }
        versions[v].add(raw)
        return true
    }

    /// The index of the version `bytes`, its state added when it is new.
    mutating func versionIndex(_ bytes: [UInt8]) -> Int {
        let i = versionNames.index(of: bytes)
        if i < versions.count { return i }
        let wanted = only.map { $0.contains(bytes) } ?? true
        let sized = wanted && only?.count == 1   // many versions share the log: no guess for each
        versions.append(VersionAccumulator(expectedRuns: sized ? VersionAccumulator.expectedRuns(inBytes: expectedBytes) : 0))
        recordCounts_.append(0)
        self.wanted.append(wanted)
        return versions.count - 1
    }

    /// Every version seen, in order of first appearance, with its record count (filtered versions included).
    var recordCounts: [(version: String, records: Int)] {
        versionNames.names.indices.map { (versionNames.name($0), recordCounts_[$0]) }
    }

    /// The statistics of `version`, or nil when it had no records (or was filtered out).
    public func stats(for version: String) -> VersionStats? {
        guard let i = versionNames.firstIndex(of: Array(version.utf8)), wanted[i] else { return nil }
        return versions[i].finish(version: version)
    }

    /// The statistics of every accumulated version, in order of first appearance.
    public func allStats() -> [VersionStats] {
        versionNames.names.indices.filter { wanted[$0] }.map { versions[$0].finish(version: versionNames.name($0)) }
    }
}

/// The steps a run reached and failed: a bitmask each for the first 32 steps (16 bytes a run,
/// which is what bounds memory), and a side list for pipelines with more.
struct RunState: Sendable {
    var reached: UInt32 = 0
    var failed: UInt32 = 0
    var caseIndex: Int32 = -1
    /// Index into `VersionAccumulator.overflow` when the run touched step 32 or later, else -1.
    var overflow: Int32 = -1
}

/// Step indices 32 and up of one run.
struct OverflowSteps: Sendable {
    var reached: [Int] = []
    var failed: [Int] = []
}

/// Per-version accumulation state.
struct VersionAccumulator: Sendable {
    var totalSteps = 0
    var failedSteps = 0
    var stepNames = NameTable()
    var steps: [StepStats] = []
    var runs: ByteTable<RunState>
    var overflow: [OverflowSteps] = []
    var caseIndex = ByteTable<Int32>(empty: -1)
    var caseKeys: [String] = []
    var timestamps = TimestampRange()
    /// The `model_name`s seen, and each step's records and tokens per model (indexed as the names).
    var modelNames = NameTable()
    /// Step i's use of model m at `i * modelSlots + m`: one flat array, changed once per record.
    var modelUse: [ModelUse] = []
    var modelSlots = 2
    /// Run updates of scanned records not yet in `runs` (see `RunBatch`).
    var batch = RunBatch()

    /// An empty accumulator whose run table holds `expectedRuns` without growing.
    init(expectedRuns: Int = 0) {
        runs = ByteTable(empty: RunState(), capacity: max(expectedRuns, 64))
    }

    /// A guess at the runs in `bytes` of log, high rather than low, to size a run table up front
    /// (growing a big table costs a rehash of every run and fresh memory): a step record in
    /// failure-forensics' layout is 250 to 500 bytes, a run a few of them. At most 1 << 17 (a table of
    /// 8 MiB), so that a huge log reserves no more; the table grows past that as needed.
    static func expectedRuns(inBytes bytes: Int) -> Int { min(bytes / 2048, 1 << 17) }

    /// Adds a scanned record. Its run's update goes into `batch` (see `RunBatch`) when the step is
    /// one of the first 32, as nearly always.
    mutating func add(_ raw: RawStepRecord) {
        let i = stepNames.index(of: raw.stepName, in: raw) ?? addStep(raw.bytes(raw.stepName))
        record(step: i, success: raw.success,
               errorType: {
                   guard let e = raw.errorType else { return nil }
                   let text = raw.string(e)
                   return text.isEmpty ? nil : text
               },
               latencyMS: raw.latencyMS, tokenCount: raw.tokenCount)
        if let m = raw.modelName { use(step: i, model: modelNames.index(of: m, in: raw) ?? modelNames.index(of: raw.bytes(m)), tokens: raw.tokenCount) }
        if i < 32 {
            let j = raw.withBytes(raw.runID) { batchRun($0, step: i, failed: !raw.success) }
            if batch.entries[j].state.caseIndex < 0 { batch.entries[j].state.caseIndex = caseNumber(of: raw) }
        } else {
            flushRuns()   // in order with the records held
            let slot = raw.withBytes(raw.runID) { runs.slot(for: $0) }
            var run = runs[slot: slot]
            mark(&run, step: i, failed: !raw.success)
            if run.caseIndex < 0 { run.caseIndex = caseNumber(of: raw) }   // another table: `slot` stays valid
            runs[slot: slot] = run
        }
        if let t = raw.timestamp { raw.withBytes(t) { timestamps.note($0) } }
    }

    /// The number of the case `raw` exercised (its `caseKey`), or -1.
    @inline(__always)
    mutating func caseNumber(of raw: RawStepRecord) -> Int32 {
        guard let key = raw.caseKey else { return -1 }
        return raw.withBytes(key) { caseNumber($0) }
    }

    /// Adds a record given by its parts.
    mutating func add(runID: String, stepName: [UInt8], success: Bool, errorType: () -> String?, latencyMS: Double?,
                      timestamp: [UInt8]?, caseKey: String?, tokenCount: Int? = nil, model: [UInt8]? = nil) {
        flushRuns()   // in order with the scanned records before it
        let i = stepNames.firstIndex(of: stepName) ?? addStep(stepName)
        let slot = runs.slot(for: runID)
        record(step: i, success: success, errorType: errorType, latencyMS: latencyMS, tokenCount: tokenCount)
        if let model { use(step: i, model: modelNames.index(of: model), tokens: tokenCount) }
        var run = runs[slot: slot]
        mark(&run, step: i, failed: !success)
        runs[slot: slot] = run
        if runs[slot: slot].caseIndex < 0, var key = caseKey {
            runs[slot: slot].caseIndex = key.withUTF8 { caseNumber($0) }
        }
        if let timestamp { timestamps.note(timestamp) }
    }

    /// For each step, the first step whose name is the same text (as `String`s compare, another
    /// Unicode normalization of it), whose statistics it is counted in; nil when every name is
    /// its own, as nearly always.
    func sameNameGroups() -> [Int]? {
        var first: [String: Int] = [:]
        var groups: [Int] = []
        for i in stepNames.names.indices {
            let name = stepNames.name(i)
            groups.append(first[name] ?? i)
            if first[name] == nil { first[name] = i }
        }
        return groups.indices.allSatisfy({ groups[$0] == $0 }) ? nil : groups
    }

    /// The index of the case `key` (UTF-8) in `caseKeys`, added when new.
    mutating func caseNumber(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let slot = caseIndex.slot(for: key)
        if caseIndex[slot: slot] < 0 {
            caseIndex[slot: slot] = Int32(caseKeys.count)
            caseKeys.append(String(decoding: key, as: UTF8.self))
        }
        return caseIndex[slot: slot]
    }

    mutating func addStep(_ bytes: [UInt8]) -> Int {
        _ = stepNames.index(of: bytes)
        steps.append(StepStats())
        return steps.count - 1
    }

    /// Counts a record in its step's statistics (its run's steps are marked apart).
    private mutating func record(step i: Int, success: Bool, errorType: () -> String?, latencyMS: Double?, tokenCount: Int?) {
        totalSteps += 1
        steps[i].total += 1
        if let latencyMS { steps[i].latency.add(latencyMS) }
        if let tokenCount, tokenCount > 0 { steps[i].tokens.add(integer: tokenCount) }   // 0 is unknown
        if !success {
            failedSteps += 1
            steps[i].failed += 1
            steps[i].errorTypes[errorType() ?? "unknown", default: 0] += 1
        }
    }

    /// Records that `run` reached step `i`, and failed there when `failed`.
    mutating func mark(_ run: inout RunState, step i: Int, failed: Bool) {
        Self.mark(&run, step: i, failed: failed, overflow: &overflow)
    }

    /// `mark`, with steps 32 and up in `overflow`.
    static func mark(_ run: inout RunState, step i: Int, failed: Bool, overflow: inout [OverflowSteps]) {
        if i < 32 {
            run.reached |= 1 << UInt32(i)
            if failed { run.failed |= 1 << UInt32(i) }
            return
        }
        if run.overflow < 0 {
            run.overflow = Int32(overflow.count)
            overflow.append(OverflowSteps())
        }
        let o = Int(run.overflow)
        if !overflow[o].reached.contains(i) { overflow[o].reached.append(i) }
        if failed, !overflow[o].failed.contains(i) { overflow[o].failed.append(i) }
    }

    /// Calls `body` for each step the run reached, with whether it failed there.
    func forEachStep(of run: RunState, _ body: (Int, Bool) -> Void) {
        var bits = run.reached
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            body(i, run.failed & (1 << UInt32(i)) != 0)
            bits &= bits - 1
        }
        if run.overflow >= 0 {
            let o = overflow[Int(run.overflow)]
            for i in o.reached { body(i, o.failed.contains(i)) }
        }
    }

    func finish(version: String) -> VersionStats {
        if !batch.isEmpty {   // the reader flushes each piece it reads: this copy is for other callers
            var flushed = self
            flushed.flushRuns()
            return flushed.finish(version: version)
        }
        var stats = VersionStats(version: version)
        stats.totalSteps = totalSteps
        stats.failedSteps = failedSteps
        stats.firstTimestamp = timestamps.first.map { String(decoding: $0, as: UTF8.self) }
        stats.lastTimestamp = timestamps.last.map { String(decoding: $0, as: UTF8.self) }
        var steps = self.steps
        // Counted in flat arrays, then set in `steps`: a run table holds a few hundred thousand runs.
        let caseCount = caseKeys.count
        let none = CaseOutcome(runs: 0, failures: 0)
        var cases = [CaseOutcome](repeating: none, count: caseCount)
        var stepCases = [CaseOutcome](repeating: none, count: steps.count * caseCount)   // step i's at i * caseCount
        var stepRuns = [CaseOutcome](repeating: none, count: steps.count)   // runs reaching step i, failing there
        var runCount = 0, failedRuns = 0
        let groups = sameNameGroups()
        cases.withUnsafeMutableBufferPointer { cases in
            stepCases.withUnsafeMutableBufferPointer { stepCases in
                stepRuns.withUnsafeMutableBufferPointer { stepRuns in
                    runs.forEachValue { run in
                        runCount += 1
                        let runFailed = run.failed != 0 || (run.overflow >= 0 && !overflow[Int(run.overflow)].failed.isEmpty)
                        if runFailed { failedRuns += 1 }
                        let c = Int(run.caseIndex)
                        func count(_ i: Int, _ failed: Bool) {
                            let f = failed ? 1 : 0
                            stepRuns[i].runs += 1
                            stepRuns[i].failures += f
                            if c >= 0 {
                                stepCases[i * caseCount + c].runs += 1
                                stepCases[i * caseCount + c].failures += f
                            }
                        }
                        if let groups {   // a run that reached one name in two spellings reached that step once
                            var reached: [(step: Int, failed: Bool)] = []
                            forEachStep(of: run) { i, failed in
                                if let k = reached.firstIndex(where: { $0.step == groups[i] }) {
                                    reached[k].failed = reached[k].failed || failed
                                } else {
                                    reached.append((groups[i], failed))
                                }
                            }
                            for (i, failed) in reached { count(i, failed) }
                        } else {
                            forEachStep(of: run, count)
                        }
                        if c >= 0 {
                            cases[c].runs += 1
                            if runFailed { cases[c].failures += 1 }
                        }
                    }
                }
            }
        }
        stats.runs += runCount
        stats.failedRuns += failedRuns
        let keys = CaseKeys(caseKeys)
        for i in stepNames.names.indices {
            let name = stepNames.name(i)
            steps[i].runs += stepRuns[i].runs               // `failures` here: runs that failed at the step
            steps[i].failedRuns += stepRuns[i].failures
            steps[i].cases = keys.outcomes(stepCases[i * caseCount ..< (i + 1) * caseCount])
            for m in modelNames.names.indices {
                let use = modelUse(step: i, model: m)
                if use.records > 0 { steps[i].models[modelNames.name(m), default: ModelUse()].add(use) }
            }
            if stats.steps[name] != nil {
                stats.steps[name]!.merge(steps[i])    // the same name in another Unicode normalization
            } else {
                stats.steps[name] = steps[i]
                stats.stepOrder.append(name)
            }
        }
        stats.cases = keys.outcomes(cases[...])
        return stats
    }
}

/// The case keys of one version, hashed once to make its several outcome dictionaries (overall
/// and per step): each is the same dictionary of keys with other values, made with `mapValues`,
/// which keeps the keys where they are instead of hashing them again. A key of non-ASCII text
/// costs about 3k instructions to hash (Swift hashes its normalized form), and there are
/// thousands of keys.
struct CaseKeys {
    /// Each distinct key and the number of the first case with it.
    private let first: [String: Int]
    /// The other case numbers of a key written in another Unicode normalization (rare).
    private let alsoWith: [Int: [Int]]
    private let keys: [String]

    init(_ keys: [String]) {
        var first = [String: Int](minimumCapacity: keys.count)
        var alsoWith: [Int: [Int]] = [:]
        for (c, key) in keys.enumerated() {
            if let earlier = first.updateValue(c, forKey: key) {   // canonically equal to an earlier key
                first[key] = earlier
                alsoWith[earlier, default: []].append(c)
            }
        }
        self.first = first
        self.alsoWith = alsoWith
        self.keys = keys
    }

    /// Outcomes by key (numbered as the keys), leaving out keys with no runs; canonically
    /// equivalent keys add up.
    func outcomes(_ outcomes: ArraySlice<CaseOutcome>) -> [String: CaseOutcome] {
        let base = outcomes.startIndex   // case c's outcome is at base + c
        var result = first.mapValues { c in
            var outcome = outcomes[base + c]
            for other in alsoWith[c] ?? [] { outcome.add(outcomes[base + other]) }
            return outcome
        }
        for (c, outcome) in outcomes.enumerated() where outcome.runs == 0 && result[keys[c]]?.runs == 0 {
            result[keys[c]] = nil
        }
        return result
    }
}
