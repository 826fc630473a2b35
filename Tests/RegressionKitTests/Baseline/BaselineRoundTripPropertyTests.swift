import Foundation
import Testing
@testable import RegressionKit

/// `baseline update` then `check`'s reader, for generated logs full of extreme values: every
/// update either writes a file that reads back as the very snapshot made, or is refused before
/// anything is written, naming the record whose value no baseline can hold.
@Suite("Baseline update reads back (property)")
struct BaselineRoundTripPropertyTests {
    /// Latencies at and around every edge: zero, subnormal, the zero bin's edge, ordinary; and,
    /// rarely (a sketch from 1 µs to 1e300 ms has 35,000 bins), up to the largest a baseline
    /// holds, and (more rarely, so that most logs can be frozen) beyond it.
    static let latencies: [Double?] = [nil, 0, 5e-324, 1e-300, 1e-3, 1e-3.nextUp, 0.5, 1, 12.34, 999.99, 1e6]
    static let huge: [Double] = [1e15, 1e200, BaselineSnapshot.maxLatencyMS.nextDown, BaselineSnapshot.maxLatencyMS]
    static let tooLong: [Double] = [BaselineSnapshot.maxLatencyMS.nextUp, 1e301, 1e307, 1e308, .greatestFiniteMagnitude]
    /// Names and keys: empty-ish, control characters, quotes and backslashes, both Unicode
    /// normalizations of one text, emoji, bidi overrides, long ones.
    static let names = [
        "s", "retrieval", "caf\u{E9}", "cafe\u{301}", "a\"b\\c", "line\nbreak\t\u{0}\u{1F}\u{7F}", "\u{202E}evil",
        "👨‍👩‍👧‍👦", "日本語", String(repeating: "x", count: 300), " ", "::warning::x",
    ]
    static let timestamps: [String?] = [
        nil, "", "2026-11-01T08:00:00+00:00", "2026-11-02T23:59:59.999999-05:00", "2026-02-30T00:00:00Z",
        "2026-11-10", "not a time", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
    ]

    func generatedLog(seed: UInt64) -> [StepRecord] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let stepCount = 1 + Int(rng.next() % (seed % 7 == 0 ? 40 : 5))   // sometimes past the 32 steps of a run's bitmask
        let steps = (0..<stepCount).map { i in i < Self.names.count && rng.next() % 2 == 0 ? Self.names[i] : "step\(i)" }
        var records: [StepRecord] = []
        for _ in 0..<(1 + Int(rng.next() % 60)) {
            let run = rng.next() % 4 == 0 ? pick(Self.names) : "r\(rng.next() % 25)"   // runs recur, some interleaved
            let version = rng.next() % 5 == 0 ? "other" : "v"
            let success = rng.next() % 3 != 0
            records.append(StepRecord(
                runID: run.isEmpty ? "r" : run, stepName: pick(steps), success: success, promptVersion: version,
                errorType: success ? nil : pick([nil, "", "timeout", "caf\u{E9}", "cafe\u{301}", "\u{0}"]),
                latencyMS: rng.next() % 100 == 0 ? pick(Self.tooLong) : rng.next() % 60 == 0 ? pick(Self.huge) : pick(Self.latencies), tokenCount: pick([nil, 0, 1, Int.max, Int.min]),
                inputSummary: pick([nil, ""] + Self.names), timestamp: pick(Self.timestamps),
                caseID: pick([nil, nil, "", "case-1"] + Self.names)))
        }
        if !records.contains(where: { $0.promptVersion == "v" }) { records[0].promptVersion = "v" }
        return records
    }

    @Test func updateThenReadGivesTheSnapshotOrNamesTheRecord() throws {
        let dir = temporaryDirectory()
        var written = 0, refused = 0
        for seed in UInt64(1)...200 {
            let records = generatedLog(seed: seed)
            let log = dir.appendingPathComponent("log-\(seed).jsonl").path
            try records.map { $0.jsonLine + "\n" }.joined().write(toFile: log, atomically: false, encoding: .utf8)
            let path = dir.appendingPathComponent("b-\(seed).json").path
            let tooSlow = records.firstIndex { $0.promptVersion == "v" && ($0.latencyMS ?? 0) > BaselineSnapshot.maxLatencyMS }
            do {
                let snapshot = try BaselineSnapshot.make(version: "v", from: [.file(log)])
                #expect(tooSlow == nil, "seed \(seed): a latency over the limit was accepted")
                try BaselineStore.save(snapshot, to: path)
                let read = try BaselineStore.load(path)
                #expect(read == snapshot, "seed \(seed)")
                #expect(read.jsonText() == snapshot.jsonText(), "seed \(seed)")
                written += 1
            } catch let error as BaselineLimitError {
                let line = try #require(tooSlow, "seed \(seed): \(error)") + 1
                #expect(error.source == log && error.line == line, "seed \(seed): \(error)")
                #expect(error.message.contains("is more than the 1e+300 ms a baseline holds"), "seed \(seed): \(error)")
                #expect(!FileManager.default.fileExists(atPath: path))
                refused += 1
            }
        }
        #expect(written > 100 && refused > 10, "\(written) written, \(refused) refused")   // both outcomes were exercised
    }

    /// A step name in two Unicode normalizations is one step: a run that logged both reached
    /// it once (it was counted twice, and the baseline could not be read back).
    @Test func oneStepNameInTwoSpellingsIsOneStepOfTheRun() throws {
        let records = [
            StepRecord(runID: "r1", stepName: "caf\u{E9}", success: true, promptVersion: "v"),
            StepRecord(runID: "r1", stepName: "cafe\u{301}", success: false, promptVersion: "v", errorType: "timeout"),
            StepRecord(runID: "r2", stepName: "cafe\u{301}", success: true, promptVersion: "v"),
        ]
        let s = stats(records, "v")
        #expect(s.stepOrder.count == 1)
        let step = try #require(s.steps["caf\u{E9}"])
        #expect((step.total, step.failed, step.runs, step.failedRuns) == (3, 1, 2, 1))
        let snapshot = BaselineSnapshot(stats: s, createdAt: "2026-11-29T21:00:00Z", source: .init(files: [], records: 3, versionRecords: 3, badLines: 0))
        #expect(try BaselineSnapshot(jsonBytes: Array(snapshot.jsonText().utf8), path: "b.json") == snapshot)
    }

    /// The last line of defence: bytes that do not read back never replace a baseline.
    @Test func aSnapshotThatDoesNotReadBackIsNotWritten() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("baseline.json").path
        try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
        var s = stats(records(version: "v", runs: 3, failing: 1), "v")
        s.failedRuns = 2   // impossible: one run failed
        let snapshot = BaselineSnapshot(stats: s, createdAt: "2026-11-29T21:00:00Z", source: .init(files: [], records: 6, versionRecords: 6, badLines: 0))
        #expect {
            try BaselineStore.save(snapshot, to: path)
        } throws: { error in
            guard case .writeFailed(_, let reason)? = error as? BaselineError else { return false }
            return reason.hasPrefix("what was written would not read back (totals.failed_runs: impossible value: 2")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["baseline.json"])
    }
}
