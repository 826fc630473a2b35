extension FailureRateEvidence {
    /// What would settle an undecided or warned rate, as a clause: "about 120 candidate runs would
    /// settle it", or "only a bigger baseline can settle it (about 900 runs per side)"; nil when
    /// neither count is known.
    var settlingAdvice: String? {
        if let needed = candidateRunsNeeded { return "about \(needed) candidate runs would settle it" }
        if let perSide = runsPerSideNeeded { return "only a bigger baseline can settle it (about \(perSide) runs per side)" }
        return nil
    }
}
