// verdict-quality: how often each policy cries wolf, and how often it catches a real regression.
//
// Run: scripts/verdict-quality [--looks-only] [sequences]
//      (release build; a few minutes on 2 cores; sequences for part 3, default 1000;
//      --looks-only prints part 3 alone)
//
// Part 1 is exact (every pair of binomial failure counts judged by the policy itself, through
// RegressionKit's GatePower); part 2 simulates multi-step and paired pipelines (seeded, so the
// figures repeat) and judges them with Gate.evaluate on statistics built from StepRecords.
import Foundation
import RegressionKit

func pct(_ x: Double) -> String { String(format: "%5.1f %%", x * 100) }

func row(_ cells: [String], _ widths: [Int]) -> String {
    zip(cells, widths).map { $0.count >= $1 ? $0 : String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
}

let policies: [(String, GatePolicy)] = [("thresholds", .thresholds()), ("statistical", .statistical())]
let widths = [9, 12, 12, 12, 12]
let header = row(["runs/side", "thresholds", "", "statistical", ""], widths) + "\n" + row(["", "REGRESSION", "WARNING+", "REGRESSION", "WARNING+"], widths)

func exactTable(_ title: String, p0: Double, p1: Double, sizes: [Int]) {
    print(title)
    print(header)
    for n in sizes {
        var cells = ["\(n)"]
        for (_, policy) in policies {
            let p = GatePower.verdictProbabilities(policy: policy, baselineFailureRate: p0, candidateFailureRate: p1, runsPerSide: n)
            let regression = p[.regressionDetected] ?? 0
            cells += [pct(regression), pct(regression + (p[.warning] ?? 0))]
        }
        print(row(cells, widths))
    }
    print()
}

let arguments = CommandLine.arguments.dropFirst()
let looksOnly = arguments.contains("--looks-only")
let sequenceCount = arguments.compactMap { Int($0) }.first ?? 1000

let sizes = [20, 50, 100, 200, 400, 1000, 2000]
if !looksOnly {
print("verdict-quality: single-step pipeline, independent runs, exact (GatePower)\n")
exactTable("False alarms: both versions fail 15 % of runs", p0: 0.15, p1: 0.15, sizes: sizes)
exactTable("Power: a real +10 pp regression (15 % -> 25 %)", p0: 0.15, p1: 0.25, sizes: sizes)
exactTable("Power: a real +5 pp regression (15 % -> 20 %)", p0: 0.15, p1: 0.20, sizes: sizes)

}

// MARK: Simulation

/// SplitMix64: a small, seeded generator so the figures repeat run to run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A version's statistics: `runs` runs of a 4-step pipeline, each step failing with `rates[step]`
/// (a failed step ends the run). With `caseDifficulty`, run i is case i and fails more when hard.
func simulate(_ version: String, runs: Int, rates: [Double], difficulty: [Double]?, repeats: Int = 1, rng: inout SplitMix64) -> VersionStats {
    let steps = ["retrieval", "reranking", "generation", "citation"]
    var accumulator = StatsAccumulator()
    for r in 0..<runs {
        for (i, step) in steps.enumerated() where i < rates.count {
            var p = rates[i]
            if let difficulty { p = min(1, p * difficulty[r / repeats]) }
            let ok = Double.random(in: 0..<1, using: &rng) >= p
            accumulator.add(StepRecord(runID: "\(version)-\(r)", stepName: step, success: ok, promptVersion: version,
                                       inputSummary: difficulty == nil ? nil : "case \(r / repeats)"))
            if !ok { break }
        }
    }
    return accumulator.stats(for: version)!
}

func simulatedTable(_ title: String, runs: [Int], replications: Int, base: [Double], candidate: [Double], paired: Bool, repeats: Int = 1) {
    print(title)
    print(header)
    var rng = SplitMix64(state: 20261129)
    for n in runs {
        var counts = [[Int]](repeating: [0, 0], count: policies.count)
        for _ in 0..<replications {
            // Paired: the same cases on both sides; a case's difficulty (0.2x to 3x) is shared.
            let difficulty: [Double]? = paired ? (0..<(n + repeats - 1) / repeats).map { _ in [0.2, 0.5, 1, 1, 1.5, 3][Int.random(in: 0..<6, using: &rng)] } : nil
            let b = simulate("b", runs: n, rates: base, difficulty: difficulty, repeats: repeats, rng: &rng)
            let c = simulate("c", runs: n, rates: candidate, difficulty: difficulty, repeats: repeats, rng: &rng)
            for (k, (_, policy)) in policies.enumerated() {
                let v = Gate.evaluate(baseline: b, candidate: c, policy: policy).verdict
                if v == .regressionDetected { counts[k][0] += 1 }
                if v >= .warning { counts[k][1] += 1 }
            }
        }
        let r = Double(replications)
        print(row(["\(n)"] + counts.flatMap { [pct(Double($0[0]) / r), pct(Double($0[1]) / r)] }, widths))
    }
    print()
}

let reps = 1000
if !looksOnly {
print("Simulated (\(reps) replications per row, seeded): 4-step pipelines, a failed step ends the run\n")
simulatedTable("False alarms: 4 steps each failing 5 %, both versions equal", runs: [20, 100, 400, 2000], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.05], paired: false)
simulatedTable("Power: citation alone 5 % -> 15 % (the overall rate moves less)", runs: [100, 400, 1000], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.15], paired: false)
simulatedTable("Paired: same cases both sides, hard cases fail more; citation 5 % -> 10 %", runs: [100, 400, 1000], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.10], paired: true)
simulatedTable("Paired false alarms: same cases, both versions equal", runs: [100, 400, 1000], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.05], paired: true)
simulatedTable("Paired false alarms, cases repeated 3 times per side (clustered), both versions equal", runs: [30, 60, 150, 600], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.05], paired: true, repeats: 3)
simulatedTable("Paired power, cases repeated 3 times per side (clustered): citation 5 % -> 15 %", runs: [60, 150, 600], replications: reps,
               base: [0.05, 0.05, 0.05, 0.05], candidate: [0.05, 0.05, 0.05, 0.15], paired: true, repeats: 3)
}

sequentialTables(sequences: sequenceCount)
stableYearTable(years: 20)
