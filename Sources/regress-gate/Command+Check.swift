import RegressionKit

extension Commands {
    /// `regress-gate check`: exit 0 PASS/WARNING, 1 REGRESSION_DETECTED, 2 on any broken input.
    static func runCheck(_ options: ParsedOptions) throws -> ExitCode {
        let policy = try GatePolicy.load(options.value("policy")!)
        let report = try GateCheck.run(
            baselinePath: options.value("baseline")!,
            sources: options.list("logs").map(LogSource.init(argument:)),
            candidate: options.value("candidate")!,
            policy: policy,
            maxBadLines: try options.count("max-bad-lines") ?? 0,
            onBadLine: Console.badLine)
        let text: String
        switch options.value("format")! {
        case "json": text = report.jsonText()
        case "markdown": text = report.markdown()
        default: text = report.text()
        }
        try Console.emit(text, to: options.value("output"))
        switch report.result.verdict {
        case .regressionDetected: return .regression
        case .warning where options.value("fail-on") == "warning": return .regression
        default: return .success
        }
    }
}
