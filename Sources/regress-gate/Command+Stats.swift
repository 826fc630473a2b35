import RegressionKit

extension Commands {
    /// `regress-gate stats`: every version's statistics.
    static func runStats(_ options: ParsedOptions) throws -> ExitCode {
        if options.flag("explain-mapping") {
            guard try aggregatesPath(options) == nil else {
                throw UsageError(message: "--explain-mapping explains how logs are read into runs: it needs --logs, not --aggregates", command: "stats")
            }
            return try runExplainMapping(options)
        }
        let report: StatsReport
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            guard aggregates.summary.records > 0 else { throw LogReadError.noRecords(sources: [path]) }
            report = StatsReport(versions: aggregates.allStats, input: aggregates.summary)
        } else {
            let (accumulator, summary) = try readStatistics(options)
            guard summary.records > 0 else {
                throw LogReadError.noRecords(sources: summary.sources)
            }
            report = StatsReport(versions: accumulator.allStats(), input: summary)
        }
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }

    /// `stats --explain-mapping`: how traces were read into runs.
    static func runExplainMapping(_ options: ParsedOptions) throws -> ExitCode {
        let (explanation, summary) = try LogReader(sources: options.list("logs").map(LogSource.init(argument:)), reading: try options.logReading())
            .explainTraceMapping(onBadLine: Console.badLine)
        let report = TraceMappingReport(explanation, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }

    /// Every version's statistics from `--logs`, read as the log-reading options say, with
    /// progress and bad lines on stderr (stats, flaky).
    static func readStatistics(_ options: ParsedOptions) throws -> (StatsAccumulator, LogReadSummary) {
        let (accumulator, summary) = try Console.readingLogs { onProgress in
            try LogStatistics.read(
                options.list("logs").map(LogSource.init(argument:)),
                reading: try options.logReading(),
                onBadLine: Console.badLine, onProgress: onProgress)
        }
        Console.noteSplitRuns(summary, scope: options.runScope)
        return (accumulator, summary)
    }
}
