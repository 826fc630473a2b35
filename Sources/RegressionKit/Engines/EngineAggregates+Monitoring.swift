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

extension Dashboard {
    /// The dashboard from an engine's aggregates: the daily and per-step rates, anomaly and trend;
    /// no latest failed runs (aggregates hold counts, not runs).
    package init(aggregates: EngineAggregates, version: String? = nil, days: Int = 7, asOf: LogDay? = nil) throws {
        let trend = try TrendAnalysis(aggregates: aggregates, version: version, windowDays: days, asOf: asOf)
        self.init(trend: trend, latestFailed: [], version: version)
        countsOnly = true
    }
}

extension AlertRules {
    /// `evaluate`, from an engine's aggregates: the failure-rate and anomaly rules, judged on the
    /// daily counts. Failures in a row need the records' order, which aggregates do not keep: that
    /// rule is not judged.
    package func evaluate(aggregates: EngineAggregates, version: String? = nil, asOf: LogDay? = nil) throws -> (alerts: [Alert], trend: TrendAnalysis) {
        let trend = try TrendAnalysis(aggregates: aggregates, version: version, windowDays: windowDays, asOf: asOf,
                                      anomalyThresholdPP: anomalyThresholdPP, alpha: alpha)
        return (alerts(trend: trend, failingSteps: [], version: version), trend)
    }
}
