/// Tokens gated like latency: per step, the candidate's tokens per step record against the
/// baseline's with the latency test (`LatencyTest`: one-sided Mann-Whitney, Hodges-Lehmann ratio
/// with its distribution-free interval, from the sketches), Holm's adjustment over the steps
/// tested. A significant rise whose ratio's lower bound exceeds 1 + `tolerance` is
/// REGRESSION_DETECTED; a significant one within it a WARNING. A step whose records carry no
/// token count above 0 on either side is skipped, and the report says so. With prices, the cost
/// per run of each version and step is reported beside it (it decides nothing).
struct TokenRule: Sendable, Equatable {
    var tolerance: Double
    var alpha: Double
    var pricesPer1kTokens: [String: Double]

    /// The comparison of every step both versions ran.
    func compare(baseline: VersionStats, candidate: VersionStats) -> TokenComparison {
        let names = GateSteps.orderedNames(baseline: baseline, candidate: candidate).filter {
            baseline.steps[$0] != nil && candidate.steps[$0] != nil
        }
        let tested = names.filter { (baseline.steps[$0]!.tokens.count) >= 2 && (candidate.steps[$0]!.tokens.count) >= 2 }
        var comparison = TokenComparison(tolerance: tolerance, skipped: names.filter { !tested.contains($0) })
        if !tested.isEmpty {
            let level = alpha / Double(tested.count)
            let raw = tested.map { name in
                (name, LatencyTest.compare(baseline: baseline.steps[name]!.tokens, candidate: candidate.steps[name]!.tokens,
                                           alpha: level, minimumRunsForP95: .max))
            }.compactMap { item in item.1.map { (item.0, $0) } }
            let adjusted = HolmAdjustment.adjustedPValues(raw.map(\.1.pValue))
            comparison.steps = raw.enumerated().map { n, item in
                let (name, t) = item
                let significant = adjusted[n] <= alpha * (1 + 1e-9)
                return TokenEvidence(
                    step: name, baselineCount: baseline.steps[name]!.tokens.count, candidateCount: candidate.steps[name]!.tokens.count,
                    ratio: t.ratio.estimate, ratioLow: t.ratio.low, ratioHigh: t.ratio.high, pValue: t.pValue, adjustedPValue: adjusted[n],
                    verdict: significant ? (t.ratio.low > 1 + tolerance ? .regressionDetected : .warning) : .pass)
            }
        }
        if !pricesPer1kTokens.isEmpty { comparison.cost = cost(baseline: baseline, candidate: candidate) }
        return comparison
    }

    /// Cost per run of each version, in all and per step, at the prices given.
    func cost(baseline: VersionStats, candidate: VersionStats) -> CostComparison {
        var unpriced = Set<String>()
        func perRun(_ stats: VersionStats, _ step: String?) -> Double? {
            var total = 0.0, priced = false
            for name in step.map({ [$0] }) ?? stats.stepOrder {
                for (model, use) in stats.steps[name]?.models ?? [:] where use.tokens > 0 {
                    guard let price = pricesPer1kTokens[model] else { unpriced.insert(model); continue }
                    total += Double(use.tokens) / 1000 * price
                    priced = true
                }
            }
            return priced && stats.runs > 0 ? total / Double(stats.runs) : nil
        }
        let steps = GateSteps.orderedNames(baseline: baseline, candidate: candidate).map {
            StepCost(step: $0, baselinePerRun: perRun(baseline, $0), candidatePerRun: perRun(candidate, $0))
        }
        return CostComparison(baselinePerRun: perRun(baseline, nil), candidatePerRun: perRun(candidate, nil),
                              steps: steps.filter { $0.baselinePerRun != nil || $0.candidatePerRun != nil },
                              unpricedModels: unpriced.sorted())
    }

    /// `result` with the token comparison, its verdict raised by any rise that did not pass.
    func apply(to result: GateResult, baseline: VersionStats, candidate: VersionStats) -> GateResult {
        let comparison = compare(baseline: baseline, candidate: candidate)
        var result = result
        result.tokens = comparison
        let risen = comparison.steps.filter { $0.verdict != .pass }.sorted { ($0.verdict, $0.ratio) > ($1.verdict, $1.ratio) }
        guard !risen.isEmpty else { return result }
        result.verdict = max(result.verdict, risen[0].verdict)
        let reasons: [GateReason] = risen.map {
            .tokens(step: $0.step, ratio: $0.ratio, ratioLow: $0.ratioLow, adjustedPValue: $0.adjustedPValue, verdict: $0.verdict, tolerance: tolerance)
        }
        let kept = result.explanation.filter { if case .nothingRose = $0 { return false } else { return true } }
        // After the reasons of the same or a graver verdict.
        let at = kept.firstIndex { $0.severity < risen[0].verdict } ?? kept.count
        result.explanation = Array(kept[..<at]) + reasons + Array(kept[at...])
        return result
    }
}

/// One step's tokens compared (see `TokenRule`).
package struct TokenEvidence: Sendable, Equatable {
    package var step: String
    /// Step records with a token count above 0, per side.
    package var baselineCount: Int
    package var candidateCount: Int
    /// Candidate / baseline typical tokens per record (1.5 is 50 % more), with its one-sided bounds.
    package var ratio: Double
    package var ratioLow: Double
    package var ratioHigh: Double
    package var pValue: Double
    package var adjustedPValue: Double
    package var verdict: Verdict
}

/// Every step's tokens compared, the steps skipped, and the cost when the policy prices models.
package struct TokenComparison: Sendable, Equatable {
    package var tolerance: Double
    package var steps: [TokenEvidence] = []
    /// Steps both versions ran whose records carry no token count (or only 0) on a side.
    package var skipped: [String]
    package var cost: CostComparison?
}

/// Cost per run at the policy's prices (per 1,000 tokens).
package struct CostComparison: Sendable, Equatable {
    /// Each version's cost per run, nil when no priced model used tokens.
    package var baselinePerRun: Double?
    package var candidatePerRun: Double?
    package var steps: [StepCost]
    /// Models that used tokens but have no price (their tokens are not in any cost).
    package var unpricedModels: [String]
}

/// One step's cost per run of each version.
package struct StepCost: Sendable, Equatable {
    package var step: String
    package var baselinePerRun: Double?
    package var candidatePerRun: Double?
}

extension GateReason {
    /// The verdict a reason stands for, to order reasons by (informational ones are PASS).
    var severity: Verdict {
        switch self {
        case .failureRate(_, _, let v, _), .stepFailureRateChanged(_, let v, _, _), .tokens(_, _, _, _, let v, _): return v
        case .latency(_, let e, _): return e.verdict
        case .stepNotRun, .mustPassNotRun: return .warning
        case .aboveMaximum, .mustPassFailed, .casePassRateBelow: return .regressionDetected
        case .nothingRose, .stepNotJudged, .quarantined, .quarantineExpired, .modelChanged: return .pass
        }
    }
}
