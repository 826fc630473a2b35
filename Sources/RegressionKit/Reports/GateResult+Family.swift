extension GateResult {
    /// How the family of tests keeps its level, as reports say it: "3 failure rates, one-sided
    /// alpha 0.05, Holm-adjusted", or, under `sequential`, "4 tests (rates and latencies),
    /// alpha 0.05 over every look, Bonferroni-adjusted"; `alphaSymbol` is "alpha" or "α".
    func familyText(m: Int, alpha: String, alphaSymbol: String = "alpha") -> String {
        if policy == "sequential" {
            return "\(m) test\(m == 1 ? "" : "s") (rates and latencies), \(alphaSymbol) \(alpha) over every look, Bonferroni-adjusted"
        }
        return "\(m) failure rate\(m == 1 ? "" : "s"), one-sided \(alphaSymbol) \(alpha), Holm-adjusted"
    }
}
