// Part 3 of verdict-quality: a gate checked again and again as candidate runs accrue.
import RegressionKit

/// How often each way of checking ever says REGRESSION_DETECTED (and WARNING or worse) by 400 and
/// by 1,000 candidate runs, against a fixed baseline of 1,000 runs failing 15 %: `sequential` and
/// `statistical` checked after every 25 candidate runs, and `statistical` checked once.
func sequentialTables(sequences: Int) {
    let baselineRuns = 1000, p0 = 0.15, step = 25, last = 1000
    print("Checked again and again: a fixed baseline of \(baselineRuns) runs failing 15 %; candidate runs accrue and the gate")
    print("is checked after every \(step) (\(sequences) seeded sequences per row; \"once\" is a single check at that many runs)\n")
    let widths = [38, 12, 12, 12, 12]
    print(row(["", "by 400 runs", "", "by 1,000 runs", ""], widths))
    print(row(["candidate, how checked", "REGRESSION", "WARNING+", "REGRESSION", "WARNING+"], widths))
    var rng = SplitMix64(state: 20261206)
    for (label, p1) in [("same 15 %", 0.15), ("+5 pp (20 %)", 0.20), ("+10 pp (25 %)", 0.25)] {
        // [way][by400 regression, by400 warning+, by1000 regression, by1000 warning+]
        var counts = [[Int]](repeating: [0, 0, 0, 0], count: 3)
        for _ in 0..<sequences {
            var x0 = 0
            for _ in 0..<baselineRuns where Double.random(in: 0..<1, using: &rng) < p0 { x0 += 1 }
            let baseline = GatePower.singleStep(version: "baseline", runs: baselineRuns, failures: x0)
            var failures = 0
            var worst: [Verdict] = [.pass, .pass]   // sequential, statistical: worst verdict so far
            for n in 1...last {
                if Double.random(in: 0..<1, using: &rng) < p1 { failures += 1 }
                guard n % step == 0 else { continue }
                let candidate = GatePower.singleStep(version: "candidate", runs: n, failures: failures)
                for (way, policy) in [GatePolicy.sequential(), .statistical()].enumerated() where worst[way] != .regressionDetected {
                    worst[way] = max(worst[way], Gate.evaluate(baseline: baseline, candidate: candidate, policy: policy).verdict)
                }
                if n == 400 || n == last {
                    let once = Gate.evaluate(baseline: baseline, candidate: candidate, policy: .statistical()).verdict
                    let offset = n == 400 ? 0 : 2
                    for (way, verdict) in [worst[0], worst[1], once].enumerated() {
                        if verdict == .regressionDetected { counts[way][offset] += 1 }
                        if verdict >= .warning { counts[way][offset + 1] += 1 }
                    }
                }
            }
        }
        let s = Double(sequences)
        for (way, name) in ["sequential, every 25", "statistical, every 25", "statistical, once"].enumerated() {
            print(row(["\(label): \(name)"] + counts[way].map { pct(Double($0) / s) }, widths))
        }
    }
    print()
}
