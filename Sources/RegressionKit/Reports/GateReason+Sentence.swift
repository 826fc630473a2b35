import Foundation

extension GateResult {
    /// Why the verdict is what it is, one sentence each, most important first.
    public var reasons: [String] { explanation.map(\.sentence) }
}

extension GateReason {
    /// The reason as one sentence, e.g. "citation +17.8 pp [+8.0, +27.7] (adj. p < 0.0001): more
    /// than the 2 pp tolerance".
    var sentence: String {
        switch self {
        case let .failureRate(step, e, verdict, tolerancePP):
            let what = step ?? "run failure rate"
            let change = "\(ReportFormat.signed(e.estimatePP)) pp [\(ReportFormat.signed(e.ciLowPP)), \(ReportFormat.signed(e.ciHighPP))] (adj. p \(pText(e.adjustedPValue)))"
            let need = e.settlingAdvice.map { "; \($0)" } ?? ""
            switch verdict {
            case .regressionDetected:
                return "\(what) \(change): more than the \(format(tolerancePP)) pp tolerance"
            case .warning:
                return "\(what) \(change): may be within the \(format(tolerancePP)) pp tolerance\(need)"
            case .insufficientData:
                return "\(what): no evidence of a regression, but one of up to \(ReportFormat.signed(e.ciHighPP)) pp is not ruled out\(need)"
            case .pass:
                return "\(what) did not rise"
            }
        case let .latency(step, l, tolerance):
            let slower = String(format: "%.0f", (l.slowdownRatio - 1) * 100)
            // A lower bound at or below 1 says the candidate may be no slower at all.
            let atLeast = l.ratioLow > 1 ? "at least \(String(format: "%.0f", (l.ratioLow - 1) * 100)) %" : "possibly not slower"
            let beyond = l.verdict == .regressionDetected ? "beyond" : "possibly within"
            return "\(step) latency \(slower) % slower (\(atLeast), adj. p \(pText(l.adjustedPValue))): \(beyond) the \(format(tolerance * 100)) % tolerance"
        case let .stepNotRun(step, runs):
            return "\(step): the candidate never ran this step (the baseline ran it in \(runs) runs); its failures cannot be judged"
        case let .nothingRose(tests, alpha, ruleOutPP):
            return "no failure rate rose beyond noise, and a rise of more than \(format(ruleOutPP)) pp is ruled out (\(tests) test\(tests == 1 ? "" : "s"), alpha \(format(alpha)))"
        case let .stepFailureRateChanged(deltaPP, verdict, regressionPP, warningPP):
            switch verdict {
            case .regressionDetected: return "the step failure rate rose \(format(deltaPP)) pp, more than the \(format(regressionPP)) pp limit"
            case .warning: return "the step failure rate rose \(format(deltaPP)) pp, more than the \(format(warningPP)) pp warning level"
            default: return "the step failure rate changed \(format(deltaPP)) pp, within the \(format(warningPP)) pp warning level"
            }
        case let .stepNotJudged(step, records):
            return "\(step): the candidate never ran this step (the baseline ran it \(records) times); failure-forensics' rule does not judge it"
        case let .aboveMaximum(step, rate, maximum):
            return "\(step) fails \(format(rate * 100)) % of the time, above its maximum of \(format(maximum * 100)) %"
        case let .mustPassFailed(key, runs, failedRuns):
            return "must-pass case \"\(key)\" failed in \(failedRuns) of \(runs) run\(runs == 1 ? "" : "s")"
        case let .mustPassNotRun(key):
            return "must-pass case \"\(key)\": the candidate never ran it, so nothing shows it still passes"
        case let .casePassRateBelow(key, b, c, minimum):
            return "case \"\(key)\" passes \(format(c * 100)) % of its runs, below the minimum of \(format(minimum * 100)) % (the baseline's: \(format(b * 100)) %)"
        case let .tokens(step, ratio, low, p, verdict, tolerance):
            let more = String(format: "%.0f", (ratio - 1) * 100)
            let atLeast = low > 1 ? "at least \(String(format: "%.0f", (low - 1) * 100)) %" : "possibly no more"
            let beyond = verdict == .regressionDetected ? "beyond" : "possibly within"
            return "\(step) uses \(more) % more tokens per record (\(atLeast), adj. p \(pText(p))): \(beyond) the \(format(tolerance * 100)) % tolerance"
        case let .quarantined(key, until, runs, failed):
            return "case \"\(key)\" is quarantined until \(until) and left out of every test (\(runs == 0 ? "not run" : "\(failed) of \(runs) run\(runs == 1 ? "" : "s") failed"))"
        case let .quarantineExpired(key, until, runs, failed):
            return "the quarantine of case \"\(key)\" expired after \(until): it counts again (\(runs == 0 ? "not run" : "\(failed) of \(runs) run\(runs == 1 ? "" : "s") failed"))"
        case let .modelChanged(b, c):
            return "the model changed: the baseline ran on \(b.isEmpty ? "no named model" : b.joined(separator: ", ")), the candidate on \(c.isEmpty ? "no named model" : c.joined(separator: ", "))"
        }
    }
}

extension StepComparison {
    /// A short explanation when the verdict needs one (a maximum exceeded, a missing side).
    var note: String? {
        switch remark {
        case nil: return nil
        case .newStep: return "new: the baseline never ran this step"
        case .missingStep: return "missing: the candidate never ran this step"
        case .testedAsOverall: return "the same runs fail as overall: tested once, as the overall rate"
        case .aboveMaximum(let limit): return "above the policy's maximum of \(format(limit * 100)) %"
        }
    }
}

/// A number of percentage points or percent for a sentence: at most two decimals, no trailing zeros.
func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var s = String(rounded)
    if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > 3 {
        s = String(s[..<s.index(dot, offsetBy: 3)])
    }
    return s
}

/// A p-value for a sentence: "0.0123", or "< 0.0001".
func pText(_ p: Double) -> String {
    p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p)
}
