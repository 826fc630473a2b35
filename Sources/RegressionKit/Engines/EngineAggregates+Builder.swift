import Foundation

extension EngineAggregates {
    /// Gathers rows into versions, then checks that their counts add up.
    struct Builder {
        var path: String
        var order: [String] = []
        var parts: [String: Parts] = [:]

        /// One version's rows as read.
        struct Parts {
            var versionRow: AggregateRow?
            var firstSeen: String?
            var stats: VersionStats
            var stepRows: [String: AggregateRow] = [:]
            var stepFirstSeen: [String: String] = [:]
            var stepFirstPosition: [String: Int] = [:]
            var firstPosition: Int?
            var bins: [String: [Int: Int]] = [:]
            var tokenBins: [String: [Int: Int]] = [:]
            var tokenBounds: [String: (min: Double?, max: Double?)] = [:]
            var zero: [String: Int] = [:]
            var bounds: [String: (min: Double?, max: Double?)] = [:]
            var version = Version(stats: VersionStats(version: ""))
            var dayRecords = 0
            var firstFailureRuns = 0
        }

        init(path: String) { self.path = path }

        mutating func add(_ row: AggregateRow) throws(AggregatesFileError) {
            if row.kind == .invalid {
                let n = try row.count("records")
                throw row.error("records", "the query found \(n) record\(n == 1 ? "" : "s") without a version, run id, step name or success, which the gate cannot count (the log reader refuses such a line): fix the table or the column mapping, and run the query again")
            }
            let name = try row.text("version")
            if parts[name] == nil {
                order.append(name)
                var p = Parts(stats: VersionStats(version: name))
                p.version = Version(stats: VersionStats(version: name))
                parts[name] = p
            }
            try parts[name]!.add(row)
        }

        func finish() throws(AggregatesFileError) -> [Version] {
            var versions: [(Int?, String?, Version)] = []
            for name in order {
                versions.append(try parts[name]!.finish(path: path))
            }
            // In order of first appearance: by position, else by first timestamp, else as read.
            return versions.enumerated().sorted { a, b in
                if let x = a.element.0, let y = b.element.0, x != y { return x < y }
                switch (a.element.1, b.element.1) {
                case let (x?, y?) where x != y: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
                case (_?, nil): return true
                case (nil, _?): return false
                default: return a.offset < b.offset
                }
            }.map(\.element.2)
        }
    }
}

extension EngineAggregates.Builder.Parts {
    mutating func add(_ row: AggregateRow) throws(AggregatesFileError) {
        switch row.kind {
        case .version:
            if versionRow != nil { throw row.error("version", "a second version row for this version: one query's result has one") }
            versionRow = row
            stats.totalSteps = try row.count("records")
            stats.failedSteps = try row.count("failed")
            stats.runs = try row.count("runs")
            stats.failedRuns = try row.count("failed_runs")
            stats.firstTimestamp = row.optionalText("first_seen")
            stats.lastTimestamp = row.optionalText("last_seen")
            firstPosition = try row.optionalInteger("first_position")
            _ = try row.count("tokens", orNull: true)
        case .step:
            let step = try row.text("step")
            if stepRows[step] != nil { throw row.error("step", "a second step row for this step: one query's result has one") }
            stepRows[step] = row
            var s = stats.steps[step] ?? StepStats()
            s.total = try row.count("records")
            s.failed = try row.count("failed")
            s.runs = try row.count("runs")
            s.failedRuns = try row.count("failed_runs")
            _ = try row.count("tokens", orNull: true)
            stats.steps[step] = s
            bounds[step] = (try row.optionalDouble("latency_min_ms"), try row.optionalDouble("latency_max_ms"))
            tokenBounds[step] = (try row.optionalInteger("token_min").map(Double.init), try row.optionalInteger("token_max").map(Double.init))
            if let t = row.optionalText("first_seen") { stepFirstSeen[step] = t }
            if let p = try row.optionalInteger("first_position") { stepFirstPosition[step] = p }
        case .latency:
            let step = try row.text("step")
            let bucket = try row.integer("bucket")
            guard abs(bucket) < 100_000 else { throw row.error("bucket", "bucket \(bucket) is far outside any latency the sketch can hold") }
            bins[step, default: [:]][bucket, default: 0] += try row.positiveCount("records")
        case .latencyZero:
            zero[try row.text("step"), default: 0] += try row.positiveCount("records")
        case .token:
            let step = try row.text("step")
            let bucket = try row.integer("bucket")
            guard abs(bucket) < 100_000 else { throw row.error("bucket", "bucket \(bucket) is far outside any token count the sketch can hold") }
            tokenBins[step, default: [:]][bucket, default: 0] += try row.positiveCount("records")
        case .model:
            let step = try row.text("step")
            let use = ModelUse(records: try row.positiveCount("records"), tokens: try row.count("tokens"))
            stats.steps[step, default: StepStats()].models[try row.text("model_name"), default: ModelUse()].add(use)
        case .error:
            let step = try row.text("step")
            stats.steps[step, default: StepStats()].errorTypes[try row.text("error_type"), default: 0] += try row.positiveCount("failed")
        case .case:
            let outcome = CaseOutcome(runs: try row.positiveCount("runs"), failures: try row.count("failed_runs"))
            stats.cases[try row.text("case_key"), default: CaseOutcome(runs: 0, failures: 0)].add(outcome)
        case .stepCase:
            let step = try row.text("step")
            let outcome = CaseOutcome(runs: try row.positiveCount("runs"), failures: try row.count("failed_runs"))
            stats.steps[step, default: StepStats()].cases[try row.text("case_key"), default: CaseOutcome(runs: 0, failures: 0)].add(outcome)
        case .day:
            let day = try row.day()
            let records = try row.positiveCount("records")
            version.daily.add(day: day, steps: records, failed: try row.count("failed"))
            dayRecords += records
        case .stepDay:
            guard let day = try row.day() else { throw row.error("day", "empty (null) in a step_day row, which needs it") }
            version.stepDaily[try row.text("step"), default: DailyFailureRates()].add(day: day, steps: try row.positiveCount("records"), failed: try row.count("failed"))
        case .firstFailure:
            let runs = try row.positiveCount("runs")
            version.firstFailures.add(step: try row.text("step"), errorType: row.optionalText("error_type") ?? "unknown", runs: runs)
            let cause = EngineAggregates.FirstFailure(step: try row.text("step"), errorType: row.optionalText("error_type"))
            version.firstFailureCauses[cause, default: 0] += runs
            firstFailureRuns += runs
        case .failingInput:
            version.failingInputs.append(EngineAggregates.FailingInput(
                input: row.optionalText("input_summary") ?? "", step: try row.text("step"), errorType: row.optionalText("error_type"),
                runs: try row.positiveCount("runs"), firstSeen: row.optionalText("first_seen"), lastSeen: row.optionalText("last_seen")))
        case .invalid:
            break
        }
    }

    /// The version's values, checked to add up; with its first timestamp, for the versions' order.
    func finish(path: String) throws(AggregatesFileError) -> (Int?, String?, EngineAggregates.Version) {
        let name = stats.version
        func wrong(_ row: AggregateRow?, _ column: String?, _ message: String) -> AggregatesFileError {
            AggregatesFileError(path: path, row: row?.number, column: column, message: "version '\(name)': \(message): the file is damaged or cut short; export the query's whole result again")
        }
        guard let versionRow else { throw wrong(nil, nil, "no version row") }
        var stats = self.stats
        let unknownSteps = stats.steps.keys.filter { stepRows[$0] == nil }
        if let step = unknownSteps.first { throw wrong(versionRow, "step", "rows for step '\(step)' but no step row for it") }
        // Steps in the order they first appear: by position when the query had one, else by
        // timestamp, then by name.
        stats.stepOrder = stats.steps.keys.sorted { a, b in
            if let x = stepFirstPosition[a], let y = stepFirstPosition[b], x != y { return x < y }
            switch (stepFirstSeen[a], stepFirstSeen[b]) {
            case let (x?, y?) where x != y: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            case (_?, nil): return true
            case (nil, _?): return false
            default: return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            }
        }
        var records = 0, failed = 0
        for step in stats.stepOrder {
            let row = stepRows[step]!
            var s = stats.steps[step]!
            records += s.total
            failed += s.failed
            guard s.failed <= s.total, s.failedRuns <= s.runs, s.runs <= s.total || s.total == 0 else {
                throw wrong(row, "failed", "step '\(step)' has more failed records or runs than it has")
            }
            guard s.errorTypes.values.reduce(0, +) == s.failed else {
                throw wrong(row, "failed", "step '\(step)': its error rows count \(s.errorTypes.values.reduce(0, +)) failed records, its step row \(s.failed)")
            }
            let bounds = self.bounds[step] ?? (nil, nil)
            guard let sketch = DDSketch(relativeAccuracy: AggregateTable.sketchRelativeAccuracy, bins: bins[step] ?? [:],
                                        zeroCount: zero[step] ?? 0, min: bounds.min, max: bounds.max), sketch.isPlausible,
                  sketch.count <= s.total else {
                throw wrong(row, "latency_min_ms", "step '\(step)': its latency buckets, smallest and largest latency do not agree")
            }
            s.latency = sketch
            let tokenBounds = self.tokenBounds[step] ?? (nil, nil)
            guard let tokens = DDSketch(relativeAccuracy: AggregateTable.sketchRelativeAccuracy, bins: tokenBins[step] ?? [:],
                                        zeroCount: 0, min: tokenBounds.min, max: tokenBounds.max), tokens.isPlausible,
                  tokens.count <= s.total else {
                throw wrong(row, "token_min", "step '\(step)': its token buckets, smallest and largest token count do not agree")
            }
            s.tokens = tokens
            guard s.models.values.reduce(0, { $0 + $1.records }) <= s.total else {
                throw wrong(row, "records", "step '\(step)': its model rows count more records than its step row")
            }
            stats.steps[step] = s
        }
        guard records == stats.totalSteps, failed == stats.failedSteps else {
            throw wrong(versionRow, "records", "its step rows count \(records) records (\(failed) failed), its version row \(stats.totalSteps) (\(stats.failedSteps))")
        }
        guard stats.failedRuns <= stats.runs, stats.failedSteps <= stats.totalSteps else {
            throw wrong(versionRow, "failed_runs", "more failed runs or records than runs or records")
        }
        guard dayRecords == stats.totalSteps else {
            throw wrong(versionRow, "records", "its day rows count \(dayRecords) records, its version row \(stats.totalSteps)")
        }
        guard firstFailureRuns == stats.failedRuns else {
            throw wrong(versionRow, "failed_runs", "its first_failure rows count \(firstFailureRuns) failed runs, its version row \(stats.failedRuns)")
        }
        let caseRuns = stats.cases.values.reduce(0) { $0 + $1.runs }
        guard caseRuns <= stats.runs else { throw wrong(versionRow, "runs", "its case rows count \(caseRuns) runs, more than its \(stats.runs)") }
        var version = self.version
        version.stats = stats
        return (firstPosition, stats.firstTimestamp, version)
    }
}

extension AggregateRow {
    /// A count that a row exists for: 1 or more (0 is no row at all).
    func positiveCount(_ column: String) throws(AggregatesFileError) -> Int {
        let n = try count(column)
        guard n > 0 else { throw error(column, "0 in a \(kind.rawValue) row: the query writes a row only for what it counted; the file is damaged") }
        return n
    }

    /// An integer that may be null.
    func optionalInteger(_ column: String) throws(AggregatesFileError) -> Int? {
        values[column] == nil ? nil : try integer(column)
    }

    /// A count that may be null.
    func count(_ column: String, orNull: Bool) throws(AggregatesFileError) -> Int? {
        values[column] == nil && orNull ? nil : try count(column)
    }

    /// The row's day, nil when null (undated records); refused when not a real `YYYY-MM-DD`.
    func day() throws(AggregatesFileError) -> LogDay? {
        guard let text = values["day"] else { return nil }
        guard let day = LogDay(text) else { throw error("day", "'\(text.prefix(40))' is not a YYYY-MM-DD date") }
        return day
    }
}
