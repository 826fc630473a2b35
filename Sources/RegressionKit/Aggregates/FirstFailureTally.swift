/// Why runs failed, counted the simple way: for each failed run, the step that failed first
/// (in log order) and its error type.
///
/// A minimal tally for the reports; the Forensics module owns root-cause categories and
/// recommendations. Memory grows with the number of failed runs (their ids), not records.
///
/// ```swift
/// var tally = FirstFailureTally()
/// records.forEach { tally.add($0) }
/// tally.causes.first   // (step: "citation", errorType: "no_citation", runs: 41)
/// ```
struct FirstFailureTally: Sendable, Equatable {
    /// A first failure and how many runs it ended.
    struct Cause: Sendable, Equatable {
        /// The step that failed first in the run.
        var step: String
        /// Its error type; `unknown` when the record named none.
        var errorType: String
        /// Failed runs whose first failure this was.
        var runs: Int
    }

    /// Each failed run's first failure, by run id: an index into `keys` (failed runs only, so
    /// memory stays small).
    private var firstFailure = ByteTable<Int32>(empty: -1)
    private var keys: [Key] = []
    private var keyIndex: [Key: Int32] = [:]
    private struct Key: Hashable, Sendable { var step: String; var errorType: String }
    /// Failed runs counted by cause without their ids (an engine's aggregates).
    private var counted: [Key: Int] = [:]

    init() {}

    /// Adds a record: the first failed record of each run counts.
    mutating func add(_ record: StepRecord) {
        guard !record.success else { return }
        let slot = firstFailure.slot(for: record.runID)
        guard firstFailure[slot: slot] < 0 else { return }
        firstFailure[slot: slot] = index(of: Key(step: record.stepName, errorType: record.normalizedErrorType ?? "unknown"))
    }

    /// Counts `runs` failed runs whose first failure was `step` with `errorType`, without their
    /// run ids: a row of an engine's aggregates.
    mutating func add(step: String, errorType: String, runs: Int) {
        counted[Key(step: step, errorType: errorType), default: 0] += runs
    }

    /// Adds a scanned record (the reader's fast path).
    mutating func add(_ raw: RawStepRecord) {
        guard !raw.success else { return }
        let slot = raw.withBytes(raw.runID) { firstFailure.slot(for: $0) }
        guard firstFailure[slot: slot] < 0 else { return }
        let errorType = raw.errorType.flatMap { $0.isEmpty ? nil : raw.string($0) } ?? "unknown"
        firstFailure[slot: slot] = index(of: Key(step: raw.string(raw.stepName), errorType: errorType))
    }

    private mutating func index(of key: Key) -> Int32 {
        if let known = keyIndex[key] { return known }
        keys.append(key)
        keyIndex[key] = Int32(keys.count - 1)
        return Int32(keys.count - 1)
    }

    /// Adds `later`, gathered from records after these: a run already counted keeps its first failure.
    /// With a `tag`, a run of `later` this tally also holds is kept apart (see `RunScope.file`).
    mutating func merge(_ later: FirstFailureTally, keepingRunsApart tag: [UInt8]? = nil) {
        let keyMap = later.keys.map { index(of: $0) }   // each cause looked up once, not once per run
        func combine(_ k: inout Int32, _ laterK: Int32) {
            if k < 0 { k = keyMap[Int(laterK)] }
        }
        if let tag { firstFailure.merge(later.firstFailure, keepingApart: tag, combine) } else { firstFailure.merge(later.firstFailure, combine) }
        counted.merge(later.counted, uniquingKeysWith: +)
    }

    /// Each failed run's first failure, by run id bytes.
    private var byRun: [[UInt8]: Key] {
        var result: [[UInt8]: Key] = [:]
        firstFailure.forEach { run, k in result[Array(run)] = keys[Int(k)] }
        return result
    }

    static func == (a: FirstFailureTally, b: FirstFailureTally) -> Bool { a.byRun == b.byRun && a.counted == b.counted }

    /// Failed runs counted.
    var failedRunCount: Int { firstFailure.count + counted.values.reduce(0, +) }

    private var counts: [Key: Int] {
        var counts = counted
        firstFailure.forEach { _, k in counts[keys[Int(k)], default: 0] += 1 }
        return counts
    }

    var causes: [Cause] {
        counts.map { Cause(step: $0.key.step, errorType: $0.key.errorType, runs: $0.value) }
            .sorted { ($1.runs, $0.step, $0.errorType) < ($0.runs, $1.step, $1.errorType) }
    }
}
