import Foundation
@testable import RegressionKit

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Absolute path of a file under `fixtures/`.
func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("fixtures/\(path)").path }

/// Parses one log line given as text.
func parseLine(_ text: String) throws(LogLineProblem) -> StepRecord {
    try LogLineParser.parse(Array(text.utf8))
}

/// A fresh temporary directory.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("regressionkit-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Records for `runs` runs of one version, `failing` of which fail at `failingStep`.
func records(version: String, runs: Int, failing: Int, steps: [String] = ["retrieval", "generation"], failingStep: String = "generation") -> [StepRecord] {
    var out: [StepRecord] = []
    for r in 0..<runs {
        for step in steps {
            let fails = r < failing && step == failingStep
            out.append(StepRecord(runID: "\(version)-\(r)", stepName: step, success: !fails, promptVersion: version,
                                  errorType: fails ? "timeout" : nil, latencyMS: Double(100 + r), inputSummary: "case \(r)"))
        }
    }
    return out
}

/// Statistics of `records` for `version`.
func stats(_ records: [StepRecord], _ version: String) -> VersionStats {
    var accumulator = StatsAccumulator()
    records.forEach { accumulator.add($0) }
    return accumulator.stats(for: version)!
}
