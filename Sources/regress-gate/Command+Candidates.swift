import RegressionKit

extension Commands {
    /// `regress-gate candidates`: merge failing inputs into the candidates file.
    static func runCandidates(_ options: ParsedOptions) throws -> ExitCode {
        let path = options.value("output")!
        var file = try CandidatesFile.read(path)   // before the logs: a damaged file fails fast
        let config = try options.value("config").map(ForensicsConfig.load) ?? .default
        let rules = EvalCandidates(minimumFailures: try options.count("min-failures") ?? 2,
                                   eligibleAt: try options.count("eligible-at") ?? 3)
        let summary: LogReadSummary
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            summary = aggregates.summary
            file.merge(try aggregates.candidates(rules, version: options.value("version"), config: config), eligibleAt: rules.eligibleAt)
        } else {
            let analysis: ForensicsAnalysis
            (analysis, summary) = try ForensicsAnalysis.read(
                options.list("logs").map(LogSource.init(argument:)), config: config,
                reading: try options.logReading(), onBadLine: Console.badLine)
            Console.noteSplitRuns(summary, scope: options.runScope)
            let runs = try analysis.failedRuns(of: options.value("version"), sources: summary.sources)
            file.merge(rules.collect(runs), eligibleAt: rules.eligibleAt)
        }
        let written = try file.write(to: path)   // through a link: its target, named in the report
        let report = CandidatesReport(path: written, file: file, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}
