import RegressionKit

extension Commands {
    /// `regress-gate analyze`: root causes, categories per version, growth, recommendations.
    static func runAnalyze(_ options: ParsedOptions) throws -> ExitCode {
        try checkLLMOptions(options)
        let config = try options.value("config").map(ForensicsConfig.load) ?? .default
        if let path = try aggregatesPath(options) { return try runAnalyze(options, aggregates: readAggregates(path), config: config) }
        let (analysis, summary) = try ForensicsAnalysis.read(
            options.list("logs").map(LogSource.init(argument:)), config: config,
            reading: try options.logReading(), onBadLine: Console.badLine)
        Console.noteSplitRuns(summary, scope: options.runScope)
        let known = analysis.versions.map(\.version)
        for name in ["version", "from", "to"] {
            if let v = options.value(name), !known.contains(v) {
                throw VersionNotFoundError(version: v, sources: summary.sources, available: known)
            }
        }
        if (options.value("from") == nil) != (options.value("to") == nil) {
            throw UsageError(message: "--from and --to go together", command: "analyze")
        }
        if let id = options.value("run"), analysis.run(id) == nil {
            throw RunNotFoundError(runID: id, sources: summary.sources, runs: analysis.runCount)
        }
        let limit = try options.count("limit") ?? 5
        var report = AnalysisReport(
            analysis: analysis, input: summary, limit: limit == 0 ? nil : limit, runID: options.value("run"),
            version: options.value("version"), from: options.value("from"), to: options.value("to"))
        report.llm = try llmExplanation(options) {
            var evidence = LLMEvidence(analysis: report)
            if options.flag("llm-include-inputs") { evidence.failingInputs = LLMEvidence.mostFrequentInputs(of: report.runsInScope) }
            return evidence
        }
        noteUnavailable(report.llm, reportSaysIt: options.value("format") != "json")
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}

extension Commands {
    /// `analyze --aggregates`: categories and counts; a single run needs the logs.
    static func runAnalyze(_ options: ParsedOptions, aggregates: EngineAggregates, config: ForensicsConfig) throws -> ExitCode {
        let known = aggregates.versions.map(\.stats.version)
        for name in ["version", "from", "to"] {
            if let v = options.value(name), !known.contains(v) {
                throw VersionNotFoundError(version: v, sources: [aggregates.path], available: known)
            }
        }
        if (options.value("from") == nil) != (options.value("to") == nil) {
            throw UsageError(message: "--from and --to go together", command: "analyze")
        }
        if options.value("run") != nil {
            throw UsageError(message: "--run needs the logs: aggregates hold counts, not runs (pass --logs instead of --aggregates)", command: "analyze")
        }
        let report = AnalysisReport(aggregates: aggregates, config: config, version: options.value("version"),
                                    from: options.value("from"), to: options.value("to"))
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        Console.err("note: listing single failed runs needs the logs (--logs)")
        return .success
    }
}

/// `--run ID` names a run the logs do not hold.
struct RunNotFoundError: Error, CustomStringConvertible {
    var runID: String
    var sources: [String]
    var runs: Int
    var description: String {
        "no run '\(runID)' in \(sources.joined(separator: ", ")) (\(runs) runs there); run 'regress-gate analyze --logs ... --limit 0' to list the failed ones"
    }
}
