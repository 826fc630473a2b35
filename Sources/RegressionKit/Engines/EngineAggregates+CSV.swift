extension EngineAggregates.Version {
    /// A version's aggregates as the log reader gathered them (for a file the query would have made).
    init(stats: VersionStats, daily: DailyFailureRates, firstFailures: FirstFailureTally) {
        self.stats = stats
        self.daily = daily
        self.firstFailures = firstFailures
    }
}

extension EngineAggregates {
    /// `versions` as the aggregates query's table in CSV with a header, the rows the gate reads
    /// (not the per-step daily counts or the failing inputs, which log reads do not keep): what
    /// an engine would export for the same records. Steps and versions are positioned in their
    /// order.
    static func csv(_ versions: [Version]) -> String {
        let names = AggregateTable.columns.map(\.name)
        var lines = [names.joined(separator: ",")]
        func add(_ kind: AggregateTable.Kind, _ values: [String: String?]) {
            var row: [String: String?] = values
            row["kind"] = kind.rawValue
            row["query_version"] = String(AggregateTable.queryVersion)
            row["sketch_relative_accuracy"] = "\(AggregateTable.sketchRelativeAccuracy)"
            row["sketch_min_indexable_ms"] = "\(AggregateTable.sketchMinIndexableMS)"
            lines.append(names.map { name in (row[name] ?? nil).map(field) ?? "" }.joined(separator: ","))
        }
        for (position, version) in versions.enumerated() {
            let s = version.stats, v = s.version
            add(.version, ["version": v, "records": "\(s.totalSteps)", "failed": "\(s.failedSteps)", "runs": "\(s.runs)",
                           "failed_runs": "\(s.failedRuns)", "first_seen": s.firstTimestamp, "last_seen": s.lastTimestamp,
                           "first_position": "\(position)"])
            for (i, name) in s.stepOrder.enumerated() {
                let step = s.steps[name]!
                add(.step, ["version": v, "step": name, "records": "\(step.total)", "failed": "\(step.failed)", "runs": "\(step.runs)",
                            "failed_runs": "\(step.failedRuns)", "latency_min_ms": step.latency.min.map { "\($0)" },
                            "latency_max_ms": step.latency.max.map { "\($0)" },
                            "token_min": step.tokens.min.map { "\(Int($0))" }, "token_max": step.tokens.max.map { "\(Int($0))" },
                            "first_position": "\(i)"])
                for (bucket, n) in step.tokens.bins.sorted(by: { $0.key < $1.key }) {
                    add(.token, ["version": v, "step": name, "bucket": "\(bucket)", "records": "\(n)"])
                }
                for (model, use) in step.models.sorted(by: { $0.key < $1.key }) {
                    add(.model, ["version": v, "step": name, "model_name": model, "records": "\(use.records)", "tokens": "\(use.tokens)"])
                }
                for (bucket, n) in step.latency.bins.sorted(by: { $0.key < $1.key }) {
                    add(.latency, ["version": v, "step": name, "bucket": "\(bucket)", "records": "\(n)"])
                }
                if step.latency.zeroCount > 0 { add(.latencyZero, ["version": v, "step": name, "records": "\(step.latency.zeroCount)"]) }
                for (error, n) in step.errorTypes.sorted(by: { $0.key < $1.key }) {
                    add(.error, ["version": v, "step": name, "error_type": error, "failed": "\(n)"])
                }
                for (key, outcome) in step.cases.sorted(by: { $0.key < $1.key }) where outcome.runs > 0 {
                    add(.stepCase, ["version": v, "step": name, "case_key": key, "runs": "\(outcome.runs)", "failed_runs": "\(outcome.failures)"])
                }
            }
            for (key, outcome) in s.cases.sorted(by: { $0.key < $1.key }) where outcome.runs > 0 {
                add(.case, ["version": v, "case_key": key, "runs": "\(outcome.runs)", "failed_runs": "\(outcome.failures)"])
            }
            for day in version.daily.countsByDay {
                add(.day, ["version": v, "day": day.day.description, "records": "\(day.steps)", "failed": "\(day.failed)"])
            }
            if version.daily.undated > 0 { add(.day, ["version": v, "records": "\(version.daily.undated)", "failed": "0"]) }
            for cause in version.firstFailures.causes {
                add(.firstFailure, ["version": v, "step": cause.step, "error_type": cause.errorType, "runs": "\(cause.runs)"])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field: quoted (quotes doubled) so that the empty text is not read as null.
    private static func field(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
