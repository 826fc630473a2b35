/// The baseline file format, schema version 1.
///
/// ```json
/// {
///   "cases": [["How do I reset my password?", 3, 0], ...],   // [key, runs, failed runs], sorted by key
///   "created_at": "2026-11-29T21:05:00Z",
///   "created_by": "regress-gate 0.1.0",
///   "schema_version": 1,
///   "source": {"bad_lines": 0, "files": ["fixtures/requests.jsonl"], "records": 3000, "version_records": 1040},
///   "step_order": ["retrieval", "reranking", "generation", "citation"],
///   "steps": {"retrieval": {"error_types": {...}, "failed": 24, "failed_runs": 24, "failure_rate": 0.08,
///             "latency_ms": {"count": 300, "max": ..., "min": ..., "p50": ..., "p95": ..., "sketch": {...}},
///             "runs": 300, "total": 300}, ...},
///   "totals": {"failed_runs": 45, "failed_steps": 70, "run_failure_rate": 0.15, "runs": 300,
///              "step_failure_rate": 0.0636, "steps": 1100},
///   "version": "v2",
///   "daily": [["2026-11-01", 93, 7], ...]                    // optional: [date, steps, failed], when the
/// }                                                          // version's records span several days
/// ```
/// Rates and percentiles are written for readers; counts are the truth. Reading checks that each
/// rate is what its counts give (see `BaselineSnapshot+Consistency`); percentiles, which builds
/// before this one computed by other rules, are not compared. Keys are sorted and the same
/// statistics always print to the same bytes.
extension BaselineSnapshot {
    /// The snapshot as deterministic, pretty-printed JSON text (ends with a newline).
    public func jsonText() -> String { jsonValue.prettyPrinted }

    var jsonValue: JSONValue {
        let s = stats
        var steps: [String: JSONValue] = [:]
        for (name, step) in s.steps {
            var members: [String: JSONValue] = [
                "total": .number(step.total), "failed": .number(step.failed),
                "runs": .number(step.runs), "failed_runs": .number(step.failedRuns),
                "failure_rate": .number(step.failureRate),
                "error_types": .object(step.errorTypes.mapValues { .number($0) }),
                "latency_ms": step.latency.jsonValue,
                "cases": Self.casesJSON(step.cases),
            ]
            // Only when there is something to keep: most logs carry no token counts.
            if step.tokens.count > 0 { members["tokens"] = step.tokens.jsonValue }
            if !step.models.isEmpty { members["models"] = .object(step.models.mapValues { .array([.number($0.records), .number($0.tokens)]) }) }
            steps[name] = .object(members)
        }
        let cases = Self.casesJSON(s.cases)
        var members: [String: JSONValue] = [
            "schema_version": .number(Self.schemaVersion),
            "version": .string(s.version),
            "created_at": .string(createdAt),
            "created_by": .string(createdBy),
            "source": .object([
                "files": .array(source.files.map(JSONValue.string)),
                "records": .number(source.records),
                "version_records": .number(source.versionRecords),
                "bad_lines": .number(source.badLines),
            ]),
            "totals": .object([
                "runs": .number(s.runs), "failed_runs": .number(s.failedRuns),
                "steps": .number(s.totalSteps), "failed_steps": .number(s.failedSteps),
                "step_failure_rate": .number(s.stepFailureRate),
                "run_failure_rate": .number(s.runFailureRate),
            ]),
            "first_timestamp": .string(s.firstTimestamp),
            "last_timestamp": .string(s.lastTimestamp),
            "step_order": .array(s.stepOrder.map(JSONValue.string)),
            "steps": .object(steps),
            "cases": cases,
        ]
        if let provenance { members["provenance"] = provenance.jsonValue }
        if daily.count >= 2 {
            members["daily"] = .array(daily.map { .array([.string($0.day.description), .number($0.steps), .number($0.failed)]) })
        }
        return .object(members)
    }

    /// Reads a snapshot from the bytes of a baseline file; `path` is used in errors.
    public init(jsonBytes bytes: [UInt8], path: String) throws(BaselineError) {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
        if case .object(let members) = value {
            guard case .number(let text)? = members["schema_version"], let schema = Int(text) else {
                throw .invalid(path: path, field: "schema_version", message: "missing or not an integer; this is not a regress-gate baseline")
            }
            guard schema == Self.schemaVersion else { throw .unsupportedSchema(path: path, found: schema) }
        }
        do throws(JSONFieldReader.FieldError) {
            self = try Self.decode(value, path: path)
        } catch {
            throw .invalid(path: path, field: error.path, message: error.message)
        }
    }

    private static func decode(_ value: JSONValue, path: String) throws(JSONFieldReader.FieldError) -> BaselineSnapshot {
        typealias Failure = JSONFieldReader.FieldError
        let root = try JSONFieldReader(value)
        // The schema version is checked by the caller first (it gets its own error); decode assumes 1.
        var stats = VersionStats(version: try root.string("version"))
        let totals = try root.object("totals")
        stats.runs = try totals.count("runs", min: 1)          // a baseline of nothing cannot judge anything
        stats.failedRuns = try totals.count("failed_runs")
        stats.totalSteps = try totals.count("steps", min: 1)
        stats.failedSteps = try totals.count("failed_steps")
        try check(stats.failedRuns <= stats.runs, "totals.failed_runs", "\(stats.failedRuns) failed runs out of \(stats.runs) runs")
        try check(stats.failedSteps <= stats.totalSteps, "totals.failed_steps", "\(stats.failedSteps) failed steps out of \(stats.totalSteps) steps")
        var derived = [
            try derivedNumber(totals, "step_failure_rate", stats.stepFailureRate),
            try derivedNumber(totals, "run_failure_rate", stats.runFailureRate),
        ]
        stats.firstTimestamp = try root.optionalString("first_timestamp")
        stats.lastTimestamp = try root.optionalString("last_timestamp")

        let stepsReader = try root.object("steps")
        var totalFromSteps = 0, failedFromSteps = 0
        for (name, stepValue) in stepsReader.members {
            let r = try JSONFieldReader(stepValue, path: stepsReader.fieldPath(name))
            var step = StepStats()
            step.total = try r.count("total", min: 1)
            step.failed = try r.count("failed")
            step.runs = try r.count("runs", min: 1)
            step.failedRuns = try r.count("failed_runs")
            try check(step.failed <= step.total, r.fieldPath("failed"), "\(step.failed) failed out of \(step.total)")
            try check(step.failedRuns <= step.runs, r.fieldPath("failed_runs"), "\(step.failedRuns) failed runs out of \(step.runs)")
            try check(step.runs <= stats.runs, r.fieldPath("runs"), "\(step.runs) runs reached the step but the version has \(stats.runs)")
            try check(step.runs <= step.total, r.fieldPath("runs"), "\(step.runs) runs but only \(step.total) records")
            try check(step.failedRuns <= stats.failedRuns, r.fieldPath("failed_runs"), "\(step.failedRuns) runs failed here but only \(stats.failedRuns) runs failed in all")
            let errors = try r.object("error_types")
            for key in errors.members.keys { step.errorTypes[key] = try errors.count(key, min: 1) }
            try check(step.errorTypes.values.reduce(0, +) == step.failed, r.fieldPath("error_types"), "error counts add up to \(step.errorTypes.values.reduce(0, +)), not to failed (\(step.failed))")
            let latency = try r.object("latency_ms")
            step.latency = try DDSketch(json: latency)
            try check(step.latency.count <= step.total, r.fieldPath("latency_ms.count"), "more latencies than records")
            if r.members["tokens"] != nil {   // absent in files written before tokens were kept
                step.tokens = try DDSketch(json: try r.object("tokens"))
                try check(step.tokens.count <= step.total, r.fieldPath("tokens.count"), "more token counts than records")
            }
            if let models = try r.optionalObject("models") {
                for (model, item) in models.members {
                    guard case .array(let pair) = item, pair.count == 2, case .number(let a) = pair[0], let records = Int(a),
                          case .number(let b) = pair[1], let tokens = Int(b), records >= 1, records <= step.total, tokens >= 0 else {
                        throw Failure(path: models.fieldPath(model), message: "expected [records, tokens] with 1 <= records <= the step's records and tokens >= 0")
                    }
                    step.models[model] = ModelUse(records: records, tokens: tokens)
                }
            }
            derived.append(try derivedNumber(r, "failure_rate", step.failureRate))
            stats.steps[name] = step
            totalFromSteps += step.total
            failedFromSteps += step.failed
        }
        try check(totalFromSteps == stats.totalSteps, "totals.steps", "\(stats.totalSteps), but the steps add up to \(totalFromSteps)")
        try check(failedFromSteps == stats.failedSteps, "totals.failed_steps", "\(stats.failedSteps), but the steps add up to \(failedFromSteps)")

        var order: [String] = []
        for (n, item) in try root.array("step_order").enumerated() {
            guard case .string(let s) = item else { throw Failure(path: "step_order[\(n)]", message: "expected a string") }
            order.append(s)
        }
        try check(order.count == Set(order).count && Set(order) == Set(stats.steps.keys), "step_order", "must list each step of \"steps\" once")
        stats.stepOrder = order

        var cases = BaselineCases()
        stats.cases = try cases.readVersion(try root.array("cases"), path: "cases", maxRuns: stats.runs)
        for name in stats.stepOrder {
            let r = try stepsReader.object(name)
            stats.steps[name]!.cases = try cases.readStep(try r.array("cases"), path: r.fieldPath("cases"), maxRuns: stats.steps[name]!.runs)
        }

        let source = try root.object("source")
        var files: [String] = []
        for item in try source.array("files") {
            guard case .string(let s) = item else { throw Failure(path: "source.files", message: "expected strings") }
            files.append(s)
        }
        var snapshot = BaselineSnapshot(
            stats: stats,
            createdAt: try root.string("created_at"),
            createdBy: try root.string("created_by"),
            source: Provenance(
                files: files, records: try source.count("records"),
                versionRecords: try source.count("version_records"),
                badLines: try source.count("bad_lines")),
            daily: try decodeDaily(root.members["daily"] == nil ? [] : try root.array("daily"), totals: stats))
        if let p = try root.optionalObject("provenance") {
            snapshot.provenance = try EvalProvenance(json: p)
            try check(snapshot.provenance!.cases == stats.cases.count, p.fieldPath("cases"), "\(snapshot.provenance!.cases), but \"cases\" lists \(stats.cases.count)")
        }
        try snapshot.checkConsistency(derived: derived.compactMap { $0 })
        return snapshot
    }

    /// The rate at `key`, when the file has one, with the value its counts give.
    private static func derivedNumber(_ r: JSONFieldReader, _ key: String, _ expected: Double?) throws(JSONFieldReader.FieldError) -> DerivedNumber? {
        guard r.members[key] != nil else { return nil }
        return DerivedNumber(path: r.fieldPath(key), written: try r.optionalDouble(key), expected: expected)
    }

    /// `[["2026-11-01", steps, failed], ...]`: real dates in order, counts that fit the totals.
    private static func decodeDaily(_ rows: [JSONValue], totals: VersionStats) throws(JSONFieldReader.FieldError) -> [DailyCount] {
        var out: [DailyCount] = []
        for (n, item) in rows.enumerated() {
            guard case .array(let row) = item, row.count == 3, case .string(let date) = row[0], let day = LogDay(date),
                  case .number(let s) = row[1], let steps = Int(s), case .number(let f) = row[2], let failed = Int(f),
                  steps >= 1, failed >= 0, failed <= steps, steps <= JSONFieldReader.maxCount else {
                throw JSONFieldReader.FieldError(path: "daily[\(n)]", message: "expected [\"YYYY-MM-DD\", steps, failed] with 0 <= failed <= steps and steps >= 1")
            }
            try check(out.last.map { $0.day < day } ?? true, "daily[\(n)]", "\(date) is not after the day before it")
            out.append(DailyCount(day: day, steps: steps, failed: failed))
        }
        try check(out.reduce(0) { $0 + $1.steps } <= totals.totalSteps, "daily", "the days hold more step records than the totals")
        try check(out.reduce(0) { $0 + $1.failed } <= totals.failedSteps, "daily", "the days hold more failed step records than the totals")
        return out
    }

    /// `[[key, runs, failures], ...]` sorted by key: one line per case in the pretty-printed file.
    static func casesJSON(_ cases: [String: CaseOutcome]) -> JSONValue {
        .array(cases.keys.sorted().map { key in
            let c = cases[key]!
            return .array([.string(key), .number(c.runs), .number(c.failures)])
        })
    }

    /// Throws "impossible value: `message`" at `path` unless `condition` (counts that cannot be).
    static func check(_ condition: Bool, _ path: String, _ message: @autoclosure () -> String) throws(JSONFieldReader.FieldError) {
        if !condition { throw JSONFieldReader.FieldError(path: path, message: "impossible value: \(message())") }
    }
}

extension DDSketch {
    /// `{"count", "min", "max", "p50", "p95", "sketch": {"relative_accuracy", "zero_count", "offset", "counts"}}`:
    /// the bins as one dense array starting at bin index `offset`.
    var jsonValue: JSONValue {
        let keys = bins.keys.sorted()
        let offset = keys.first ?? 0
        var counts = [Int](repeating: 0, count: keys.isEmpty ? 0 : keys.last! - offset + 1)
        for (i, c) in bins { counts[i - offset] = c }
        return .object([
            "count": .number(count),
            "min": min.map(JSONValue.number) ?? .null,
            "max": max.map(JSONValue.number) ?? .null,
            "p50": quantile(0.5).map(JSONValue.number) ?? .null,
            "p95": quantile(0.95).map(JSONValue.number) ?? .null,
            "sketch": .object([
                "relative_accuracy": .number(relativeAccuracy),
                "zero_count": .number(zeroCount),
                "offset": .number(offset),
                "counts": .array(counts.map { .number($0) }),
            ]),
        ])
    }

    init(json r: JSONFieldReader) throws(JSONFieldReader.FieldError) {
        let sketch = try r.object("sketch")
        let offset = try sketch.integer("offset", min: -100_000, max: 100_000)
        var bins: [Int: Int] = [:]
        for (n, item) in try sketch.array("counts").enumerated() {
            guard case .number(let t) = item, let c = Int(t), c >= 0, c <= JSONFieldReader.maxCount else {
                throw JSONFieldReader.FieldError(path: sketch.fieldPath("counts[\(n)]"), message: "expected a count >= 0")
            }
            if c > 0 { bins[offset + n] = c }
        }
        guard let made = DDSketch(
            relativeAccuracy: try sketch.double("relative_accuracy"), bins: bins,
            zeroCount: try sketch.count("zero_count"),
            min: try r.optionalDouble("min"), max: try r.optionalDouble("max")),
            made.count == (try r.count("count")), made.isPlausible
        else {
            throw JSONFieldReader.FieldError(path: r.path, message: "impossible value: the latency sketch is inconsistent")
        }
        self = made
    }
}
