import RegressionKit

extension Commands {
    /// `regress-gate stats`: every version's statistics.
    static func runStats(_ options: ParsedOptions) throws -> ExitCode {
        let (accumulator, summary) = try Console.readingLogs { onProgress in
            try LogStatistics.read(
                options.list("logs").map(LogSource.init(argument:)),
                maxBadLines: try options.count("max-bad-lines") ?? 0, runScope: options.runScope,
                onBadLine: Console.badLine, onProgress: onProgress)
        }
        Console.noteSplitRuns(summary, scope: options.runScope)
        guard summary.records > 0 else {
            throw LogReadError.noRecords(sources: summary.sources)
        }
        let report = StatsReport(versions: accumulator.allStats(), input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}
