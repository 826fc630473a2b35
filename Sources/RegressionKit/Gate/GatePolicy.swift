/// How the gate judges a candidate: `statistical` (the default), `thresholds` or `sequential`, each with its settings.
///
/// ```swift
/// let policy = GatePolicy.statistical(StatisticalPolicy())   // or .thresholds(ThresholdsPolicy(regressionPP: 8, warningPP: 4))
/// let result = Gate.evaluate(baseline: snapshot.stats, candidate: v3, policy: policy)
/// ```
/// (`regress-gate check --policy` also reads a policy from a JSON file; see the Policies article.)
public struct GatePolicy: Sendable, Equatable {
    enum Rule: Sendable, Equatable {
        case thresholds(ThresholdsPolicy)
        case statistical(StatisticalPolicy)
        case sequential(SequentialPolicy)
    }

    let rule: Rule
    /// The cases that must pass (see `MustPassRule`).
    var mustPass = MustPassRule(cases: [])
    /// Quarantine, the per-case minimum, tokens and the eval set's change (see `CaseRules`).
    var caseRules = CaseRules()

    /// This policy, also requiring the cases keyed `cases` (`case_id`, else `input_summary`) never
    /// to fail: one failed run of one is REGRESSION_DETECTED whatever the statistics say, and one
    /// the candidate never ran is a WARNING.
    ///
    /// ```swift
    /// let policy = GatePolicy.statistical().requiring(mustPass: ["refund-policy-question"])
    /// ```
    public func requiring(mustPass cases: [String]) -> GatePolicy {
        var policy = self
        policy.mustPass = MustPassRule(cases: mustPass.cases + cases)
        return policy
    }

    /// The policy's name as reports show it.
    package var name: String {
        switch rule {
        case .thresholds: return "thresholds"
        case .statistical: return "statistical"
        case .sequential: return "sequential"
        }
    }

    /// The default: exact tests with intervals, pairing by case and Holm's adjustment over the steps.
    public static func statistical(_ policy: StatisticalPolicy = StatisticalPolicy()) -> GatePolicy {
        GatePolicy(rule: .statistical(policy))
    }

    /// Failure-forensics' regression guard (10 pp regression, 5 pp warning), or a variant of it.
    public static func thresholds(_ policy: ThresholdsPolicy = ThresholdsPolicy()) -> GatePolicy {
        GatePolicy(rule: .thresholds(policy))
    }

    /// Anytime-valid: a gate checked again and again as runs accrue still says REGRESSION_DETECTED
    /// for a candidate that is no worse with probability at most alpha over all the looks.
    ///
    /// ```swift
    /// let verdict = expectNoRegression(recorder, baseline: "fake-rag", policy: .sequential())
    /// ```
    public static func sequential(_ policy: SequentialPolicy = SequentialPolicy()) -> GatePolicy {
        GatePolicy(rule: .sequential(policy))
    }

    /// The names of the built-in policies.
    static let builtInNames = ["statistical", "thresholds", "sequential"]

    /// The policy used when none is named: `statistical`.
    public static let `default` = GatePolicy.statistical()

    /// The built-in policy called `name`, or nil.
    static func builtIn(_ name: String) -> GatePolicy? {
        switch name {
        case "thresholds": return .thresholds()
        case "statistical": return .statistical()
        case "sequential": return .sequential()
        default: return nil
        }
    }
}

/// Decides the gate: one entry point for every policy.
public enum Gate {
    /// Compares `candidate` against `baseline` under `policy`.
    public static func evaluate(baseline: VersionStats, candidate: VersionStats, policy: GatePolicy = .default) -> GateResult {
        let cases = CaseJudgement(policy: policy, baseline: baseline, candidate: candidate)
        let (baseline, candidate) = (cases.judgedBaseline, cases.judgedCandidate)   // quarantined cases left out
        let result = switch policy.rule {
        case .thresholds(let rule): rule.evaluate(baseline: baseline, candidate: candidate)
        case .statistical(let rule): rule.evaluate(baseline: baseline, candidate: candidate)
        case .sequential(let rule): rule.evaluate(baseline: baseline, candidate: candidate)
        }
        return cases.finish(result)
    }
}
