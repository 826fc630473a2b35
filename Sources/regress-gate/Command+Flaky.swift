import RegressionKit

extension Commands {
    /// `regress-gate flaky`: a version's cases that both passed and failed, with quarantine entries.
    static func runFlaky(_ options: ParsedOptions) throws -> ExitCode {
        let (accumulator, summary) = try readStatistics(options)
        let stats = try LogStatistics.stats(of: options.value("version")!, in: accumulator, summary: summary)
        let report = FlakyReport(stats, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}
