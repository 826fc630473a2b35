/// How often each root-cause category ended a run in one version against another.
///
/// A category's rate is the share of a version's runs whose root cause it was. It **grew**
/// when the later version's rate is higher and Fisher's exact one-sided test, Holm-adjusted over
/// the categories, says so at `alpha` (0.05): a category that moved by one run out of ten did
/// not grow, it wobbled.
struct CategoryGrowth: Sendable, Equatable {
    /// One category in both versions.
    struct Row: Sendable, Equatable {
        /// The category.
        var category: RootCauseCategory
        /// Runs of the earlier / later version that failed for this reason.
        var fromRuns: Int
        var toRuns: Int
        /// Those runs / all runs of the version, 0...1.
        var fromRate: Double
        var toRate: Double
        /// `toRate - fromRate` in percentage points.
        var deltaPP: Double
        /// One-sided Fisher p-value that the later version fails this way more often, and Holm-adjusted.
        var pValue: Double
        var adjustedPValue: Double
        /// Rose significantly.
        var grew: Bool
    }

    /// The earlier and later versions.
    var from: String
    var to: String
    /// Runs of each.
    var fromRunCount: Int
    var toRunCount: Int
    /// The one-sided level.
    var alpha: Double
    /// Every category seen in either, largest rise first (ties by name).
    var rows: [Row]

    /// Compares category counts (failed runs per category) of two versions with `fromRuns` and `toRuns` runs.
    init(from: String, fromRuns: Int, fromCounts: [RootCauseCategory: Int],
                to: String, toRuns: Int, toCounts: [RootCauseCategory: Int], alpha: Double = 0.05) {
        self.from = from
        self.to = to
        self.fromRunCount = fromRuns
        self.toRunCount = toRuns
        self.alpha = alpha
        let categories = Set(fromCounts.keys).union(toCounts.keys).sorted()
        let raw = categories.map { c -> (RootCauseCategory, Int, Int, Double) in
            let x0 = fromCounts[c] ?? 0, x1 = toCounts[c] ?? 0
            let p = fromRuns > 0 && toRuns > 0
                ? FisherExactTest.oneSidedPValue(baselineFailures: x0, baselineTrials: fromRuns, candidateFailures: x1, candidateTrials: toRuns)
                : 1
            return (c, x0, x1, p)
        }
        let adjusted = HolmAdjustment.adjustedPValues(raw.map(\.3))
        rows = raw.enumerated().map { i, r in
            let r0 = fromRuns == 0 ? 0 : Double(r.1) / Double(fromRuns)
            let r1 = toRuns == 0 ? 0 : Double(r.2) / Double(toRuns)
            return Row(category: r.0, fromRuns: r.1, toRuns: r.2, fromRate: r0, toRate: r1, deltaPP: (r1 - r0) * 100,
                       pValue: r.3, adjustedPValue: adjusted[i], grew: r1 > r0 && adjusted[i] <= alpha)
        }.sorted { $0.deltaPP != $1.deltaPP ? $0.deltaPP > $1.deltaPP : $0.category < $1.category }
    }
}
