/// The rules a policy file adds beside its statistics, whatever the policy: quarantine,
/// the per-case pass-rate minimum, tokens and cost, and how far the eval set may change.
struct CaseRules: Sendable, Equatable {
    var quarantine = QuarantineRule()
    /// `case_min_pass_rate`, when the policy sets one.
    var casePassRate: CasePassRateRule?
    /// A rise of tokens per step record whose ratio's lower bound is above 1 + this (0.10 is
    /// 10 %) is a regression.
    var tokenTolerance = 0.10
    /// Price per 1,000 tokens by `model_name`.
    var pricesPer1kTokens: [String: Double] = [:]
    /// The largest share of the baseline's cases the candidate may miss, or of the candidate's
    /// that may be new (0.10 is 10 %), before the check refuses to compare.
    var maxCaseSetChange = 0.10
    /// The day the check is judged as of (quarantines expire after their day); nil: the
    /// candidate's latest day in the logs.
    var asOf: LogDay?
}

extension GatePolicy {
    /// This policy judged as of `day`: a quarantine expires once `day` is after its `until`.
    package func judged(asOf day: LogDay) -> GatePolicy {
        var policy = self
        policy.caseRules.asOf = day
        return policy
    }

    /// This policy comparing whatever the eval set's change (`maxCaseSetChange` lifted).
    package func allowingCaseSetChange() -> GatePolicy {
        var policy = self
        policy.caseRules.maxCaseSetChange = .infinity
        return policy
    }

    /// Whether the policy judges a candidate partway through its run (`sequential`): then the
    /// baseline's cases it has not reached yet are not a changed eval set.
    var looksAtPartOfTheRun: Bool {
        if case .sequential = rule { return true }
        return false
    }

    /// The one-sided level the token test is taken at: the statistical policy's alpha; nil for a
    /// policy that compares no tokens (`thresholds` is failure-forensics' rule, which compares
    /// neither latency nor tokens).
    var tokenAlpha: Double? {
        if case .statistical(let rule) = rule { return rule.alpha }
        return nil
    }
}

/// One evaluation's view of the case rules: the statistics the policy judges (quarantined cases
/// left out), and how to finish its result.
struct CaseJudgement {
    let rules: CaseRules
    let mustPass: MustPassRule
    /// The token test's level; nil when the policy compares no tokens.
    let alpha: Double?
    /// The statistics as read, and as judged (active quarantines left out).
    let baseline: VersionStats, candidate: VersionStats
    let judgedBaseline: VersionStats, judgedCandidate: VersionStats
    let quarantined: [QuarantinedCase]

    init(policy: GatePolicy, baseline: VersionStats, candidate: VersionStats) {
        rules = policy.caseRules
        alpha = policy.tokenAlpha
        self.baseline = baseline
        self.candidate = candidate
        let day = rules.asOf ?? candidate.lastTimestamp.flatMap(LogDay.init(dateAsWrittenIn:))
        quarantined = rules.quarantine.judge(on: day, candidate: candidate)
        let active = Set(quarantined.filter { !$0.expired }.map(\.caseKey))
        mustPass = MustPassRule(cases: policy.mustPass.cases.filter { !active.contains($0) })
        judgedBaseline = baseline.leavingOut(active)
        judgedCandidate = candidate.leavingOut(active)
    }

    /// `result` with the rules applied: tokens, the per-case minimum, must-pass (whose reasons
    /// come first), then notes on quarantined cases and the cost.
    func finish(_ result: GateResult) -> GateResult {
        var result = result
        let tokens = TokenRule(tolerance: rules.tokenTolerance, alpha: alpha ?? 0, pricesPer1kTokens: rules.pricesPer1kTokens)
        if alpha != nil {
            result = tokens.apply(to: result, baseline: judgedBaseline, candidate: judgedCandidate)
        } else if !rules.pricesPer1kTokens.isEmpty {   // the cost is reported under any policy; it decides nothing
            result.tokens = TokenComparison(tolerance: rules.tokenTolerance, skipped: [], cost: tokens.cost(baseline: judgedBaseline, candidate: judgedCandidate))
        }
        if let rule = rules.casePassRate { result = rule.apply(to: result, baseline: judgedBaseline, candidate: judgedCandidate) }
        result = mustPass.apply(to: result, candidate: judgedCandidate)
        let (b, c) = (Set(baseline.modelRecords.keys), Set(candidate.modelRecords.keys))
        if !b.isEmpty, !c.isEmpty, b != c { result.explanation.append(.modelChanged(baseline: b.sorted(), candidate: c.sorted())) }
        if !quarantined.isEmpty {
            result.quarantined = quarantined
            result.explanation += quarantined.map {
                $0.expired ? .quarantineExpired(case: $0.caseKey, until: $0.until, runs: $0.candidateRuns, failedRuns: $0.candidateFailedRuns)
                    : .quarantined(case: $0.caseKey, until: $0.until, runs: $0.candidateRuns, failedRuns: $0.candidateFailedRuns)
            }
        }
        return result
    }
}
