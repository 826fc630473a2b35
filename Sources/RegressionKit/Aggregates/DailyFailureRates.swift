/// Step failure rates per calendar day of the logs: the one daily-rate collector. A record's day
/// is the date as written at the start of its `timestamp` (`2026-11-10` of
/// `2026-11-10T23:30:00-05:00`, the day in the logger's own offset; see
/// `LogDay.init(dateAsWrittenIn:)` for the rule); a record without one is counted as undated.
///
/// The gate's daily chart and a baseline's daily history take it from the reader's fast path;
/// the monitoring commands keep one for all records and one per step (`DailyRateCollector`).
/// Two accumulators merge, so logs read in pieces add up.
///
/// ```swift
/// var daily = DailyFailureRates()
/// records.forEach { daily.add($0) }
/// daily.days.map(\.failureRate)   // [0.06, 0.07, ..., 0.27, ...]
/// ```
struct DailyFailureRates: Sendable, Equatable {
    /// One day's counts.
    struct Day: Sendable, Equatable {
        /// The date, `YYYY-MM-DD`, as written in the timestamps.
        var date: String
        /// Step records logged that day.
        var steps: Int
        /// Failed step records logged that day.
        var failed: Int

        /// Failed step records / step records, 0...1.
        var failureRate: Double { steps == 0 ? 0 : Double(failed) / Double(steps) }
    }

    /// Step records and failed step records.
    private typealias Counts = (steps: Int, failed: Int)

    private var counts: [LogDay: Counts] = [:]
    private var lastDay: LogDay?
    /// The first ten bytes of `lastDay`'s timestamp as two words, compared with each record's.
    private var lastDateWords: (UInt64, UInt16) = (0, 0)
    private var pending: Counts = (0, 0)
    /// Records whose timestamp is missing or does not start with a real date: on no day.
    private(set) var undated = 0

    /// An empty accumulator.
    init() {}

    /// Counts `record` on its timestamp's date, or as undated.
    mutating func add(_ record: StepRecord) {
        add(day: record.timestamp.flatMap(LogDay.init(dateAsWrittenIn:)), failed: !record.success)
    }

    /// Counts a step record on `day`, or as undated when nil.
    mutating func add(day: LogDay?, failed: Bool) {
        guard let day else { undated += 1; return }
        counts[day, default: (0, 0)].steps += 1
        if failed { counts[day, default: (0, 0)].failed += 1 }
    }

    /// Counts `steps` step records, `failed` of them failed, on `day` (undated when nil): a day's
    /// row of an engine's aggregates.
    mutating func add(day: LogDay?, steps: Int, failed: Int) {
        guard let day else { undated += steps; return }
        counts[day, default: (0, 0)].steps += steps
        counts[day, default: (0, 0)].failed += failed
    }

    /// Adds a scanned record (the reader's fast path). Logs come day by day, so the last day is
    /// kept and each record's date compared with it as bytes before any is parsed or hashed.
    mutating func add(_ raw: RawStepRecord) {
        guard let t = raw.timestamp else { undated += 1; return }
        let sameDay: Bool = raw.withBytes(t) { bytes in
            guard bytes.count >= 10, lastDay != nil else { return false }
            return Self.dateWords(bytes) == lastDateWords
        }
        if sameDay {   // the common case: a count kept aside, no parsing, no hashing
            pending.steps += 1
            if !raw.success { pending.failed += 1 }
            return
        }
        flush()
        guard let day = raw.withBytes(t, { LogDay(dateAsWrittenIn: $0) }) else { undated += 1; return }
        lastDay = day
        lastDateWords = raw.withBytes(t) { Self.dateWords($0) }
        pending = (1, raw.success ? 0 : 1)
    }

    /// Moves the counts kept aside for `lastDay` into `counts`.
    private mutating func flush() {
        guard let last = lastDay, pending.steps > 0 else { return }
        counts[last, default: (0, 0)].steps += pending.steps
        counts[last, default: (0, 0)].failed += pending.failed
        pending = (0, 0)
    }

    /// The first ten bytes of `bytes` (at least ten) as two words.
    @inline(__always)
    private static func dateWords(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16) {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        return (base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    }

    /// Adds another accumulator's counts (logs read in pieces).
    mutating func merge(_ other: DailyFailureRates) {
        var other = other
        other.flush()
        flush()
        for (day, c) in other.counts {
            counts[day, default: (0, 0)].steps += c.steps
            counts[day, default: (0, 0)].failed += c.failed
        }
        undated += other.undated
    }

    /// Every day with records, in date order, with its counts.
    var countsByDay: [(day: LogDay, steps: Int, failed: Int)] {
        var all = self
        all.flush()
        return all.counts.keys.sorted().map { ($0, all.counts[$0]!.steps, all.counts[$0]!.failed) }
    }

    /// Every day with records, in date order.
    var days: [Day] {
        countsByDay.map { Day(date: $0.day.description, steps: $0.steps, failed: $0.failed) }
    }

    /// The same days with the same counts, and as many undated records.
    static func == (a: DailyFailureRates, b: DailyFailureRates) -> Bool {
        a.days == b.days && a.undated == b.undated
    }
}
