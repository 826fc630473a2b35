/// The numbers a baseline file holds more than once, checked against each other after reading.
///
/// A file `baseline update` wrote always agrees with itself; one that does not was edited or
/// damaged, and the gate would judge against numbers nobody measured. Each relation below holds
/// for any logs (each run reaches a step at least once, a failed run fails at some step, a run
/// counts under at most one case, a day's records are some of the version's), and a file that
/// breaks one is refused, naming the field.
///
/// - totals against steps: `runs` and `failed_runs` fit between the largest step's and the sum
///   of the steps'; no more failed runs than failed step records.
/// - each step: failed runs fit its failed records (`total - runs >= failed - failed_runs`).
/// - cases against totals and steps: the cases' runs and failed runs, with the runs listed under
///   no case, add up to the totals; a step's cases are the version's cases and no more.
/// - sketches: `min` and `max` lie in the lowest and highest bins.
/// - daily history: the days' records fit the totals, each day lies between the first and last
///   timestamps.
/// - provenance: `version_records` is `totals.steps`, and no more than `records`.
/// - rates (`failure_rate`, ...), written for readers: each is what its counts give. (Not the
///   percentiles, which earlier builds computed by other rules: a file of theirs must still read.)
extension BaselineSnapshot {
    typealias FieldError = JSONFieldReader.FieldError

    /// A rate the file writes for readers, with the value its counts give.
    struct DerivedNumber {
        var path: String
        var written: Double?
        var expected: Double?
    }

    /// Throws at the first relation `self`'s numbers break (see the extension's documentation),
    /// then at the first of `derived` that is not what its counts give.
    func checkConsistency(derived: [DerivedNumber]) throws(FieldError) {
        let s = stats
        try checkTotalsAgainstSteps(s)
        try Self.checkCases(s.cases, runs: s.runs, failedRuns: s.failedRuns,
                            listPath: "cases", runsPath: "totals.runs", failedPath: "totals.failed_runs")
        // The version's cases by their UTF-8 bytes: a String lookup hashes each key normalized,
        // which for thousands of steps' case keys costs more than the rest of the check.
        let versionCases = Array(s.cases.values)
        var caseIndex = CaseKeyIndex(capacity: s.cases.count)
        for (i, key) in s.cases.keys.enumerated() { caseIndex.insert(key, number: i) }
        func versionCase(_ key: String) -> CaseOutcome? {
            if let number = caseIndex.number(of: key) { return versionCases[number] }
            return s.cases[key]   // the same key in another normalization
        }
        for name in s.stepOrder {
            let step = s.steps[name]!
            let path = "steps.\(name)"
            for (key, outcome) in step.cases {
                let whole = versionCase(key) ?? CaseOutcome(runs: 0, failures: 0)   // BaselineCases.readStep refuses other keys
                try Self.check(outcome.runs <= whole.runs && outcome.failures <= whole.failures, "\(path).cases",
                               "the case \"\(key)\" has \(outcome.runs) runs (\(outcome.failures) failed) here, more than its \(whole.runs) (\(whole.failures) failed) in \"cases\"")
            }
            try Self.checkCases(step.cases, runs: step.runs, failedRuns: step.failedRuns,
                                listPath: "\(path).cases", runsPath: "\(path).runs", failedPath: "\(path).failed_runs")
            try Self.checkSketch(step.latency, path: "\(path).latency_ms")
        }
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            try Self.check(!Array(last.utf8).lexicographicallyPrecedes(Array(first.utf8)), "last_timestamp", "\(last) is before first_timestamp (\(first))")
        } else {
            try Self.check(s.firstTimestamp == nil && s.lastTimestamp == nil, "first_timestamp", "first_timestamp and last_timestamp must both be given or both be null")
        }
        try checkDaily(s)
        try Self.check(source.versionRecords == s.totalSteps, "source.version_records", "\(source.versionRecords), but totals.steps is \(s.totalSteps)")
        try Self.check(source.records >= source.versionRecords, "source.records", "\(source.records) records in all, fewer than the version's \(source.versionRecords)")
        for number in derived {
            let agrees = switch (number.written, number.expected) {
            case (nil, nil): true
            case let (w?, e?): abs(w - e) <= 1e-9 * Swift.max(1, abs(e))
            default: false
            }
            try Self.check(agrees, number.path, "\(number.written.map { "\($0)" } ?? "null"), but its counts give \(number.expected.map { "\($0)" } ?? "null")")
        }
    }

    private func checkTotalsAgainstSteps(_ s: VersionStats) throws(FieldError) {
        var runsAtSteps = 0, failedRunsAtSteps = 0
        for name in s.stepOrder {
            let step = s.steps[name]!
            let path = "steps.\(name).failed_runs"
            try Self.check(step.failedRuns <= step.failed, path, "\(step.failedRuns) runs failed here but only \(step.failed) records failed")
            try Self.check(step.failed == 0 || step.failedRuns >= 1, path, "0 runs failed here but \(step.failed) records failed")
            try Self.check(step.total - step.runs >= step.failed - step.failedRuns, "steps.\(name).total",
                      "\(step.total) records cannot hold \(step.runs) runs with \(step.failed) failed records in \(step.failedRuns) failed runs")
            runsAtSteps += step.runs
            failedRunsAtSteps += step.failedRuns
        }
        try Self.check(s.runs <= runsAtSteps, "totals.runs", "\(s.runs), but the steps were reached by \(runsAtSteps) runs in all (each run reaches a step)")
        try Self.check(s.failedRuns <= failedRunsAtSteps, "totals.failed_runs", "\(s.failedRuns), but the steps' failed runs add up to \(failedRunsAtSteps) (each failed run fails at a step)")
        try Self.check(s.failedRuns <= s.failedSteps, "totals.failed_runs", "\(s.failedRuns), more than the \(s.failedSteps) failed step records")
    }

    /// A case list against the runs it is part of: every run is under one case or none.
    private static func checkCases(_ cases: [String: CaseOutcome], runs: Int, failedRuns: Int,
                                   listPath: String, runsPath: String, failedPath: String) throws(FieldError) {
        guard !cases.isEmpty else { return }   // no run had a case key
        var listed = 0, listedFailed = 0
        for outcome in cases.values {
            listed += outcome.runs
            listedFailed += outcome.failures
        }
        let unlisted = runs - listed   // >= 0: BaselineCases checks it
        try Self.check(listedFailed <= failedRuns, failedPath, "\(failedRuns), but the failed runs of \(listPath) add up to \(listedFailed)")
        if unlisted == 0 {
            try Self.check(listedFailed == failedRuns, failedPath, "\(failedRuns), but the failed runs of \(listPath) add up to \(listedFailed)")
        } else {
            try Self.check(failedRuns - listedFailed <= unlisted, failedPath,
                      "\(failedRuns), but \(listPath) holds \(listedFailed) failed runs and the \(unlisted) runs under no case (of \(runsPath)) at most \(unlisted) more")
        }
    }

    /// `min` and `max` in the lowest and highest bins (the zero bin for values up to 1 µs); a bin
    /// either side is allowed, for a logarithm one ulp off on another machine.
    private static func checkSketch(_ sketch: DDSketch, path: String) throws(FieldError) {
        guard let min = sketch.min, let max = sketch.max else { return }
        let bins = sketch.bins.keys
        func fits(_ value: Double, _ bin: Int?) -> Bool {
            guard let bin else { return value <= DDSketch.minIndexable }
            return value > DDSketch.minIndexable / 2 && abs(sketch.index(of: value) - bin) <= 1
        }
        try Self.check(fits(min, sketch.zeroCount > 0 ? nil : bins.min()), "\(path).min", "\(min) is not in the sketch's lowest bin")
        try Self.check(fits(max, bins.max()), "\(path).max", "\(max) is not in the sketch's highest bin")
    }

    private func checkDaily(_ s: VersionStats) throws(FieldError) {
        guard !daily.isEmpty else { return }
        let steps = daily.reduce(0) { $0 + $1.steps }, failed = daily.reduce(0) { $0 + $1.failed }
        try Self.check(s.failedSteps - failed <= s.totalSteps - steps, "daily",
                  "the days hold \(failed) of \(s.failedSteps) failed step records but \(steps) of \(s.totalSteps) step records: the rest cannot hold the other failures")
        let first = s.firstTimestamp.flatMap(LogDay.init(dateAsWrittenIn:))
        let last = s.lastTimestamp.flatMap(LogDay.init(dateAsWrittenIn:))
        for (n, day) in daily.enumerated() {
            if let first { try Self.check(!(day.day < first), "daily[\(n)]", "\(day.day) is before first_timestamp (\(s.firstTimestamp!))") }
            if let last { try Self.check(!(last < day.day), "daily[\(n)]", "\(day.day) is after last_timestamp (\(s.lastTimestamp!))") }
        }
    }
}
