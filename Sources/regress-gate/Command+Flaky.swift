import RegressionKit

extension Commands {
    /// `regress-gate flaky`: a version's cases that both passed and failed, with quarantine entries.
    static func runFlaky(_ options: ParsedOptions) throws -> ExitCode {
        let (accumulator, summary) = try Console.readingLogs { onProgress in
            try LogStatistics.read(
                options.list("logs").map(LogSource.init(argument:)),
                maxBadLines: try options.count("max-bad-lines") ?? 0, runScope: options.runScope,
                onBadLine: Console.badLine, onProgress: onProgress)
        }
        Console.noteSplitRuns(summary, scope: options.runScope)
        let stats = try LogStatistics.stats(of: options.value("version")!, in: accumulator, summary: summary)
        let report = FlakyReport(stats, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}
