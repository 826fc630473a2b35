/// The per-case pass-rate rule, a policy file's `"case_min_pass_rate": 0.5`: a case whose
/// candidate pass rate is below the minimum while its baseline's was not is a regression,
/// whatever the aggregate rates say. Only cases both versions ran are judged.
struct CasePassRateRule: Sendable, Equatable {
    /// The lowest pass rate a case may fall to, 0...1.
    var minimum: Double

    /// The cases that fell below the minimum, sorted by key: each with both pass rates (0...1).
    func drops(baseline: VersionStats, candidate: VersionStats) -> [(caseKey: String, baselinePassRate: Double, candidatePassRate: Double)] {
        var out: [(String, Double, Double)] = []
        CaseMatching.forEachCommon(candidate.cases, baseline.cases) { key, c, b in
            let cRate = Double(c.runs - c.failures) / Double(c.runs), bRate = Double(b.runs - b.failures) / Double(b.runs)
            if cRate < minimum && bRate >= minimum { out.append((key, bRate, cRate)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// `result` raised to REGRESSION_DETECTED by any case that fell below the minimum, its
    /// reasons first.
    func apply(to result: GateResult, baseline: VersionStats, candidate: VersionStats) -> GateResult {
        let found = drops(baseline: baseline, candidate: candidate)
        guard !found.isEmpty else { return result }
        var result = result
        result.verdict = .regressionDetected
        result.explanation = found.map {
            .casePassRateBelow(case: $0.caseKey, baselinePassRate: $0.baselinePassRate, candidatePassRate: $0.candidatePassRate, minimum: minimum)
        } + result.explanation.filter { if case .nothingRose = $0 { return false } else { return true } }
        return result
    }
}
