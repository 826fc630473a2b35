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
        let environment = ProcessInfo.processInfo.environment
        let format = GateReportFormat(rawValue: options.value("format")!)!
        var requests = try reportRequests(options.list("report"))
        if let output = options.value("output") { requests.insert(ReportRequest(format: format, path: output), at: 0) }
        try rejectSharedFiles(requests, inputs: [options.value("baseline")!] + options.list("logs").filter { $0 != "-" })
        let failOn = failThreshold(options.value("fail-on"))
        let writer = ReportWriter(stepSummaryPath: environment["GITHUB_STEP_SUMMARY"])
        let inActions = environment["GITHUB_ACTIONS"] == "true"
        let annotate = inActions && format != .github   // --format github prints them on stdout already

        let report: GateReport
        do {
            let policy = try GatePolicy.load(options.value("policy")!)
            report = try Console.readingLogs { onProgress in
                try GateCheck.run(
                    baselinePath: options.value("baseline")!,
                    sources: options.list("logs").map(LogSource.init(argument:)),
                    candidate: options.value("candidate")!,
                    policy: policy,
                    maxBadLines: try options.count("max-bad-lines") ?? 0, runScope: options.runScope,
                    onBadLine: Console.badLine, onProgress: onProgress)
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
        return exitCode(for: report.result.verdict, failOn: options.value("fail-on"))
    }

    /// `--report FORMAT=PATH` values as requests; a usage error names the bad one.
    static func reportRequests(_ values: [String]) throws(UsageError) -> [ReportRequest] {
        let names = GateReportFormat.all.map(\.rawValue)
        return try values.map { value throws(UsageError) in
            guard let eq = value.firstIndex(of: "=") else {
                throw UsageError(message: "invalid value '\(value)' for '--report': expected FORMAT=PATH, e.g. junit=gate.xml (formats: \(names.joined(separator: ", ")))", command: "check")
            }
            let name = String(value[..<eq]), path = String(value[value.index(after: eq)...])
            guard let format = GateReportFormat(rawValue: name) else {
                let near = closestMatch(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError(message: "unknown report format '\(name)' in '--report \(value)': expected one of \(names.joined(separator: ", "))\(near)", command: "check")
            }
            guard !path.isEmpty else {
                throw UsageError(message: "missing file in '--report \(value)': expected \(name)=PATH", command: "check")
            }
            return ReportRequest(format: format, path: path)
        }
    }

    /// Two reports to one file would overwrite each other, and a report over the baseline or a
    /// log would destroy an input: usage errors. Paths are compared with symbolic links followed,
    /// since a report is written through a link to its target.
    static func rejectSharedFiles(_ requests: [ReportRequest], inputs: [String]) throws(UsageError) {
        var seen: [String: ReportRequest] = [:]
        func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        let inputKeys = Set(inputs.map(key))
        for request in requests {
            let key = key(request.path)
            if inputKeys.contains(key) {
                throw UsageError(message: "'\(request.path)' is an input of this check (the baseline or a log); write the \(request.format) report to another file", command: "check")
            }
            if let earlier = seen[key] {
                throw UsageError(message: "'\(request.path)' is named for two reports (\(earlier.format) and \(request.format)); give each its own file", command: "check")
            }
            seen[key] = request
        }
    }

    /// The least severe verdict that fails, from `--fail-on`.
    static func failThreshold(_ failOn: String?) -> Verdict {
        switch failOn {
        case "warning": return .warning
        case "insufficient": return .insufficientData
        default: return .regressionDetected
        }
    }

    /// 1 on REGRESSION_DETECTED; with `--fail-on warning` also on WARNING; with
    /// `--fail-on insufficient` also on WARNING and INSUFFICIENT_DATA. Else 0.
    static func exitCode(for verdict: Verdict, failOn: String?) -> ExitCode {
        verdict.fails(at: failThreshold(failOn)) ? .regression : .success
    }
}
