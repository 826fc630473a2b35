import RegressionKit

extension Commands {
    /// `regress-gate baseline update`: freeze a version, write atomically, say what was written.
    static func runBaselineUpdate(_ options: ParsedOptions) throws -> ExitCode {
        let path = options.value("baseline")!
        let snapshot = try Console.readingLogs { onProgress in
            try BaselineSnapshot.make(
                version: options.value("version")!,
                from: options.list("logs").map(LogSource.init(argument:)),
                maxBadLines: try options.count("max-bad-lines") ?? 0,
                onBadLine: Console.badLine, onProgress: onProgress)
        }
        try BaselineStore.save(snapshot, to: path)
        if options.value("format") == "json" {
            try Console.out(BaselineUpdateReport(path: path, snapshot: snapshot).jsonText())
            return .success
        }
        let s = snapshot.stats
        try Console.out(VisibleText.diagnosticLine("wrote \(path): version \(s.version), \(s.runs) runs, \(s.totalSteps) steps, \(s.failedSteps) failed, \(s.stepOrder.count) step names, \(s.cases.count) cases"))   // one line, the version escaped
        return .success
    }

    /// `regress-gate baseline show`.
    static func runBaselineShow(_ options: ParsedOptions) throws -> ExitCode {
        let path = options.value("baseline")!
        let snapshot = try BaselineStore.load(path)
        try Console.out(options.value("format") == "json" ? snapshot.jsonText() : snapshot.text(path: path))
        return .success
    }
}
