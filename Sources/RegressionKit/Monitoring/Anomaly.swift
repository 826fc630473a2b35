/// Is the latest day's failure rate an anomaly?
///
/// Two conditions, both required:
/// 1. failure-forensics' rule (`pattern.detect_anomaly`): the day's step failure rate exceeds
///    the plain mean of the earlier days' rates by more than `thresholdPP` (20 pp);
/// 2. the excess is more than noise for that day's sample size and the history's: the exact
///    one-sided Fisher test of the day's failures against the earlier days' pooled counts gives
///    p <= `alpha` (0.05). Five records of which two failed exceed a 10 % history by 30 pp, but
///    that happens by chance 9 % of the time: not an anomaly.
///
/// Each day is judged again as the days go by, so the test must hold its level on every day, not
/// once: under a stable rate a day is flagged with probability at most `alpha`, so at most about
/// `alpha` of days are, however long the history. Fisher's test compares two samples, so the
/// earlier days' own sampling error counts; a binomial test against their pooled rate taken as
/// exact flagged 5.8 % of stable days at 400 records a day (scripts/verdict-quality, part 4).
///
/// ```swift
/// let check = AnomalyCheck(today: days.last!, previous: days.dropLast())
/// check.anomaly   // true or false; check.message says why
/// ```
package struct AnomalyCheck: Sendable, Equatable {
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
    /// Their failures / records, 0...1: the earlier sample the Fisher test compares the day with.
    var previousPooledRate: Double
    /// `todayRate - previousMeanRate`, percentage points.
    var deltaPP: Double
    /// The rise that counts (pp) and the test's level.
    var thresholdPP: Double
    var alpha: Double
    /// Condition 1 holds.
    var exceedsThreshold: Bool
    /// One-sided exact Fisher p-value of the day's failures against the earlier days' pooled counts.
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
            : FisherExactTest.oneSidedPValue(baselineFailures: pooledFailed, baselineTrials: pooledTotal,
                                             candidateFailures: today.failed, candidateTrials: today.total)
        anomaly = exceedsThreshold && pValue <= alpha
    }

    /// One sentence: the verdict and its numbers.
    var message: String {
        let today = "\(day): \(ReportFormat.percent(todayRate)) (\(todayFailed)/\(todayTotal))"
        if todayTotal == 0 { return "no records on \(day): nothing to judge" }
        if previousDays == 0 { return "\(today); no earlier day to compare with" }
        let before = "\(ReportFormat.percent(previousMeanRate)) on the \(previousDays) day\(previousDays == 1 ? "" : "s") before"
        let p = "Fisher p \(ReportFormat.shortP(pValue))"
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

extension AnomalyCheck {
    /// Whether a day of `failed` failed records of `total` is an anomaly against the earlier days'
    /// counts, under the rule above: what scripts/verdict-quality simulates a stable year with.
    package static func fires(failed: Int, total: Int, previous: [(failed: Int, total: Int)], thresholdPP: Double, alpha: Double) -> Bool {
        var today = DayCounts(day: LogDay(daysSinceEpoch: previous.count))
        today.total = total
        today.failed = failed
        let earlier = previous.enumerated().map { i, counts in
            var day = DayCounts(day: LogDay(daysSinceEpoch: i))
            day.total = counts.total
            day.failed = counts.failed
            return day
        }
        return AnomalyCheck(today: today, previous: earlier, thresholdPP: thresholdPP, alpha: alpha).anomaly
    }
}
