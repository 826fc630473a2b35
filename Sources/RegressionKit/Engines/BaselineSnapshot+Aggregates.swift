import Foundation

extension BaselineSnapshot {
    /// `make`, from an engine's aggregates (`EngineAggregates.load`) instead of logs: the same
    /// snapshot but for its source, which names the aggregates file, and the provenance's log
    /// format, `aggregates` (what the engine read the records from is not in its result).
    package static func make(version: String, from aggregates: EngineAggregates, createdAt: Date = Date()) throws -> BaselineSnapshot {
        let stats = try aggregates.stats(of: version)
        let days = aggregates.version(version)!.daily.countsByDay.map { DailyCount(day: $0.day, steps: $0.steps, failed: $0.failed) }
        let summary = aggregates.summary
        var snapshot = BaselineSnapshot(
            stats: stats, createdAt: iso8601(createdAt),
            source: Provenance(files: summary.sources, records: summary.records, versionRecords: stats.totalSteps, badLines: 0),
            daily: days.count >= 2 ? days : [])
        snapshot.provenance = EvalProvenance(stats: stats, logFormats: ["aggregates"])
        if let problem = snapshot.limitProblem() {
            switch problem {
            case .count(let message): throw AggregatesFileError(path: aggregates.path, message: message)
            case .latency(let step, let max):
                throw AggregatesFileError(path: aggregates.path, column: "latency_max_ms", message: "latency \(max) ms of step \"\(step)\" is more than the \(maxLatencyMS) ms a baseline holds; fix or drop the record")
            }
        }
        return snapshot
    }
}
