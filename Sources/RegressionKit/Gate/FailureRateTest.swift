/// One failure-rate metric of both versions: counts, and per-case outcomes when known.
struct RateSample: Sendable, Equatable {
    /// Runs that reached the metric (all runs for the overall rate).
    var runs: Int
    /// Runs in which it failed.
    var failures: Int
    /// Per-case outcomes (may cover only some runs).
    var cases: [String: CaseOutcome]
}

/// Picks the design for a failure-rate comparison and computes its evidence.
///
/// - Paired when both sides ran the same cases: at least `minimumCases` common cases, holding
///   every candidate run and at least half of the baseline's. Exact McNemar test and Newcombe's paired interval when every
///   common case ran once per side, else a clustered comparison of per-case differences
///   (Miller 2024), referred to Student t with (cases - 1) degrees of freedom.
/// - Otherwise, when runs repeat cases (at least `minimumCases` cases on each side), pooled rates
///   with a cluster-robust variance: repeats of a case are not independent; Student t with
///   (fewer side's cases - 1) degrees of freedom.
/// - Otherwise independent samples: exact one-sided Fisher test, Newcombe's hybrid score interval.
///
/// Whatever the design, the interval is never narrower than the counts alone allow
/// (`RateDifferenceFloor`): the score floors always (paired designs: on the discordant cases; a
/// clustered one, only when few cases moved), the exact ones where a variance is zero or
/// undefined, and the unpaired floor of the run counts whenever a side's runs all passed or all
/// failed. A p-value from a zero standard error gives way to the exact test of the same design.
enum FailureRateTest {
    static let minimumCases = 10

    /// The raw evidence (p-value unadjusted) for baseline `b` against candidate `c`, each bound
    /// one-sided at level `alpha` (in (0, 0.5]; the policy passes alpha / m).
    static func evidence(baseline b: RateSample, candidate c: RateSample, alpha: Double) -> (FailureRateEvidence.Design, RateDifferenceEvidence, pairedCases: Int?) {
        let z = NormalDistribution.quantile(1 - alpha)
        // Pair only when every candidate run is of a case the baseline also ran: a paired test
        // looks at common cases alone, and candidate runs outside them (new cases, runs with no
        // case key) could otherwise hide failures. Baseline-only cases may be left out. So the
        // search for common cases stops at the first candidate case the baseline lacks.
        var common: [(baseline: CaseOutcome, candidate: CaseOutcome)] = []
        common.reserveCapacity(min(b.cases.count, c.cases.count))
        var allCandidateCasesCommon = true
        CaseMatching.forEach(c.cases, in: b.cases) { _, outcome, other in
            guard let other else {
                allCandidateCasesCommon = outcome.runs == 0
                return allCandidateCasesCommon
            }
            common.append((other, outcome))
            return true
        }
        let commonBaselineRuns = common.reduce(0) { $0 + $1.baseline.runs }
        let commonCandidateRuns = common.reduce(0) { $0 + $1.candidate.runs }
        let counts = SideCounts(baseline: b, candidate: c)
        if allCandidateCasesCommon, common.count >= minimumCases, 2 * commonBaselineRuns >= b.runs, commonCandidateRuns == c.runs {
            let once = common.allSatisfy { $0.baseline.runs == 1 && $0.candidate.runs == 1 }
            if once {
                var a = 0, bOnly = 0, cOnly = 0, d = 0
                for pair in common {
                    switch (pair.baseline.failures > 0, pair.candidate.failures > 0) {
                    case (true, true): a += 1
                    case (false, true): bOnly += 1
                    case (true, false): cOnly += 1
                    case (false, false): d += 1
                    }
                }
                let p = McNemarExactTest.oneSidedPValue(candidateOnlyFailures: bOnly, baselineOnlyFailures: cOnly)
                let interval = NewcombeInterval.paired(bothFail: a, candidateOnlyFails: bOnly, baselineOnlyFails: cOnly, bothPass: d, z: z)
                let evidence = RateDifferenceEvidence(estimate: interval.estimate, low: interval.low, high: interval.high, pValue: p)
                return (.paired, pairedFloor(evidence, candidateOnly: Double(bOnly), baselineOnly: Double(cOnly), cases: common.count,
                                             noVariance: bOnly + cOnly == 0, counts, z: z, alpha: alpha), common.count)
            }
            // Sorted by their counts, so that sums add up in the same order on every run (a
            // dictionary's order changes with its hash seed).
            let pairs = common.map {
                ClusteredDifference.PairedCase(baselineRuns: $0.baseline.runs, baselineFailures: $0.baseline.failures,
                                               candidateRuns: $0.candidate.runs, candidateFailures: $0.candidate.failures)
            }.sorted {
                ($0.baselineRuns, $0.baselineFailures, $0.candidateRuns, $0.candidateFailures)
                    < ($1.baselineRuns, $1.baselineFailures, $1.candidateRuns, $1.candidateFailures)
            }
            var rises = 0.0, falls = 0.0, moved = 0
            for pair in pairs where pair.baselineRuns > 0 && pair.candidateRuns > 0 {
                let d = Double(pair.candidateFailures) / Double(pair.candidateRuns) - Double(pair.baselineFailures) / Double(pair.baselineRuns)
                if d > 0 { rises += d } else { falls -= d }
                if d != 0 { moved += 1 }
            }
            var evidence = ClusteredDifference.paired(pairs, alpha: alpha)
            // A standard error from the per-case differences is zero when every case moved alike,
            // and rests on a handful of values when only a few cases moved at all: then the counts
            // of the discordant cases bound it. With many moving cases their fractions' spread is
            // known, and the score floor (which assumes the widest spread, all or nothing) would
            // only take power away.
            let noVariance = evidence.low >= evidence.high || moved < minimumCases
            if noVariance {
                // A p-value of 0 from a zero standard error claims more than the cases show: the
                // exact McNemar test on the discordant cases, counted against the candidate.
                let exact = McNemarExactTest.oneSidedPValue(candidateOnlyFailures: Int(rises.rounded(.down)), baselineOnlyFailures: Int(falls.rounded(.up)))
                evidence.pValue = max(evidence.pValue, exact)
            }
            return (.pairedClustered, pairedFloor(evidence, candidateOnly: rises, baselineOnly: falls, cases: common.count,
                                                  fractional: true, noVariance: noVariance, counts, z: z, alpha: alpha), common.count)
        }
        if let bClusters = clusters(b), let cClusters = clusters(c) {
            var evidence = ClusteredDifference.unpaired(baseline: bClusters, candidate: cClusters, alpha: alpha)
            let noVariance = evidence.low >= evidence.high
            if noVariance {
                evidence.pValue = max(evidence.pValue, FisherExactTest.oneSidedPValue(
                    baselineFailures: b.failures, baselineTrials: b.runs, candidateFailures: c.failures, candidateTrials: c.runs))
            }
            return (.clustered, unpairedFloor(evidence, counts, exact: noVariance || counts.degenerate, z: z, alpha: alpha), nil)
        }
        let p = FisherExactTest.oneSidedPValue(baselineFailures: b.failures, baselineTrials: b.runs,
                                               candidateFailures: c.failures, candidateTrials: c.runs)
        let interval = NewcombeInterval.unpaired(baselineFailures: b.failures, baselineTrials: b.runs,
                                                 candidateFailures: c.failures, candidateTrials: c.runs, z: z)
        let evidence = RateDifferenceEvidence(estimate: interval.estimate, low: interval.low, high: interval.high, pValue: p)
        return (.unpaired, unpairedFloor(evidence, counts, exact: counts.degenerate, z: z, alpha: alpha), nil)
    }

    /// The run counts of both sides, and whether they leave a variance undefined.
    struct SideCounts {
        var baseline: RateSample
        var candidate: RateSample

        /// Every run of a side passed, or every run failed: its rate has no variance to estimate.
        var allAlikeOnASide: Bool {
            [baseline, candidate].contains { $0.failures == 0 || $0.failures == $0.runs }
        }

        /// A side's variance is zero or rests on few runs, where score bounds undercover.
        var degenerate: Bool { allAlikeOnASide || min(baseline.runs, candidate.runs) < minimumCases }
    }

    /// `evidence` widened to the unpaired floor of the run counts: the score floor always, the
    /// exact one too when `exact`.
    static func unpairedFloor(_ evidence: RateDifferenceEvidence, _ counts: SideCounts, exact: Bool, z: Double, alpha: Double) -> RateDifferenceEvidence {
        let (b, c) = (counts.baseline, counts.candidate)
        var result = evidence.widened(toContain: RateDifferenceFloor.unpaired(
            baselineFailures: b.failures, baselineRuns: b.runs, candidateFailures: c.failures, candidateRuns: c.runs, z: z))
        if exact {
            result = result.widened(toContain: RateDifferenceFloor.unpairedExact(
                baselineFailures: b.failures, baselineRuns: b.runs, candidateFailures: c.failures, candidateRuns: c.runs, alpha: alpha))
        }
        return result
    }

    /// `evidence` widened to the paired floor of its discordant cases (for `fractional` sums of
    /// per-case differences, only when `noVariance`); when their variance is zero or undefined or
    /// a side has few runs, to the exact floor too; and when every run of a side passed (or
    /// failed), to the unpaired floor of the run counts as well.
    static func pairedFloor(_ evidence: RateDifferenceEvidence, candidateOnly: Double, baselineOnly: Double, cases: Int,
                            fractional: Bool = false, noVariance: Bool, _ counts: SideCounts, z: Double, alpha: Double) -> RateDifferenceEvidence {
        var result = evidence
        if !fractional || noVariance {
            result = result.widened(toContain: RateDifferenceFloor.paired(
                candidateOnly: candidateOnly, baselineOnly: baselineOnly, cases: Double(cases), z: z))
        }
        if noVariance || counts.degenerate {
            result = result.widened(toContain: RateDifferenceFloor.pairedExact(
                candidateOnly: candidateOnly, baselineOnly: baselineOnly, cases: cases, alpha: alpha))
        }
        if counts.allAlikeOnASide {
            result = unpairedFloor(result, counts, exact: true, z: z, alpha: alpha)
        }
        return result
    }

    /// Clusters of a side whose runs repeat cases, each keyless run its own cluster; nil when no case
    /// repeats or there are too few cases to estimate a variance.
    static func clusters(_ s: RateSample) -> [ClusteredDifference.Cluster]? {
        guard s.cases.count >= minimumCases, s.cases.values.contains(where: { $0.runs > 1 }) else { return nil }
        // Sorted by their counts: the same sums in the same order on every run.
        var clusters = s.cases.values.map { ClusteredDifference.Cluster(runs: $0.runs, failures: $0.failures) }
            .sorted { ($0.runs, $0.failures) < ($1.runs, $1.failures) }
        let keyedRuns = clusters.reduce(0) { $0 + $1.runs }, keyedFailures = clusters.reduce(0) { $0 + $1.failures }
        let looseFailures = max(0, s.failures - keyedFailures)
        for i in 0..<max(0, s.runs - keyedRuns) {
            clusters.append(.init(runs: 1, failures: i < looseFailures ? 1 : 0))
        }
        return clusters
    }
}
