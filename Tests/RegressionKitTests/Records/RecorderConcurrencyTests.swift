import Foundation
import Testing
@testable import RegressionKit

/// Many writers, one log: every line must parse and none may be missing or doubled.
@Suite("Recorder under concurrency")
struct RecorderConcurrencyTests {
    /// Reads `path` and returns each version's `output_summary` values, failing on any bad line.
    func outputs(of path: String) throws -> [String: [String]] {
        var outputs: [String: [String]] = [:]
        let summary = try LogReader(sources: [.file(path)]).read { outputs[$0.promptVersion, default: []].append($0.outputSummary ?? "") }
        #expect(summary.badLines == 0 && summary.emptyLines == 0)
        return outputs
    }

    func expected(tasks: Int, steps: Int) -> Set<String> {
        Set((0..<tasks).flatMap { t in (0..<steps).map { "\(t)-\($0)" } })
    }

    @Test func sixteenTasksRecordingTenThousandStepsEachLoseNoLine() async throws {
        let path = temporaryDirectory().appendingPathComponent("requests.jsonl").path
        let recorder = try Recorder(version: "v2", appendingTo: path)
        let tasks = 16, steps = 10_000
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for step in 0..<steps {
                        recorder.run(input: "query \(step % 120) — ü👨‍👩‍👧") { run in
                            run.step("generation") { "\(task)-\(step)" }
                        }
                    }
                }
            }
        }
        #expect(recorder.logError == nil)
        let lines = try #require(try outputs(of: path)["v2"])
        #expect(lines.count == tasks * steps)
        #expect(Set(lines) == expected(tasks: tasks, steps: steps))
        // Memory and file agree, in the same order.
        #expect(recorder.records.map { $0.outputSummary ?? "" } == lines)
    }

    @Test func threadsWithTheirOwnRecordersShareOneFile() throws {
        let path = temporaryDirectory().appendingPathComponent("requests.jsonl").path
        let threads = 8, steps = 5_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let recorder = try! Recorder(version: "v2", appendingTo: path, keepsRecords: false)
            for step in 0..<steps {
                recorder.run { $0.record("s", success: true, output: "\(thread)-\(step)") }
            }
        }
        let lines = try #require(try outputs(of: path)["v2"])
        #expect(lines.count == threads * steps)
        #expect(Set(lines) == expected(tasks: threads, steps: steps))
    }

    @Test func processesAppendingToOneFileLoseNoLine() throws {
        let path = temporaryDirectory().appendingPathComponent("requests.jsonl").path
        let processes = 4, tasks = 4, steps = 2_500
        let helper = helperURL("record-appender")
        let running = try (0..<processes).map { n in
            let process = Process()
            process.executableURL = helper
            process.arguments = [path, "p\(n)", "\(tasks)", "\(steps)"]
            try process.run()
            return process
        }
        for process in running { process.waitUntilExit() }
        #expect(running.map(\.terminationStatus) == Array(repeating: 0, count: processes))
        let byVersion = try outputs(of: path)
        for n in 0..<processes {
            let lines = byVersion["p\(n)"] ?? []
            #expect(lines.count == tasks * steps, "process p\(n)")
            #expect(Set(lines) == expected(tasks: tasks, steps: steps), "process p\(n)")
        }
    }
}

/// A helper executable built beside the test bundle (or in .build/debug).
func helperURL(_ name: String) -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/\(name)")
}
