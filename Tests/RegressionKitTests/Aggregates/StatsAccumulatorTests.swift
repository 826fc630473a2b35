import Foundation
import Testing
@testable import RegressionKit

@Suite("Per-version statistics")
struct StatsAccumulatorTests {
    @Test func countsRunsStepsFailuresAndCases() {
        // Run 1 fails at generation (citation not reached); run 2 passes; run 3 fails retrieval twice (a retry) then passes.
        let rows: [(String, String, Bool, String?)] = [
            ("r1", "retrieval", true, nil), ("r1", "generation", false, "timeout"),
            ("r2", "retrieval", true, nil), ("r2", "generation", true, nil), ("r2", "citation", true, nil),
            ("r3", "retrieval", false, "429"), ("r3", "retrieval", false, ""), ("r3", "retrieval", true, nil),
            ("r3", "generation", true, nil), ("r3", "citation", true, nil),
        ]
        var accumulator = StatsAccumulator()
        for (run, step, ok, error) in rows {
            accumulator.add(StepRecord(runID: run, stepName: step, success: ok, promptVersion: "v1", errorType: error,
                                       latencyMS: 10, inputSummary: run == "r3" ? "q1" : "q\(run)"))
        }
        accumulator.add(StepRecord(runID: "r1", stepName: "retrieval", success: true, promptVersion: "v2"))
        let v1 = accumulator.stats(for: "v1")!
        #expect(v1.totalSteps == 10 && v1.failedSteps == 3)
        #expect(v1.runs == 3 && v1.failedRuns == 2)
        #expect(v1.stepOrder == ["retrieval", "generation", "citation"])
        #expect(v1.steps["retrieval"]!.total == 5)
        #expect(v1.steps["retrieval"]!.failed == 2)
        #expect(v1.steps["retrieval"]!.runs == 3)
        #expect(v1.steps["retrieval"]!.failedRuns == 1)
        #expect(v1.steps["retrieval"]!.errorTypes == ["429": 1, "unknown": 1])
        #expect(v1.steps["citation"]!.runs == 2)
        #expect(v1.stepFailureRate == 0.3)
        #expect(v1.cases["q1"] == CaseOutcome(runs: 1, failures: 1))
        #expect(v1.cases["qr2"] == CaseOutcome(runs: 1, failures: 0))
        #expect(accumulator.stats(for: "v2")!.runs == 1)
        #expect(accumulator.recordCounts.map(\.records) == [10, 1])
    }

    @Test func pipelinesWithMoreThan64StepsAreCountedPerRun() {
        var accumulator = StatsAccumulator()
        for run in 0..<3 {
            for step in 0..<70 {
                let fails = run == 1 && step == 68
                accumulator.add(StepRecord(runID: "r\(run)", stepName: "s\(step)", success: !fails, promptVersion: "v"))
            }
        }
        accumulator.add(StepRecord(runID: "r2", stepName: "s68", success: false, promptVersion: "v"))   // a retry that fails
        let v = accumulator.stats(for: "v")!
        #expect(v.runs == 3 && v.failedRuns == 2)
        #expect(v.steps["s68"]!.runs == 3 && v.steps["s68"]!.failedRuns == 2 && v.steps["s68"]!.total == 4)
        #expect(v.steps["s69"]!.runs == 3 && v.steps["s69"]!.failedRuns == 0)
        #expect(v.stepOrder.count == 70)
    }

    @Test func aFilterKeepsOnlyTheVersionsAskedForButCountsAll() {
        var accumulator = StatsAccumulator(versions: ["v2"])
        records(version: "v1", runs: 3, failing: 1).forEach { accumulator.add($0) }
        records(version: "v2", runs: 4, failing: 0).forEach { accumulator.add($0) }
        #expect(accumulator.stats(for: "v1") == nil)
        #expect(accumulator.stats(for: "v2")!.runs == 4)
        #expect(accumulator.recordCounts.map(\.version) == ["v1", "v2"])
    }

    @Test func canonicallyEquivalentCaseKeysAddUpAndStepsListOnlyCasesThatReachedThem() {
        // "café" composed (U+00E9) and decomposed (e + U+0301) is one case to Swift's String, two
        // different byte strings to the reader: its outcomes add up under one key.
        var accumulator = StatsAccumulator()
        let rows: [(run: String, step: String, ok: Bool, input: String)] = [
            ("r1", "retrieval", true, "caf\u{E9}"), ("r1", "generation", false, "caf\u{E9}"),
            ("r2", "retrieval", true, "cafe\u{301}"), ("r2", "generation", true, "cafe\u{301}"),
            ("r3", "retrieval", false, "thé"),   // stops at retrieval: no generation for "thé"
        ]
        for row in rows {
            accumulator.add(StepRecord(runID: row.run, stepName: row.step, success: row.ok, promptVersion: "v", inputSummary: row.input))
        }
        let v = accumulator.stats(for: "v")!
        #expect(v.cases == ["café": CaseOutcome(runs: 2, failures: 1), "thé": CaseOutcome(runs: 1, failures: 1)])
        #expect(v.cases["cafe\u{301}"] == CaseOutcome(runs: 2, failures: 1))
        #expect(v.steps["retrieval"]!.cases == ["café": CaseOutcome(runs: 2, failures: 0), "thé": CaseOutcome(runs: 1, failures: 1)])
        #expect(v.steps["generation"]!.cases == ["café": CaseOutcome(runs: 2, failures: 1)])
    }

    @Test func namesWrittenWithEscapesAreTheSameNamesAsWrittenPlain() throws {
        // The same run, step, version, error and case, once plain and once with JSON escapes of
        // every length (a scanned line's strings with escapes are decoded only when read).
        let lines = [
            #"{"run_id": "r1", "step_name": "gen\"x", "success": false, "error_type": "é", "prompt_version": "v2", "input_summary": "q é"}"#,
            #"{"run_id": "\u0072\u0031", "step_name": "gen\u0022x", "success": true, "prompt_version": "\u0076\u0032", "input_summary": "q \u00e9"}"#,
            #"{"run_id": "r2", "step_name": "gen\"x", "success": false, "error_type": "\u00e9", "prompt_version": "v\u0032", "input_summary": "q \u00e9"}"#,
            #"{"run_id": "r\u0033", "step_name": "other", "success": true, "prompt_version": "v2", "input_summary": "\/q"}"#,
        ]
        var scanned = StatsAccumulator(), decoded = StatsAccumulator()
        for line in lines {
            let bytes = Array(line.utf8)
            try bytes.withUnsafeBufferPointer { buffer in
                let raw = try LogLineParser.scan(buffer)
                scanned.add(raw)
                decoded.add(raw.record)
            }
        }
        let v2 = try #require(scanned.stats(for: "v2"))
        #expect(scanned.recordCounts.map(\.version) == ["v2"])
        #expect(v2.runs == 3 && v2.failedRuns == 2)
        #expect(v2.stepOrder == ["gen\"x", "other"])
        #expect(v2.steps["gen\"x"]!.total == 3 && v2.steps["gen\"x"]!.runs == 2)
        #expect(v2.steps["gen\"x"]!.errorTypes == ["é": 2])
        #expect(v2.cases == ["q é": CaseOutcome(runs: 2, failures: 2), "/q": CaseOutcome(runs: 1, failures: 0)])
        #expect(v2 == decoded.stats(for: "v2"))
    }

    @Test func latencyPercentilesAreWithinOnePercent() {
        var accumulator = StatsAccumulator()
        for i in 1...1000 {
            accumulator.add(StepRecord(runID: "r\(i)", stepName: "s", success: true, promptVersion: "v", latencyMS: Double(i)))
        }
        let step = accumulator.stats(for: "v")!.steps["s"]!
        #expect(abs(step.latencyP50MS! - 500) / 500 <= 0.01)
        #expect(abs(step.latencyP95MS! - 950) / 950 <= 0.01)
    }
}

@Suite("DDSketch")
struct DDSketchTests {
    @Test func quantilesStayWithinTheRelativeAccuracyAndMergeExactly() {
        var a = DDSketch(), b = DDSketch(), all = DDSketch()
        var values: [Double] = []
        var x = 0.37
        for i in 0..<5000 {
            x = (x * 9301 + 49297).truncatingRemainder(dividingBy: 233280)
            let v = 1 + x / 10   // 1 ... 23329 ms
            values.append(v)
            if i % 2 == 0 { a.add(v) } else { b.add(v) }
            all.add(v)
        }
        a.merge(b)
        #expect(a == all)
        values.sort()
        for q in [0.0, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0] {
            let truth = values[Int((q * Double(values.count - 1)).rounded(.down))]
            #expect(abs(all.quantile(q)! - truth) / truth <= 0.01 + 1e-12, "q=\(q)")
        }
        #expect(all.bins.count < 1300)
    }

    @Test func zerosAndEmptySketches() {
        var s = DDSketch()
        #expect(s.quantile(0.5) == nil)
        s.add(0); s.add(0); s.add(5)
        #expect(s.quantile(0.5) == 0)
        #expect(s.count == 3 && s.zeroCount == 2)
        s.add(-1); s.add(.nan)
        #expect(s.count == 3)
    }
}

@Suite("Rank tests on grouped samples")
struct WeightedSampleTests {
    @Test func groupedAndExpandedSamplesGiveTheSameTests() {
        var sketchB = DDSketch(), sketchC = DDSketch()
        var b: [Double] = [], c: [Double] = []
        for i in 0..<3000 {
            let v = 20 + Double((i * 7919) % 500)
            sketchB.add(v); sketchC.add(v * 1.2)
        }
        // The same samples written out value by value, as the sketches' bins stand for them.
        let xb = sketchB.logSample(), xc = sketchC.logSample()
        for (v, w) in zip(xb.values, xb.weights) { b += Array(repeating: v, count: w) }
        for (v, w) in zip(xc.values, xc.weights) { c += Array(repeating: v, count: w) }
        let grouped = MannWhitneyTest.oneSidedGreater(candidate: xc, baseline: xb)
        let expanded = MannWhitneyTest.oneSidedGreater(candidate: c, baseline: b)
        #expect(abs(grouped.u - expanded.u) <= 1e-9 * expanded.u)
        #expect(abs(grouped.pValue - expanded.pValue) <= 1e-12)
        #expect(HodgesLehmannShift.estimate(candidate: xc, baseline: xb, z: 1.645) == HodgesLehmannShift.estimate(candidate: c, baseline: b, z: 1.645))
        #expect(abs(exp(HodgesLehmannShift.estimate(candidate: xc, baseline: xb, z: 1.645)!.estimate) - 1.2) < 0.025)
    }
}

@Suite("Timestamp range")
struct TimestampRangeTests {
    /// The earliest and latest by bytes, as sorting byte arrays gives them, on timestamps and on
    /// strings that differ only past 24 bytes, in length, or in zero bytes (which the word keys pad with).
    @Test func earliestAndLatestAreTheByteOrdersFirstAndLast() {
        var rng = SplitMix64(seed: 11)
        let stems = ["2026-11-01T08:00:00.123456+00:00", "2026-11-01T08:00:00.123457+00:00", "2026-11-01T08:00:00.123",
                     "2026-11-01T08:00:00.12", "2026-11-01", "", "a", "a\u{0}", "a\u{0}\u{0}", "2026-11-01T08:00:00.1234\u{0}"]
        for _ in 0..<200 {
            var range = TimestampRange()
            var seen: [[UInt8]] = []
            for _ in 0..<Int(rng.next() % 12 + 1) {
                var bytes = Array(stems[Int(rng.next() % UInt64(stems.count))].utf8)
                if !bytes.isEmpty, rng.next() % 3 == 0 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
                if rng.next() % 4 == 0 { bytes += [UInt8(truncatingIfNeeded: rng.next() % 3)] }
                range.note(bytes)
                seen.append(bytes)
            }
            let sorted = seen.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(range.first == sorted.first && range.last == sorted.last, "\(seen)")
        }
    }
}
