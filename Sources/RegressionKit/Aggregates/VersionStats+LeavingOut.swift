/// A version's statistics without some cases: how a quarantine takes a case out of every test.
///
/// The per-case tallies are subtracted rather than the logs read again: a baseline is a frozen
/// snapshot, recorded before the quarantine was declared, so its runs cannot be filtered at read
/// time, and both sides must be treated alike. Every run-level figure the gate tests is kept per
/// case (the version's runs and failed runs, and each step's, in `cases` and `StepStats.cases`),
/// so subtracting a case's tallies gives exactly what a read without its runs would. Figures of
/// step records (the `thresholds` policy's counts, error types, latency and token sketches) are
/// not kept per case and still include its records.
extension VersionStats {
    /// These statistics with the runs of the cases keyed `keys` subtracted (a step no run reaches
    /// any more is left out).
    func leavingOut(_ keys: Set<String>) -> VersionStats {
        guard !keys.isEmpty else { return self }
        var stats = self
        for key in keys {
            guard let c = stats.cases.removeValue(forKey: key) else { continue }
            stats.runs -= c.runs
            stats.failedRuns -= c.failures
            for name in stats.stepOrder {
                guard let s = stats.steps[name]?.cases.removeValue(forKey: key) else { continue }
                stats.steps[name]!.runs -= s.runs
                stats.steps[name]!.failedRuns -= s.failures
            }
        }
        for name in stats.stepOrder where stats.steps[name]!.runs == 0 { stats.steps[name] = nil }
        stats.stepOrder.removeAll { stats.steps[$0] == nil }
        return stats
    }
}
