/// What one read of the logs gathers for one version: its statistics, daily rates and first
/// failures (the gate's candidate; the version a baseline freezes). Mergeable, so large logs are
/// read in pieces.
struct OneVersionAccumulator: LogAccumulator {
    var stats: StatsAccumulator
    var daily = DailyFailureRates()
    var firstFailures = FirstFailureTally()

    init(version: String, expectedBytes: Int = 0) {
        stats = StatsAccumulator(version: version, expectedBytes: expectedBytes)
    }

    mutating func take(_ raw: RawStepRecord) {
        guard stats.add(raw) else { return }   // only the version's records are accumulated
        daily.add(raw)
        firstFailures.add(raw)
    }

    mutating func flush() { stats.flush() }

    mutating func merge(_ later: OneVersionAccumulator) {
        stats.merge(later.stats)
        daily.merge(later.daily)
        firstFailures.merge(later.firstFailures)
    }

    mutating func mergeFile(_ later: OneVersionAccumulator, keepingRunsApart tag: [UInt8]?) -> [[UInt8]] {
        let shared = stats.mergeFile(later.stats, keepingRunsApart: tag)
        daily.merge(later.daily)
        firstFailures.merge(later.firstFailures, keepingRunsApart: shared.isEmpty ? nil : tag)
        return shared
    }
}
