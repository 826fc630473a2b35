import Foundation

extension EngineAggregates {
    /// Failed runs by root-cause category, per version: each failed run's first failed step and
    /// its error type, categorized under `config` as `analyze` does a run.
    func categories(config: ForensicsConfig) -> [VersionCategories] {
        versions.map { v in
            var counts: [RootCauseCategory: Int] = [:]
            for (cause, runs) in v.firstFailureCauses {
                counts[config.categoryMap.category(errorType: cause.errorType, step: cause.step), default: 0] += runs
            }
            return VersionCategories(version: v.stats.version, runs: v.stats.runs, failedRuns: v.stats.failedRuns, counts: counts)
        }
    }

    /// Eval-set candidates from the failing inputs, by `rules`: the same as `EvalCandidates.collect`
    /// on the runs (each failed run once, under the trimmed input of its first failed step; the
    /// category of its earliest failure; first and last seen by instant); of `version`, or all.
    package func candidates(_ rules: EvalCandidates, version: String?, config: ForensicsConfig) throws(VersionNotFoundError) -> [EvalCandidate] {
        var scope = versions
        if let version {
            guard let v = self.version(version) else {
                throw VersionNotFoundError(version: version, sources: [path], available: versions.map(\.stats.version))
            }
            scope = [v]
        }
        // Rows in order of their first failure, as the runs come in log order.
        let inputs = scope.flatMap(\.failingInputs).enumerated().sorted { a, b in
            switch (a.element.firstSeen, b.element.firstSeen) {
            case let (x?, y?) where x != y: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        var tally = EvalCandidates.Tally()
        for row in inputs {
            tally.add(input: row.input, failures: row.runs, firstSeen: row.firstSeen ?? "", lastSeen: row.lastSeen ?? "") {
                config.categoryMap.category(errorType: row.errorType, step: row.step)
            }
        }
        return rules.candidates(from: tally)
    }
}

extension AnalysisReport {
    /// The report from an engine's aggregates: failed runs by category per version, their growth
    /// and the recommended actions; no single runs (aggregates hold counts only).
    package init(aggregates: EngineAggregates, config: ForensicsConfig = .default, version: String? = nil,
                 from: String? = nil, to: String? = nil) {
        let versions = aggregates.categories(config: config)
        self.versions = versions
        self.config = config
        self.countsOnly = true
        self.runs = []
        self.singleRun = false
        self.version = version
        self.input = aggregates.summary
        for v in aggregates.versions { rootCauses[v.stats.version] = v.firstFailureCauses }
        func growth(_ a: String, _ b: String) -> CategoryGrowth? {
            guard let x = versions.first(where: { $0.version == a }), let y = versions.first(where: { $0.version == b }) else { return nil }
            return CategoryGrowth(from: a, fromRuns: x.runs, fromCounts: x.counts, to: b, toRuns: y.runs, toCounts: y.counts)
        }
        if let from, let to {
            self.growth = growth(from, to)
        } else if versions.count >= 2 {
            self.growth = growth(versions[versions.count - 2].version, versions[versions.count - 1].version)
        }
        var counts: [RootCauseCategory: Int] = [:]
        for v in versions where version == nil || v.version == version {
            counts.merge(v.counts, uniquingKeysWith: +)
        }
        recommendations = counts.filter { $0.value > 0 }.map { ($0.key, $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map { ($0.0, $0.1, config.recommendations.for($0.0)) }
    }
}
