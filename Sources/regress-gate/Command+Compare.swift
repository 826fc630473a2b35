import RegressionKit

extension Commands {
    /// `regress-gate compare`: the A/B report.
    static func runCompare(_ options: ParsedOptions) throws -> ExitCode {
        try checkLLMOptions(options, rereadsLogs: true)
        let a = options.value("a")!, b = options.value("b")!
        guard a != b else { throw UsageError(message: "--a and --b name the same version '\(a)'", command: "compare") }
        let alpha = try options.number("alpha")!
        let comparison: ABComparison, summary: LogReadSummary
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            (comparison, summary) = (ABComparison(a: try aggregates.stats(of: a), b: try aggregates.stats(of: b), alpha: alpha), aggregates.summary)
        } else {
            (comparison, summary) = try ABComparison.read(
                options.list("logs").map(LogSource.init(argument:)), a: a, b: b, alpha: alpha,
                reading: try options.logReading(), onBadLine: Console.badLine)
            Console.noteSplitRuns(summary, scope: options.runScope)
        }
        var report = ABReport(comparison: comparison, input: summary)
        report.llm = try llmExplanation(options) {
            var evidence = LLMEvidence(comparison: report)
            evidence.failingInputs = try llmFailingInputs(options, versions: [a, b])
            return evidence
        }
        noteUnavailable(report.llm, reportSaysIt: options.value("format") != "json" && options.value("output") == nil)
        try Console.emit(options.value("format") == "json" ? report.jsonText() : report.text(), to: options.value("output"))
        return .success
    }
}
