import RegressionKit

extension Commands {
    /// `regress-gate calibrate`: the A/A test of a policy on a version's own runs.
    static func runCalibrate(_ options: ParsedOptions) throws -> ExitCode {
        let version = options.value("version")!
        guard let seedText = options.value("seed"), let seed = UInt64(seedText) else {
            throw UsageError.invalidValue(options.value("seed") ?? "", for: "seed", expected: .integer(atLeast: 0), command: "calibrate")
        }
        let splits = try options.count("splits") ?? 200
        let policy = try GatePolicy.load(options.value("policy")!)
        var records: [StepRecord] = []
        let summary = try Console.readingLogs { onProgress in
            try GateCalibration.read(options.list("logs").map(LogSource.init(argument:)), version: version,
                                     reading: try options.logReading(),
                                     onBadLine: Console.badLine, onProgress: onProgress) { records.append($0) }
        }
        Console.noteSplitRuns(summary, scope: options.runScope)
        let cases = GateCalibration.caseRuns(records)
        guard cases.count >= 2 else {
            throw UsageError(message: "\(version) has \(cases.count) case in the logs; calibrate splits the cases in two, so it needs at least 2 (log more runs, or runs with distinct case_id or input_summary)", command: "calibrate")
        }
        let calibration = GateCalibration(caseRuns: cases, version: version, policy: policy, splits: splits, seed: seed)
        let report = CalibrationReport(calibration, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        return .success
    }
}
