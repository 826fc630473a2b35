/// Which estimate a report shows beside an interval, and how it was made.
///
/// Under the `statistical` policy each failure rate's verdict rests on its evidence: an
/// estimate of the rise (`FailureRateEvidence.estimatePP`) and its interval, from a design that
/// may pair runs by case or cluster them. That estimate, not the raw difference of the two rates
/// (`deltaPP`), is what stands beside an interval in every report; where the raw difference is
/// also shown it is labelled as such, and one line says which design made the estimates.
extension GateResult {
    /// The rows whose estimate a report shows: the overall rate, then each step with its own evidence.
    var estimatedRates: [(name: String, evidence: FailureRateEvidence)] {
        var rows: [(String, FailureRateEvidence)] = []
        if let e = overallEvidence { rows.append(("overall", e)) }
        for s in steps where s.note == nil { if let e = s.evidence { rows.append((s.step, e)) } }
        return rows
    }

    /// The designs of the estimates, for the line under a table: `paired by case, clustered`
    /// when all share one, else each with its rates, `overall, citation: paired by case,
    /// clustered; retrieval: unpaired (Fisher, Newcombe)`; nil without evidence.
    var estimateDesigns: String? {
        FailureRateEvidence.Design.inWords(estimatedRates.map { ($0.name, $0.evidence.design) })
    }
}

extension FailureRateEvidence.Design {
    /// The design in a few words, without its counts (`GateReport.designText` has them):
    /// `paired by case, clustered`.
    var inWords: String {
        switch self {
        case .unpaired: return "unpaired (Fisher, Newcombe)"
        case .paired: return "paired by case (McNemar, Newcombe)"
        case .pairedClustered: return "paired by case, clustered"
        case .clustered: return "unpaired, clustered by case"
        case .sequential: return "unpaired, anytime-valid (Clopper-Pearson, beta-binomial mixture)"
        case .sequentialPaired: return "paired by case, anytime-valid (beta-binomial mixture)"
        }
    }

    /// `inWords` of each design used, grouped: one design alone, else each with its rates
    /// (`overall, citation: paired by case, clustered; retrieval: unpaired (Fisher, Newcombe)`).
    static func inWords(_ rows: [(name: String, design: Self)]) -> String? {
        var groups: [(design: String, names: [String])] = []
        for (name, design) in rows {
            if let i = groups.firstIndex(where: { $0.design == design.inWords }) { groups[i].names.append(name) }
            else { groups.append((design.inWords, [name])) }
        }
        guard !groups.isEmpty else { return nil }
        if groups.count == 1 { return groups[0].design }
        return groups.map { "\($0.names.joined(separator: ", ")): \($0.design)" }.joined(separator: "; ")
    }
}
