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

    /// Failed / total, 0...1 (0 with no records): the ancestor's daily `failure_rate`, unrounded.
    var rate: Double { total == 0 ? 0 : Double(failed) / Double(total) }
}

/// Counts step records per day from a stream of records, as failure-forensics' `pattern.py`
/// does: a record's day is the date part of its timestamp; a record without a parseable
/// timestamp has no day (it is counted in `undated`).
///
/// Memory grows with days × steps, never with records.
/// ```swift
/// var daily = DailyRateCollector()
/// try LogReader(sources: [.file("requests.jsonl")]).read { daily.add($0) }
/// daily.days.last?.rate
/// ```
struct DailyRateCollector: Sendable {
    private var byDay: [LogDay: DayCounts] = [:]
    /// Step names in order of first appearance.
    private(set) var stepOrder: [String] = []
    private var knownSteps = Set<String>()
    /// Records without a parseable timestamp.
    private(set) var undated = 0
    /// Only this version's records, when set.
    var version: String?

    /// Collects every version's records, or only `version`'s.
    init(version: String? = nil) { self.version = version }

    /// Adds one record.
    mutating func add(_ record: StepRecord) {
        if let version, record.promptVersion != version { return }
        guard let text = record.timestamp, let t = LogTimestamp(text) else { undated += 1; return }
        if knownSteps.insert(record.stepName).inserted { stepOrder.append(record.stepName) }
        var day = byDay[t.day] ?? DayCounts(day: t.day)
        day.total += 1
        var step = day.steps[record.stepName] ?? StepCounts(total: 0, failed: 0)
        step.total += 1
        if !record.success {
            day.failed += 1
            step.failed += 1
        }
        day.steps[record.stepName] = step
        byDay[t.day] = day
    }

    /// Every day with records, in order.
    var days: [DayCounts] { byDay.keys.sorted().map { byDay[$0]! } }
}
