/// One failure rate of the `sequential` policy: its design, anytime-valid bounds, verdict and
/// how many candidate runs would settle it.
///
/// Paired when the runs allow McNemar's pairs: at least `FailureRateTest.minimumCases` common
/// cases, every candidate run of a case the baseline also ran, and every common case run once
/// per side. Otherwise unpaired (independent runs).
struct SequentialRateComparison: Sendable {
    enum Counts: Sendable {
        case unpaired(baselineFailures: Int, baselineRuns: Int, candidateFailures: Double, candidateRuns: Double)
        case paired(candidateOnly: Double, baselineOnly: Double, pairs: Double)
    }

    var counts: Counts
    /// The rise (a proportion) the mixtures expect.
    var spread: Double

    init(baseline b: RateSample, candidate c: RateSample, spread: Double) {
        self.spread = spread
        counts = .unpaired(baselineFailures: b.failures, baselineRuns: b.runs, candidateFailures: Double(c.failures), candidateRuns: Double(c.runs))
        var pairs = 0, candidateOnly = 0, baselineOnly = 0, paired = true
        CaseMatching.forEach(c.cases, in: b.cases) { _, outcome, other in
            guard let other, other.runs == 1, outcome.runs == 1 else { paired = outcome.runs == 0 && other == nil; return paired }
            pairs += 1
            if outcome.failures > 0 && other.failures == 0 { candidateOnly += 1 }
            if other.failures > 0 && outcome.failures == 0 { baselineOnly += 1 }
            return true
        }
        if paired, pairs >= FailureRateTest.minimumCases, pairs == c.runs {
            counts = .paired(candidateOnly: Double(candidateOnly), baselineOnly: Double(baselineOnly), pairs: Double(pairs))
        }
    }

    /// Bounds for the rise at `level` (each side wrong at some time with probability <= level).
    func bounds(_ counts: Counts, level: Double) -> IntervalEstimate {
        switch counts {
        case let .unpaired(x0, n0, x1, n1):
            SequentialRateDifference.unpaired(baselineFailures: x0, baselineRuns: n0, candidateFailures: x1, candidateRuns: n1, alpha: level, spread: spread)
        case let .paired(candidateOnly, baselineOnly, pairs):
            SequentialRateDifference.paired(candidateOnly: candidateOnly, baselineOnly: baselineOnly, pairs: pairs, alpha: level, spread: spread)
        }
    }

    static func decide(_ interval: IntervalEstimate, tolerance: Double, ruleOut: Double) -> Verdict {
        if interval.low > tolerance { return .regressionDetected }
        if interval.low > 0 { return .warning }
        return interval.high <= ruleOut ? .pass : .insufficientData
    }

    /// The evidence and verdict at `level` (alpha / k); the p-value is the anytime-valid one (the
    /// smallest level whose lower bound is above 0), adjusted by Bonferroni over `familySize`.
    func evidence(level: Double, familySize k: Int, tolerance: Double, ruleOut: Double) -> (FailureRateEvidence, Verdict) {
        let interval = bounds(counts, level: level)
        let verdict = Self.decide(interval, tolerance: tolerance, ruleOut: ruleOut)
        let p = SequentialRateDifference.smallestLevel { bounds(counts, level: $0).low > 0 }
        var pairedCases: Int?
        if case let .paired(_, _, pairs) = counts { pairedCases = Int(pairs) }
        var item = FailureRateEvidence(
            design: pairedCases == nil ? .sequential : .sequentialPaired, estimatePP: interval.estimate * 100, ciLowPP: interval.low * 100,
            ciHighPP: interval.high * 100, pValue: p, adjustedPValue: min(1, p * Double(k)), pairedCases: pairedCases)
        if verdict == .insufficientData || verdict == .warning {
            item.candidateRunsNeeded = runsToSettle(level: level, tolerance: tolerance, ruleOut: ruleOut, fromWarning: verdict == .warning)
        }
        return (item, verdict)
    }

    /// How many candidate runs in all, at the candidate's observed rate (or pairs at the observed
    /// shares of discordant pairs), would settle the verdict: from a WARNING, into a regression
    /// or a pass; from an undecided rate, into any verdict. Nil when no number up to 10 million would.
    func runsToSettle(level: Double, tolerance: Double, ruleOut: Double, fromWarning: Bool) -> Int? {
        let current: Double
        switch counts {
        case let .unpaired(_, _, _, n1): current = n1
        case let .paired(_, _, pairs): current = pairs
        }
        guard current > 0 else { return nil }
        func scaled(_ n: Double) -> Counts {
            switch counts {
            case let .unpaired(x0, n0, x1, n1): .unpaired(baselineFailures: x0, baselineRuns: n0, candidateFailures: x1 / n1 * n, candidateRuns: n)
            case let .paired(c, b, pairs): .paired(candidateOnly: c / pairs * n, baselineOnly: b / pairs * n, pairs: n)
            }
        }
        func settles(_ n: Int) -> Bool {
            let v = Self.decide(bounds(scaled(Double(n)), level: level), tolerance: tolerance, ruleOut: ruleOut)
            return fromWarning ? (v == .regressionDetected || v == .pass) : v != .insufficientData
        }
        var low = Int(current), high = max(Int(current), 1)
        repeat {
            low = high
            high *= 2
            if high > 10_000_000 { return nil }
        } while !settles(high)
        while high - low > max(1, low / 100) {
            let middle = low + (high - low) / 2
            if settles(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
