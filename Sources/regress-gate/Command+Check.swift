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
        return exitCode(for: report.result.verdict, failOn: options.value("fail-on"))
    }

    /// 1 on REGRESSION_DETECTED; with `--fail-on warning` also on WARNING; with
    /// `--fail-on insufficient` also on WARNING and INSUFFICIENT_DATA. Else 0.
    static func exitCode(for verdict: Verdict, failOn: String?) -> ExitCode {
        let threshold: Verdict
        switch failOn {
        case "warning": threshold = .warning
        case "insufficient": threshold = .insufficientData
        default: threshold = .regressionDetected
        }
        return verdict >= threshold ? .regression : .success
    }
}
