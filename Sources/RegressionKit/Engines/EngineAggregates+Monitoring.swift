extension DailyRateCollector {
    /// The daily rates of `version` (every version when nil) from an engine's aggregates: its day
    /// and step_day rows, as the collector would count the same records.
    init(aggregates: EngineAggregates, version: String?) throws {
        self.init(version: version)
        guard aggregates.summary.records > 0 else { throw LogReadError.noRecords(sources: [aggregates.path]) }
        let versions: [EngineAggregates.Version]
        if let version {
            guard let v = aggregates.version(version) else {
                throw VersionNotFoundError(version: version, sources: [aggregates.path], available: aggregates.versions.map(\.stats.version))
            }
            versions = [v]
        } else {
            versions = aggregates.versions
        }
        for v in versions {
            all.merge(v.daily)
            for step in v.stats.stepOrder {
                guard let rates = v.stepDaily[step] else { continue }
                if byStep[step] == nil { stepOrder.append(step) }
                byStep[step, default: DailyFailureRates()].merge(rates)
            }
        }
    }
}

extension TrendAnalysis {
    /// `read`, from an engine's aggregates.
    package init(aggregates: EngineAggregates, version: String? = nil, windowDays: Int = 7, asOf: LogDay? = nil,
                 anomalyThresholdPP: Double = 20, alpha: Double = 0.05, trendThresholdPP: Double = 5) throws {
        let daily = try DailyRateCollector(aggregates: aggregates, version: version)
        guard !daily.days.isEmpty else { throw UndatedLogsError(sources: [aggregates.path], records: daily.undated) }
        self.init(daily: daily, windowDays: windowDays, asOf: asOf, anomalyThresholdPP: anomalyThresholdPP,
                  alpha: alpha, trendThresholdPP: trendThresholdPP)
    }
}
