import RegressionKit

extension Commands {
    /// `regress-gate trend`: daily rates, trend, anomaly.
    static func runTrend(_ options: ParsedOptions) throws -> ExitCode {
        let days = try options.count("days") ?? 7
        let trend: TrendAnalysis, summary: LogReadSummary
        let anomalyThresholdPP = try options.number("anomaly-threshold-pp") ?? 20, trendThresholdPP = try options.number("trend-threshold-pp") ?? 5
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            trend = try TrendAnalysis(aggregates: aggregates, version: options.value("version"), windowDays: days, asOf: try options.day("as-of"),
                                      anomalyThresholdPP: anomalyThresholdPP, trendThresholdPP: trendThresholdPP)
            summary = aggregates.summary
        } else {
            (trend, summary) = try TrendAnalysis.read(
                options.list("logs").map(LogSource.init(argument:)), version: options.value("version"),
                windowDays: days, asOf: try options.day("as-of"),
                anomalyThresholdPP: anomalyThresholdPP, trendThresholdPP: trendThresholdPP,
                reading: try options.logReading(), onBadLine: Console.badLine)
            Console.noteSplitRuns(summary, scope: options.runScope)
        }
        let report = TrendReport(trend: trend, version: options.value("version"), input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        noteEmptyWindow(trend)
        return .success
    }

    /// The one rule of trend, dashboard and alert for a window without records (an --as-of
    /// before the first record or after the last): not an error, like a monitor's "no data";
    /// the report shows the empty window, stderr says where the records are, the exit is 0.
    static func noteEmptyWindow(_ trend: TrendAnalysis) {
        if let empty = trend.emptyWindow { Console.err("note: \(empty); nothing is judged in an empty window (check --as-of and --days)") }
    }
}
