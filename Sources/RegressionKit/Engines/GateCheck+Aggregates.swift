extension GateCheck {
    /// `run`, with the candidate's aggregates read from an engine's result instead of logs.
    ///
    /// Throws `BaselineError` first (as `run` does), then `AggregatesFileError` or `VersionNotFoundError`.
    package static func run(
        baselinePath: String, aggregatesPath: String, candidate: String, policy: GatePolicy = .default
    ) throws -> GateReport {
        let baseline = try BaselineStore.load(baselinePath)
        let aggregates = try EngineAggregates.load(aggregatesPath)
        let stats = try aggregates.stats(of: candidate)
        let version = aggregates.version(candidate)!
        let result = Gate.evaluate(baseline: baseline.stats, candidate: stats, policy: policy)
        return GateReport(result: result, baselinePath: baselinePath, input: aggregates.summary,
                          daily: version.daily, firstFailures: version.firstFailures)
    }
}
