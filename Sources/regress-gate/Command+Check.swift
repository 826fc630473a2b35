import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate check`: exit 0 PASS/WARNING, 1 REGRESSION_DETECTED, 2 on any broken input
    /// or a report that could not be written.
    ///
    /// On broken input every requested report that can say so (all but JSON) is written as an
    /// error report before exiting 2, so a CI's test tab and step summary show why. When a report
    /// file cannot be written, the verdict is still printed and every other report written; the
    /// exit is 2, with the reason and the verdict on stderr.
    static func runCheck(_ options: ParsedOptions) throws -> ExitCode {
        try checkLLMOptions(options, rereadsLogs: true)
        let environment = ProcessInfo.processInfo.environment
        let format = GateReportFormat(rawValue: options.value("format")!)!
        var requests = try reportRequests(options.list("report"))
        if let output = options.value("output") { requests.insert(ReportRequest(format: format, path: output), at: 0) }
        do throws(ReportRequest.Collision) {
            try ReportRequest.checkFiles(requests, inputs: [options.value("baseline")!] + options.list("logs").filter { $0 != "-" } + [options.value("aggregates")].compactMap { $0 })
        } catch {
            throw UsageError(message: "\(error)", command: "check")
        }
        let failOn = options.value("fail-on").flatMap(Verdict.init(failOn:)) ?? .regressionDetected
        let writer = ReportWriter(stepSummaryPath: environment["GITHUB_STEP_SUMMARY"])
        let inActions = environment["GITHUB_ACTIONS"] == "true"
        let annotate = inActions && format != .github   // --format github prints them on stdout already

        let aggregatesPath = try aggregatesPath(options)
        var report: GateReport
        do {
            var policy = try GatePolicy.load(options.value("policy")!)
            if let path = options.value("must-pass") { policy = policy.requiring(mustPass: try MustPassList.load(path)) }
            if let day = try options.day("as-of") { policy = policy.judged(asOf: day) }
            if options.flag("allow-case-set-change") { policy = policy.allowingCaseSetChange() }
            if let aggregatesPath {
                report = try GateCheck.run(baselinePath: options.value("baseline")!, aggregatesPath: aggregatesPath,
                                           candidate: options.value("candidate")!, policy: policy)
            } else {
                report = try Console.readingLogs { onProgress in
                    try GateCheck.run(
                        baselinePath: options.value("baseline")!,
                        sources: options.list("logs").map(LogSource.init(argument:)),
                        candidate: options.value("candidate")!,
                        policy: policy,
                        reading: try options.logReading(),
                        onBadLine: Console.badLine, onProgress: onProgress)
                }
            }
        } catch {
            let failure = GateFailureReport(message: ErrorMessage.text(error), exitCode: ExitCode.inputError.rawValue,
                                            candidate: options.value("candidate"), baselinePath: options.value("baseline"))
            let unwritten = writer.write(requests) { $0.render(failure) }
            // A JSON report is a verdict: none is written for broken input, and a stale one from
            // an earlier run must not be left to be read as this run's.
            writer.removeStaleVerdicts(requests)
            if inActions || format == .github { Console.errRaw(failure.githubAnnotations()) }   // stdout stays empty
            unwritten.forEach { Console.err("error: \($0)") }
            throw error
        }

        Console.noteSplitRuns(report.input, scope: options.runScope)
        if !report.baselineHasProvenance {
            Console.err("note: \(options.value("baseline")!) was recorded before baselines kept their provenance: its models and case set are not compared (re-record it with 'regress-gate baseline update' to have them checked)")
        }
        // The model explains the verdict after it is decided; nothing below reads its answer.
        report.llm = try llmExplanation(options) { [report] in
            var evidence = LLMEvidence(gate: report)
            evidence.failingInputs = try llmFailingInputs(options, versions: [report.result.candidate.version])
            return evidence
        }
        noteUnavailable(report.llm, reportSaysIt: options.value("output") == nil && ["text", "markdown", "html"].contains(format.rawValue))
        // Every report that can be written is, and the verdict is printed whatever happened to
        // the files: a report that could not be written makes the exit 2, never hides the verdict.
        let unwritten = writer.write(requests) { $0.render(report, failOn: failOn) }
        let outputLost = options.value("output").map { output in unwritten.contains { $0.path == output } } ?? false
        if options.value("output") == nil || outputLost {   // the report --output could not take goes to stdout
            try Console.out(format.render(report, failOn: failOn, color: Console.stdoutIsColored))
        }
        if annotate { Console.errRaw(report.githubAnnotations(failOn: failOn)) }
        guard unwritten.isEmpty else {
            unwritten.forEach { Console.err("error: \($0)") }
            let files = unwritten.count == 1 ? "a report file" : "\(unwritten.count) report files"
            Console.err("error: the verdict is \(report.result.verdict.rawValue)\(outputLost ? " (the report is on stdout instead)" : ""), but \(files) could not be written; exit \(ExitCode.inputError.rawValue) until every report can be written (fix the path, or drop the --report)")
            return .inputError
        }
        return exitCode(for: report.result.verdict, failOn: failOn)
    }

    /// `--report FORMAT=PATH` values as requests; a usage error names the bad one.
    static func reportRequests(_ values: [String]) throws(UsageError) -> [ReportRequest] {
        try values.map { value throws(UsageError) in
            do throws(ReportRequest.SpecError) {
                return try ReportRequest(spec: value)
            } catch {
                throw UsageError(message: message(error), command: "check")
            }
        }
    }

    /// A bad `--report` value, said with the option's name.
    static func message(_ error: ReportRequest.SpecError) -> String {
        let names = GateReportFormat.all.map(\.rawValue).joined(separator: ", ")
        switch error {
        case .notFormatEqualsPath(let value):
            return "invalid value '\(value)' for '--report': expected FORMAT=PATH, e.g. junit=gate.xml (formats: \(names))"
        case .unknownFormat(let name, let value, let nearest):
            return "unknown report format '\(name)' in '--report \(value)': expected one of \(names)\(nearest.map { "; did you mean '\($0)'?" } ?? "")"
        case .missingPath(let name, let value):
            return "missing file in '--report \(value)': expected \(name)=PATH"
        }
    }

    /// 1 on REGRESSION_DETECTED; with `--fail-on warning` also on WARNING; with
    /// `--fail-on insufficient` also on WARNING and INSUFFICIENT_DATA. Else 0.
    static func exitCode(for verdict: Verdict, failOn: Verdict) -> ExitCode {
        verdict.fails(at: failOn) ? .regression : .success
    }
}
