/// The A/A test on a version's own runs: how often a policy raises a false alarm when both sides
/// are the same version.
///
/// The version's runs are grouped by case (`case_id`, else `input_summary`; a run without either
/// is a case of its own), the cases kept in log order (their first record's place). Each split
/// takes half the cases, a block of consecutive ones starting at a seeded random case and
/// wrapping around at the end, as the baseline and the other half as the candidate, and gates one
/// against the other. Whichever half a split takes, when the runs are independent given the
/// version a policy of level alpha says REGRESSION_DETECTED in at most about alpha of splits.
/// Splitting by case keeps a case's repeated runs on one side, so cases that differ show up as
/// the extra spread they are; cutting the log order in blocks, rather than scattering the cases,
/// keeps runs logged close together on one side, so a failure rate that drifts over time shows up
/// as a difference between the halves. Either makes the rate climb above alpha.
package struct GateCalibration: Sendable, Equatable {
    /// The version calibrated.
    package var version: String
    /// The policy's name.
    package var policy: String
    /// The policy's level, nil for one without (`thresholds`).
    package var alpha: Double?
    /// Splits gated, and the seed that chose them.
    package var splits: Int
    package var seed: UInt64
    /// Cases and runs of the version.
    package var cases: Int
    package var runs: Int
    /// Splits by verdict.
    package var verdicts: [Verdict: Int]

    /// Share of splits with `verdict`, 0...1, with its 95 % Wilson interval.
    package func rate(_ verdict: Verdict) -> (rate: Double, low: Double, high: Double) {
        let count = verdicts[verdict] ?? 0
        let bounds = WilsonInterval.bounds(count: count, trials: splits, z: NormalDistribution.quantile(0.975))
        return (Double(count) / Double(splits), bounds.low, bounds.high)
    }

    /// Whether the false alarms exceed the policy's level (for `thresholds`, 0.05): the runs are
    /// not independent in a way the policy does not model.
    package var tooManyFalseAlarms: Bool { rate(.regressionDetected).rate > (alpha ?? 0.05) }

    /// Gates `splits` splits of `caseRuns` (each case's records, cases in log order) under `policy`.
    /// - Precondition: at least 2 cases, `splits >= 1`.
    package init(caseRuns: [[StepRecord]], version: String, policy: GatePolicy, splits: Int, seed: UInt64) {
        precondition(caseRuns.count >= 2 && splits >= 1)
        self.version = version
        self.policy = policy.name
        alpha = policy.level
        self.splits = splits
        self.seed = seed
        cases = caseRuns.count
        runs = Set(caseRuns.joined().map(\.runID)).count
        var rng = SplitMix64(seed: seed)
        let starts = (0..<splits).map { _ in Int(rng.next() % UInt64(caseRuns.count)) }
        let half = caseRuns.count / 2
        let found = starts.concurrentMap { start -> Verdict in
            var baseline = StatsAccumulator(), candidate = StatsAccumulator()
            for (i, records) in caseRuns.enumerated() {
                let inBaseline = (i - start + caseRuns.count) % caseRuns.count < half
                for record in records {
                    if inBaseline { baseline.add(record) } else { candidate.add(record) }
                }
            }
            return Gate.evaluate(baseline: baseline.stats(for: version)!, candidate: candidate.stats(for: version)!, policy: policy).verdict
        }
        verdicts = found.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// A version's records grouped by case, cases in log order (see the type's documentation).
    package static func caseRuns(_ records: [StepRecord]) -> [[StepRecord]] {
        var caseOfRun: [String: String] = [:]
        for record in records where caseOfRun[record.runID] == nil {
            if let key = record.caseKey { caseOfRun[record.runID] = "case:" + key }
        }
        var index: [String: Int] = [:]
        var grouped: [[StepRecord]] = []
        for record in records {
            let key = caseOfRun[record.runID] ?? "run:" + record.runID
            if let i = index[key] { grouped[i].append(record) } else {
                index[key] = grouped.count
                grouped.append([record])
            }
        }
        return grouped
    }
}

extension GatePolicy {
    /// The policy's level: alpha for `statistical` and `sequential`, nil for `thresholds`.
    var level: Double? {
        switch rule {
        case .thresholds: nil
        case .statistical(let p): p.alpha
        case .sequential(let p): p.alpha
        }
    }
}

extension GateCalibration {
    /// Streams `sources`, handing on the records of `version` in log order; fails closed when the
    /// logs hold no record, or none of `version` (naming the versions they do hold).
    package static func read(
        _ sources: [LogSource], version: String, reading: LogReading,
        onBadLine: (LogLineError) -> Void, onProgress: (LogReadProgress) -> Void, _ body: (StepRecord) -> Void
    ) throws -> LogReadSummary {
        var versions: [String] = []
        var seen = Set<String>()
        let summary = try LogReader(sources: sources, reading: reading).read({ record in
            if seen.insert(record.promptVersion).inserted { versions.append(record.promptVersion) }
            if record.promptVersion == version { body(record) }
        }, onBadLine: onBadLine, onProgress: onProgress)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        guard seen.contains(version) else { throw VersionNotFoundError(version: version, sources: summary.sources, available: versions) }
        return summary
    }
}
