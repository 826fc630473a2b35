import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate demo`: failure-forensics' guided tour, on simulated logs in a scratch folder.
    static func runDemo(_ options: ParsedOptions) throws -> ExitCode {
        guard let seed = UInt64(options.value("seed")!) else {
            throw UsageError.invalidValue(options.value("seed")!, for: "seed", expected: .integer(atLeast: 0), command: "demo")
        }
        let keep = options.value("dir")
        let folder = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("regress-gate-demo-\(UUID().uuidString)").path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let logs = folder + "/requests.jsonl", baseline = folder + "/baseline.json", candidates = folder + "/candidates.jsonl"
        let sources = [LogSource.file(logs)]
        var step = 0
        func section(_ title: String, _ command: String) throws {
            step += 1
            try Console.out("\n━━ \(step)/8 \(title)\n   $ regress-gate \(command)\n\n")
        }

        var simulator = LogSimulator(seed: seed)
        simulator.runsPerVersion = 300
        simulator.anomalyDay = simulator.startDay.advanced(by: simulator.days - 1)
        try section("Simulate a week of logs: v1 older, v2 better, v3 regressed, an outage on the last day",
                "simulate --out \(logs) --runs 300 --anomaly-day \(simulator.anomalyDay!) --seed \(seed)")
        try Console.out(describe(simulator, try simulator.write(to: logs), path: logs))

        try section("Freeze v2 as the baseline (commit this file)", "baseline update --logs \(logs) --version v2 --baseline \(baseline)")
        let snapshot = try BaselineSnapshot.make(version: "v2", from: sources)
        try BaselineStore.save(snapshot, to: baseline)
        try Console.out("wrote \(baseline): v2, \(snapshot.stats.runs) runs, \(snapshot.stats.failedRuns) failed\n")

        try section("Gate v3 against it (in CI this exits \(ExitCode.regression.rawValue) and blocks the deploy)", "check --baseline \(baseline) --logs \(logs) --candidate v3")
        let gate = try GateCheck.run(baselinePath: baseline, sources: sources, candidate: "v3")
        try Console.out(gate.text())

        try section("A/B report: did v2 really beat v1?", "compare --logs \(logs) --a v1 --b v2")
        let (ab, abInput) = try ABComparison.read(sources, a: "v1", b: "v2")
        try Console.out(ABReport(comparison: ab, input: abInput).text())

        try section("Why runs failed: root causes and what to do", "analyze --logs \(logs) --version v3")
        let (analysis, input) = try ForensicsAnalysis.read(sources)
        try Console.out(AnalysisReport(analysis: analysis, input: input, limit: 3, version: "v3", from: "v2", to: "v3").text())

        try section("Failing queries become eval-set candidates", "candidates --logs \(logs) --output \(candidates)")
        var file = try CandidatesFile.read(candidates)
        file.merge(EvalCandidates().collect(analysis.failedRuns))
        try file.write(to: candidates)
        try Console.out(String(CandidatesReport(path: candidates, file: file, input: input).text().split(separator: "\n", omittingEmptySubsequences: false).prefix(8).joined(separator: "\n")) + "\n  ...\n")

        try section("When it started: the daily failure rate and the anomaly", "trend --logs \(logs)")
        let (trend, trendInput) = try TrendAnalysis.read(sources)
        try Console.out(TrendReport(trend: trend, input: trendInput).text())

        try section("The dashboard", "dashboard --logs \(logs)")
        let (dashboard, _) = try Dashboard.read(sources)
        try Console.out(dashboard.render(color: useColor(options.value("color"))))

        try Console.out("\nDemo complete\(keep.map { ": files in \($0)" } ?? ""). Gate verdict for v3: \(gate.result.verdict.rawValue).\n")
        return .success
    }
}
