/// The dashboard as JSON: the `trend` report, the latest failed runs and the input.
extension Dashboard {
    /// `{"format_version": 1, "trend": {...as trend --format json}, "latest_failed_runs": [...], "input": {...}}`.
    package func jsonText(input: LogReadSummary) -> String {
        JSONValue.object([
            "format_version": .number(1),
            "version": .string(version),
            "trend": TrendReport(trend: trend, version: version, input: input).jsonValue,
            "latest_failed_runs": countsOnly ? .null : .array(latestFailed.map(\.jsonValue)),
            "input": input.jsonValue,
        ]).prettyPrinted
    }
}
