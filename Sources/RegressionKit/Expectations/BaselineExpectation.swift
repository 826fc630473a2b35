import Foundation

/// "These records did not get worse than the named baseline": the decision behind
/// `expectNoRegression`, without any test framework.
///
/// ```swift
/// let expectation = BaselineExpectation(
///     location: try BaselineLocation(name: "rag", filePath: #filePath),
///     mode: try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: ProcessInfo.processInfo.environment))
/// let outcome = expectation.check(recorder.records)
/// outcome.failures   // what the test reports, as values; empty when it passes
/// ```
/// A missing baseline is recorded (record modes `missing`, `failed`, `all`) or is a failure
/// (`never`); an existing one is compared under `policy` and, in mode `all`, or in mode `failed`
/// when the comparison fails, rewritten. Writing always fails the test, so a recording run never
/// passes silently. Files are written atomically, in `regress-gate baseline update`'s format.
package struct BaselineExpectation: Sendable {
    /// Where the baseline lives.
    package var location: BaselineLocation
    /// The record mode and what chose it.
    package var mode: RecordModeChoice
    /// The policy that judges; the default is `statistical`.
    package var policy: GatePolicy = .default
    /// The least severe verdict that fails: `.regressionDetected` (the default), `.warning`, or
    /// `.insufficientData` (then WARNING fails too), as `regress-gate check --fail-on`.
    package var failOn: Verdict = .regressionDetected
    /// Whether latencies are compared too. Off by default: step timings of a test run depend on
    /// the machine and its load (a baseline recorded on a laptop, compared on a CI runner), so
    /// only failure rates decide unless you ask.
    package var comparesLatency = false
    /// The test's name, for the re-record command in messages (`swift test --filter NAME`).
    package var testName: String?
    /// The JSONL log the records were also written to, for the `regress-gate baseline update` hint.
    var logFile: String?

    /// Creates an expectation with the default policy, failing on REGRESSION_DETECTED only.
    package init(location: BaselineLocation, mode: RecordModeChoice) {
        self.location = location
        self.mode = mode
    }

    /// What checking did.
    package struct Outcome: Sendable, Equatable {
        /// The comparison, when a baseline was read and compared.
        package var result: GateResult?
        /// What the test reports as failures, one value each; empty when it passes.
        /// RegressionKitTesting phrases them (the advice names commands the library does not know).
        package var failures: [Failure] = []
        /// Whether the baseline file was written.
        var recorded = false

        /// The verdict of the comparison, nil when nothing was compared.
        package var verdict: Verdict? { result?.verdict }
    }

    /// Checks `records` (one version's) against the baseline, recording it as the mode says.
    package func check(_ records: [StepRecord]) -> Outcome {
        var outcome = Outcome()
        guard !records.isEmpty else {
            outcome.failures = [.said(noRecordsMessage)]
            return outcome
        }
        var accumulator = StatsAccumulator()
        for record in records { accumulator.add(record) }
        let versions = accumulator.recordCounts.map(\.version)
        guard versions.count == 1, let candidate = accumulator.stats(for: versions[0]) else {
            outcome.failures = [.said(mixedVersionsMessage(versions))]
            return outcome
        }

        let baseline: BaselineSnapshot
        do throws(BaselineError) {
            baseline = try BaselineStore.load(location.path)
        } catch {
            let damaged: BaselineError? = { if case .missing = error { return nil } else { return error } }()
            guard mode.mode != .never, damaged == nil || mode.mode == .all || mode.mode == .failed else {
                outcome.failures = [damaged.map(Failure.unreadable) ?? .notRecorded(problem: notRecordedMessage)]
                return outcome
            }
            let written = write(candidate, records: records.count)
            outcome.recorded = written == nil
            outcome.failures = [.said(written ?? recordedMessage(candidate, replacing: damaged))]
            return outcome
        }

        let result = Gate.evaluate(baseline: comparable(baseline.stats), candidate: comparable(candidate), policy: policy)
        outcome.result = result
        let fails = result.verdict.fails(at: failOn)
        if mode.mode == .all || (fails && mode.mode == .failed) {
            let written = write(candidate, records: records.count)
            outcome.recorded = written == nil
            outcome.failures = [.said(written.map { report(result) + $0 } ?? rerecordedMessage(candidate, result: result))]
        } else if fails {
            outcome.failures = [.regressed(report: report(result), version: candidate.version, logFile: logFile)]
        }
        return outcome
    }

    /// Checks a recorder's records, and reports a failure to append to its log as well.
    package func check(_ recorder: Recorder) -> Outcome {
        var expectation = self
        if expectation.logFile == nil { expectation.logFile = recorder.logPath }
        var outcome = expectation.check(recorder.records)
        if let error = recorder.logError { outcome.failures.append(.said("The recorder lost lines of its log: \(error)")) }
        return outcome
    }

    /// The statistics compared: without latencies unless `comparesLatency`.
    private func comparable(_ stats: VersionStats) -> VersionStats {
        guard !comparesLatency else { return stats }
        var stats = stats
        for name in stats.stepOrder { stats.steps[name]?.latency = DDSketch() }
        return stats
    }

    /// Writes `stats` as the baseline; returns a failure message, or nil when written.
    private func write(_ stats: VersionStats, records: Int) -> String? {
        let snapshot = BaselineSnapshot(
            stats: stats, createdAt: BaselineSnapshot.iso8601(Date()),
            createdBy: "RegressionKit \(RegressionKitVersion.current) (expectNoRegression)",
            source: .init(files: [], records: records, versionRecords: records, badLines: 0))   // made from records in memory
        do throws(BaselineError) {
            try BaselineStore.save(snapshot, to: location.path, missingDirectories: .createAll)
            return nil
        } catch {
            return "Could not record \(location.displayPath): \(error)"
        }
    }
}
