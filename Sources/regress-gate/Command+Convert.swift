import RegressionKit

extension Commands {
    /// `regress-gate convert`: the step records read from `--logs`, as failure-forensics JSONL.
    static func runConvert(_ options: ParsedOptions) throws -> ExitCode {
        let (text, summary) = try LogConversion.failureForensicsLines(
            options.list("logs").map(LogSource.init(argument:)), reading: try options.logReading(), onBadLine: Console.badLine)
        Console.noteSplitRuns(summary, scope: options.runScope)
        try Console.emit(text, to: options.value("output"))
        if let output = options.value("output") {
            Console.err("wrote \(summary.records) step record\(summary.records == 1 ? "" : "s") to \(output)")
        }
        return .success
    }
}
