import RegressionKit

extension Commands {
    /// `regress-gate simulate`.
    static func runSimulate(_ options: ParsedOptions) throws -> ExitCode {
        let simulator = try simulator(options)
        let path = options.value("out")!
        let summary = try simulator.write(to: path)
        try Console.out(describe(simulator, summary, path: path))
        return .success
    }

    static func simulator(_ options: ParsedOptions) throws -> LogSimulator {
        guard let seedText = options.value("seed"), let seed = UInt64(seedText) else {
            throw UsageError.invalidValue(options.value("seed") ?? "", for: "seed", expected: .integer(atLeast: 0), command: "simulate")
        }
        var simulator = LogSimulator(seed: seed)
        simulator.versions = options.value("versions")!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !simulator.versions.isEmpty, !simulator.versions.contains(""), Set(simulator.versions).count == simulator.versions.count else {
            throw UsageError(message: "--versions needs distinct, non-empty names separated by commas, e.g. v1,v2,v3", command: "simulate")
        }
        simulator.runsPerVersion = try options.count("runs") ?? 100
        simulator.startDay = try options.day("start") ?? simulator.startDay
        simulator.days = try options.count("days") ?? 7
        simulator.anomalyDay = try options.day("anomaly-day")
        return simulator
    }

    static func describe(_ s: LogSimulator, _ summary: LogSimulator.Summary, path: String) -> String {
        let last = s.startDay.advanced(by: s.days - 1)
        let anomaly = s.anomalyDay.map { ", anomaly on \($0)" } ?? ""
        return "wrote \(path): \(summary.records) records (\(summary.failedRecords) failed) of \(summary.runs) runs, versions \(s.versions.joined(separator: ", ")), \(s.startDay) to \(last)\(anomaly), seed \(s.seed)\n"
    }
}
