/// Is the latest day's failure rate an anomaly?
///
/// Two conditions, both required:
/// 1. failure-forensics' rule (`pattern.detect_anomaly`): the day's step failure rate exceeds
///    the plain mean of the earlier days' rates by more than `thresholdPP` (20 pp);
/// 2. the excess is more than noise for that day's sample size: the exact one-sided binomial
///    test of the day's failures against the earlier days' pooled rate gives p <= `alpha`
///    (0.05). Five records of which two failed exceed a 10 % history by 30 pp, but that
///    happens by chance 8 % of the time: not an anomaly.
///
/// ```swift
/// let check = AnomalyCheck(today: days.last!, previous: days.dropLast())
/// check.anomaly   // true or false; check.message says why
/// ```
struct AnomalyCheck: Sendable, Equatable {
    /// The day judged and its counts.
    var day: LogDay
    /// Step records and failed step records that day.
    var todayTotal: Int
    var todayFailed: Int
    /// Its step failure rate, 0...1.
    var todayRate: Double
    /// Earlier days with records that were compared.
    var previousDays: Int
    /// Mean of their daily rates (each day weighs the same, as failure-forensics' `avg_7d`), 0...1.
    var previousMeanRate: Double
    /// Their failures / records, 0...1: the rate the binomial test assumes.
    var previousPooledRate: Double
    /// `todayRate - previousMeanRate`, percentage points.
    var deltaPP: Double
    /// The rise that counts (pp) and the test's level.
    var thresholdPP: Double
    var alpha: Double
    /// Condition 1 holds.
    var exceedsThreshold: Bool
    /// One-sided exact binomial p-value of the day's failures against the pooled earlier rate.
    var pValue: Double
    /// Both conditions hold.
    var anomaly: Bool

    /// Judges `today` against the `previous` days (days without records are ignored).
    init(today: DayCounts, previous: some Sequence<DayCounts>, thresholdPP: Double = 20, alpha: Double = 0.05) {
        let earlier = previous.filter { $0.total > 0 }
        day = today.day
        todayTotal = today.total
        todayFailed = today.failed
        todayRate = today.rate
        previousDays = earlier.count
        previousMeanRate = earlier.isEmpty ? 0 : earlier.reduce(0) { $0 + $1.rate } / Double(earlier.count)
        let pooledTotal = earlier.reduce(0) { $0 + $1.total }, pooledFailed = earlier.reduce(0) { $0 + $1.failed }
        previousPooledRate = pooledTotal == 0 ? 0 : Double(pooledFailed) / Double(pooledTotal)
        deltaPP = (todayRate - previousMeanRate) * 100
        self.thresholdPP = thresholdPP
        self.alpha = alpha
        exceedsThreshold = !earlier.isEmpty && today.total > 0 && deltaPP > thresholdPP
        pValue = earlier.isEmpty || today.total == 0 ? 1
            : BinomialTest.upperTailPValue(failures: today.failed, trials: today.total, rate: previousPooledRate)
        anomaly = exceedsThreshold && pValue <= alpha
    }

    /// One sentence: the verdict and its numbers.
    var message: String {
        let today = "\(day): \(ReportFormat.percent(todayRate)) (\(todayFailed)/\(todayTotal))"
        if todayTotal == 0 { return "no records on \(day): nothing to judge" }
        if previousDays == 0 { return "\(today); no earlier day to compare with" }
        let before = "\(ReportFormat.percent(previousMeanRate)) on the \(previousDays) day\(previousDays == 1 ? "" : "s") before"
        let p = "binomial p \(ReportFormat.shortP(pValue))"
        if anomaly {
            return "ANOMALY: \(today) vs \(before): \(ReportFormat.pp(deltaPP)), above the \(Self.number(thresholdPP)) pp threshold and beyond noise (\(p))"
        }
        if exceedsThreshold {
            return "normal: \(today) vs \(before): \(ReportFormat.pp(deltaPP)) is above \(Self.number(thresholdPP)) pp but within noise for \(todayTotal) records (\(p) > \(Self.number(alpha)))"
        }
        return "normal: \(today) vs \(before) (\(ReportFormat.pp(deltaPP)), threshold \(Self.number(thresholdPP)) pp)"
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
