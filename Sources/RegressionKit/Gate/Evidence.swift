/// The statistical evidence behind one failure-rate verdict of the `statistical` policy.
///
/// Rates are compared per run: a metric's rate is runs in which it failed / runs that reached it.
public struct FailureRateEvidence: Sendable, Equatable {
    /// How the two versions' runs were compared.
    public enum Design: String, Sendable, Equatable {
        /// Independent samples: exact one-sided Fisher test, Newcombe hybrid score interval.
        case unpaired
        /// The same cases once per side: exact McNemar test, Newcombe's paired interval.
        case paired
        /// The same cases, several runs per case: per-case differences, clustered by case.
        case pairedClustered = "paired_clustered"
        /// Different cases with repeats: pooled rates with cluster-robust variance.
        case clustered
        /// The `sequential` policy, independent runs: the baseline's Clopper-Pearson bounds and a
        /// beta-binomial mixture confidence sequence for the candidate, valid at every look.
        case sequential
        /// The `sequential` policy, the same cases once per side: a mixture confidence sequence
        /// on the paired differences, valid at every look.
        case sequentialPaired = "sequential_paired"
    }

    /// The design used.
    public var design: Design
    /// The test's estimate of the rise of the failure rate, in percentage points (positive is worse).
    public var estimatePP: Double
    /// Lower confidence bound of the rise, pp (one-sided, level 1 - alpha/m).
    public var ciLowPP: Double
    /// Upper confidence bound of the rise, pp (one-sided, level 1 - alpha/m).
    public var ciHighPP: Double
    /// One-sided p-value that the candidate fails more often.
    public var pValue: Double
    /// The p-value after Holm's adjustment over the family of m tests.
    public var adjustedPValue: Double
    /// Cases compared on both sides (paired designs), else nil.
    public var pairedCases: Int?
    /// For an undecided rate (INSUFFICIENT_DATA) or a WARNING: how many runs per side, both
    /// sides run anew at the rates observed, would settle it; nil when no number would.
    public var runsPerSideNeeded: Int?
    /// For an undecided rate (INSUFFICIENT_DATA) or a WARNING: how many candidate runs in all,
    /// against the baseline as it stands and at the candidate's observed rate, would settle it
    /// (the baseline is frozen: candidate runs are what a user can add). Nil when no number of
    /// candidate runs can: then only a bigger baseline can (see `runsPerSideNeeded`).
    public var candidateRunsNeeded: Int?

    /// Creates evidence; the policy builds these.
    init(design: Design, estimatePP: Double, ciLowPP: Double, ciHighPP: Double, pValue: Double,
                adjustedPValue: Double, pairedCases: Int? = nil, runsPerSideNeeded: Int? = nil, candidateRunsNeeded: Int? = nil) {
        self.design = design
        self.estimatePP = estimatePP
        self.ciLowPP = ciLowPP
        self.ciHighPP = ciHighPP
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.pairedCases = pairedCases
        self.runsPerSideNeeded = runsPerSideNeeded
        self.candidateRunsNeeded = candidateRunsNeeded
    }
}

/// The evidence behind one step's latency verdict.
public struct LatencyEvidence: Sendable, Equatable {
    /// Baseline latencies compared (records of the step with a latency).
    public var baselineCount: Int
    /// Candidate latencies compared.
    public var candidateCount: Int
    /// Candidate / baseline typical latency: the exponential of the Hodges-Lehmann shift of log
    /// latency (1.25 means 25 % slower).
    public var slowdownRatio: Double
    /// Lower confidence bound of that ratio (one-sided, level 1 - alpha/m).
    public var ratioLow: Double
    /// Upper confidence bound of that ratio (one-sided, level 1 - alpha/m).
    public var ratioHigh: Double
    /// One-sided Mann-Whitney p-value that the candidate is slower.
    public var pValue: Double
    /// The p-value after Holm's adjustment over the family of m tests.
    public var adjustedPValue: Double
    /// The baseline's 95th percentile in ms with distribution-free bounds; nil below the minimum sample size.
    public var baselineP95MS: ClosedRange<Double>?
    /// The candidate's 95th percentile in ms with distribution-free bounds; nil below the minimum sample size.
    public var candidateP95MS: ClosedRange<Double>?
    /// The baseline's point 95th percentile in ms.
    public var baselineP95PointMS: Double?
    /// The candidate's point 95th percentile in ms.
    public var candidateP95PointMS: Double?
    /// PASS, WARNING or REGRESSION_DETECTED for the slowdown.
    public var verdict: Verdict
    /// INSUFFICIENT_DATA when either side has fewer runs than the policy's minimum for p95, else PASS.
    public var p95Verdict: Verdict

    /// Creates evidence; the policy builds these.
    init(baselineCount: Int, candidateCount: Int, slowdownRatio: Double, ratioLow: Double, ratioHigh: Double,
                pValue: Double, adjustedPValue: Double, baselineP95MS: ClosedRange<Double>?, candidateP95MS: ClosedRange<Double>?,
                baselineP95PointMS: Double?, candidateP95PointMS: Double?, verdict: Verdict, p95Verdict: Verdict) {
        self.baselineCount = baselineCount
        self.candidateCount = candidateCount
        self.slowdownRatio = slowdownRatio
        self.ratioLow = ratioLow
        self.ratioHigh = ratioHigh
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.baselineP95MS = baselineP95MS
        self.candidateP95MS = candidateP95MS
        self.baselineP95PointMS = baselineP95PointMS
        self.candidateP95PointMS = candidateP95PointMS
        self.verdict = verdict
        self.p95Verdict = p95Verdict
    }
}

/// Test cases whose outcome changed between the versions (paired comparisons).
public struct CaseChanges: Sendable, Equatable {
    /// Cases run by both versions.
    public var compared: Int
    /// Cases that never failed in the baseline and failed in the candidate, sorted.
    public var newlyFailing: [String]
    /// Cases that failed in the baseline and never in the candidate, sorted.
    public var newlyFixed: [String]
    /// Cases flaky in the baseline (run several times, with both outcomes), most flaky first, with
    /// the candidate's counts: never among the newly failing.
    package var flaky: [FlakyCase]

    /// Compares per-case outcomes of the two versions.
    init(baseline: [String: CaseOutcome], candidate: [String: CaseOutcome]) {
        var compared = 0
        var failing: [String] = [], fixed: [String] = []
        CaseMatching.forEachCommon(candidate, baseline) { key, c, b in
            compared += 1
            if b.failures == 0 && c.failures > 0 { failing.append(key) }
            if b.failures > 0 && c.failures == 0 { fixed.append(key) }
        }
        self.compared = compared
        newlyFailing = failing.sorted()
        newlyFixed = fixed.sorted()
        flaky = FlakyCase.among(baseline, other: candidate)
    }
}
