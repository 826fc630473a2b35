/// One day's step records: how many, how many failed, per step.
struct DayCounts: Sendable, Equatable {
    /// The day (the date part of the timestamps, as written).
    var day: LogDay
    /// Step records that day.
    var total = 0
    /// Failed step records that day.
    var failed = 0
    /// Per step: records and failed records.
    var steps: [String: StepCounts] = [:]

    /// No records yet on `day`.
    init(day: LogDay) { self.day = day }

    /// Failed / total, 0...1 (0 with no records): failure-forensics' daily `failure_rate`, unrounded.
    var rate: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}

/// Counts step records per day and, within each day, per step: the daily rates the monitoring
/// commands (trend, alert, dashboard) judge. It keeps a `DailyFailureRates` for all records and
/// one for each step, so a day is the date as written, as everywhere (see
/// `LogDay.init(dateAsWrittenIn:)`); a record without such a date is in no day (it is counted
/// in `undated`).
///
/// Memory grows with days × steps, never with records.
/// ```swift
/// var daily = DailyRateCollector()
/// try LogReader(sources: [.file("requests.jsonl")]).read { daily.add($0) }
/// daily.days.last?.rate
/// ```
struct DailyRateCollector: Sendable {
    var all = DailyFailureRates()
    var byStep: [String: DailyFailureRates] = [:]
    /// Step names in order of first appearance.
    var stepOrder: [String] = []
    /// Records without a usable date.
    var undated: Int { all.undated }
    /// Only this version's records, when set.
    var version: String?

    /// Collects every version's records, or only `version`'s.
    init(version: String? = nil) { self.version = version }

    /// Adds one record.
    mutating func add(_ record: StepRecord) {
        if let version, record.promptVersion != version { return }
        let day = record.timestamp.flatMap(LogDay.init(dateAsWrittenIn:))
        all.add(day: day, failed: !record.success)
        guard let day else { return }
        if byStep[record.stepName] == nil { stepOrder.append(record.stepName) }
        byStep[record.stepName, default: DailyFailureRates()].add(day: day, failed: !record.success)
    }

    /// Every day with records, in order.
    var days: [DayCounts] {
        var days = all.countsByDay.map { d in
            var counts = DayCounts(day: d.day)
            (counts.total, counts.failed) = (d.steps, d.failed)
            return counts
        }
        let index = Dictionary(uniqueKeysWithValues: days.indices.map { (days[$0].day, $0) })
        for (step, rates) in byStep {
            for d in rates.countsByDay { days[index[d.day]!].steps[step] = StepCounts(total: d.steps, failed: d.failed) }
        }
        return days
    }
}
