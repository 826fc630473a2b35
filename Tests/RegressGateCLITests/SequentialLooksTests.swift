import Foundation
import Testing

/// The `sequential` policy through the built tool, checked again and again as candidate runs
/// accrue, and `calibrate` on logs whose runs are independent and on logs that drift.
@Suite("Looking again: sequential gating and A/A calibration")
struct SequentialLooksTests {
    /// SplitMix64, so the logs (and the figures) repeat run to run.
    struct Generator {
        var state: UInt64
        mutating func unit() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
        }
    }

    /// One-step runs of `version`, run i failing with probability `rate(i)`, each its own case,
    /// timestamped a minute apart in log order.
    static func lines(_ version: String, runs: Range<Int>, rate: (Int) -> Double, rng: inout Generator) -> String {
        var out = ""
        for i in runs {
            let ok = rng.unit() >= rate(i)
            let minute = i % 60, hour = (i / 60) % 24, day = 1 + i / 1440
            let stamp = String(format: "2026-11-%02dT%02d:%02d:00Z", day, hour, minute)
            out += #"{"timestamp": "\#(stamp)", "run_id": "\#(version)-\#(i)", "step_name": "answer", "input_summary": "\#(version) case \#(i)", "success": \#(ok), "prompt_version": "\#(version)"}"# + "\n"
        }
        return out
    }

    /// A snapshot of `runs` baseline runs failing 15 %, in `dir`.
    static func baseline(in dir: URL, runs: Int, seed: UInt64) throws -> String {
        var rng = Generator(state: seed)
        let logs = dir.appendingPathComponent("baseline.jsonl")
        try lines("base", runs: 0..<runs, rate: { _ in 0.15 }, rng: &rng).write(to: logs, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("baseline.json").path
        let made = try gate(["baseline", "update", "--logs", logs.path, "--version", "base", "--baseline", path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// For each of `sequences` candidates failing `rate`, the verdicts of `check` after every
    /// batch of `batch` runs (the logs so far, one file per batch), up to `runs`: whether any said
    /// REGRESSION_DETECTED.
    static func everRegressed(policy: String, baselinePath: String, rate: Double, sequences: Int, batch: Int, runs: Int,
                              dir: URL, seed: UInt64) throws -> Int {
        var rng = Generator(state: seed)
        var regressed = 0
        for s in 0..<sequences {
            var files: [String] = []
            for start in stride(from: 0, to: runs, by: batch) {
                let file = dir.appendingPathComponent("seq\(s)-\(start).jsonl")
                try lines("cand", runs: start..<(start + batch), rate: { _ in rate }, rng: &rng).write(to: file, atomically: true, encoding: .utf8)
                files.append(file.path)
                let run = try gate(["check", "--baseline", baselinePath, "--logs"] + files + ["--candidate", "cand", "--policy", policy, "--format", "json", "--allow-case-set-change"])   // each version runs its own cases
                #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
                if try json(run.stdout)["verdict"] as? String == "REGRESSION_DETECTED" {
                    regressed += 1
                    break
                }
            }
        }
        return regressed
    }

    @Test("A/A: checked after every 100 runs, sequential never cries wolf in more than alpha of sequences")
    func noFalseAlarmsOverLooks() throws {
        let dir = temporaryDirectory()
        let baseline = try Self.baseline(in: dir, runs: 600, seed: 11)
        let wolves = try Self.everRegressed(policy: "sequential", baselinePath: baseline, rate: 0.15, sequences: 30, batch: 100, runs: 600, dir: dir, seed: 12)
        // alpha 0.05 of 30 sequences is 1.5; 4 or more would be the 5 % tail of Binomial(30, 0.05).
        #expect(wolves <= 3, "\(wolves) of 30 A/A sequences ever said REGRESSION_DETECTED")
    }

    @Test("A real +10 pp regression is caught by 1,000 runs in most sequences")
    func catchesRealRegressions() throws {
        let dir = temporaryDirectory()
        let baseline = try Self.baseline(in: dir, runs: 1000, seed: 21)
        let caught = try Self.everRegressed(policy: "sequential", baselinePath: baseline, rate: 0.25, sequences: 10, batch: 250, runs: 1000, dir: dir, seed: 22)
        #expect(caught >= 6, "only \(caught) of 10 sequences failing 25 % against 15 % were caught by 1,000 runs")
    }

    @Test("An undecided rate says how many candidate runs would settle it")
    func undecidedSaysHowManyRuns() throws {
        let dir = temporaryDirectory()
        let baseline = try Self.baseline(in: dir, runs: 600, seed: 31)
        var rng = Generator(state: 32)
        let logs = dir.appendingPathComponent("cand.jsonl")
        try Self.lines("cand", runs: 0..<60, rate: { _ in 0.15 }, rng: &rng).write(to: logs, atomically: true, encoding: .utf8)
        let run = try gate(["check", "--baseline", baseline, "--logs", logs.path, "--candidate", "cand", "--policy", "sequential", "--format", "json", "--allow-case-set-change"])
        let report = try json(run.stdout)
        #expect(report["verdict"] as? String == "INSUFFICIENT_DATA")
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["design"] as? String == "sequential")
        let needed = try #require(overall["candidate_runs_needed"] as? Int)
        #expect(needed > 60 && needed < 5000, "\(needed)")
        let text = try gate(["check", "--baseline", baseline, "--logs", logs.path, "--candidate", "cand", "--policy", "sequential", "--allow-case-set-change"]).stdout
        #expect(text.contains("candidate runs would settle it"), "\(text)")
        #expect(text.contains("alpha 0.05 over every look"), "\(text)")
    }

    /// `calibrate --format json` on `logs`.
    static func calibrate(_ logs: URL, policy: String = "statistical", splits: Int = 100, seed: Int = 1) throws -> [String: Any] {
        let run = try gate(["calibrate", "--logs", logs.path, "--version", "v", "--policy", policy, "--splits", "\(splits)", "--seed", "\(seed)", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try json(run.stdout)
    }

    @Test("calibrate: independent runs give almost no false alarms; runs that drift give many")
    func calibrateSeesDrift() throws {
        let dir = temporaryDirectory()
        var rng = Generator(state: 41)
        let steady = dir.appendingPathComponent("steady.jsonl"), drifting = dir.appendingPathComponent("drifting.jsonl")
        try Self.lines("v", runs: 0..<600, rate: { _ in 0.15 }, rng: &rng).write(to: steady, atomically: true, encoding: .utf8)
        try Self.lines("v", runs: 0..<600, rate: { 0.05 + 0.30 * Double($0) / 600 }, rng: &rng).write(to: drifting, atomically: true, encoding: .utf8)
        for policy in ["statistical", "sequential"] {
            let calm = try Self.calibrate(steady, policy: policy)
            let calmRate = try #require((calm["false_alarm_rate"] as? [String: Any])?["rate"] as? Double)
            #expect(calmRate <= 0.05, "\(policy): \(calm)")
            #expect(calm["too_many_false_alarms"] as? Bool == false)
            #expect(calm["splits"] as? Int == 100)
            // sequential's wider bounds need a larger drift than this one to cry wolf.
            guard policy == "statistical" else { continue }
            let drift = try Self.calibrate(drifting, policy: policy)
            let driftRate = try #require((drift["false_alarm_rate"] as? [String: Any])?["rate"] as? Double)
            #expect(driftRate >= 0.2, "\(policy): \(drift)")
            #expect(drift["too_many_false_alarms"] as? Bool == true)
        }
        let text = try gate(["calibrate", "--logs", drifting.path, "--version", "v", "--splits", "50"])
        #expect(text.status == 0)
        #expect(text.stdout.replacingOccurrences(of: "\n", with: " ").contains("not independent in a way the statistical policy does not model"), "\(text.stdout)")
        #expect(text.stdout.replacingOccurrences(of: "\n", with: " ").contains("Pair the versions by case"), "\(text.stdout)")
    }

    @Test("calibrate repeats itself for a seed, and refuses a version with one case")
    func calibrateIsSeeded() throws {
        let dir = temporaryDirectory()
        var rng = Generator(state: 51)
        let logs = dir.appendingPathComponent("logs.jsonl")
        try Self.lines("v", runs: 0..<200, rate: { _ in 0.2 }, rng: &rng).write(to: logs, atomically: true, encoding: .utf8)
        let once = try gate(["calibrate", "--logs", logs.path, "--version", "v", "--splits", "30", "--seed", "5"])
        let again = try gate(["calibrate", "--logs", logs.path, "--version", "v", "--splits", "30", "--seed", "5"])
        #expect(once.status == 0 && once.stdout == again.stdout)
        let lone = dir.appendingPathComponent("lone.jsonl")
        try #"{"run_id": "r1", "step_name": "a", "success": true, "prompt_version": "v"}"#.appending("\n").write(to: lone, atomically: true, encoding: .utf8)
        let refused = try gate(["calibrate", "--logs", lone.path, "--version", "v"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("at least 2"), "\(refused.stderr)")
    }
}
