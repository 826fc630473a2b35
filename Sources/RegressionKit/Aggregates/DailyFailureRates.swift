/// Step failure rates per calendar day of the logs, keyed by the date part of each record's
/// `timestamp` (`2026-11-10` of `2026-11-10T08:00:00+00:00`, the day in the logger's own offset).
///
/// Deliberately small: what the HTML report's daily chart needs. Records without a timestamp
/// are not counted. Two accumulators merge, so logs read in pieces add up.
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

    private var counts: [String: (steps: Int, failed: Int)] = [:]
    private var lastDate: String?
    /// `lastDate`'s ten bytes as two words, compared with each record's.
    private var lastDateWords: (UInt64, UInt16) = (0, 0)
    private var pending: (steps: Int, failed: Int) = (0, 0)

    /// An empty accumulator.
    init() {}

    /// Counts `record` under its timestamp's date; ignores it when it has none.
    mutating func add(_ record: StepRecord) {
        guard let date = Self.date(of: record.timestamp) else { return }
        counts[date, default: (0, 0)].steps += 1
        if !record.success { counts[date, default: (0, 0)].failed += 1 }
    }

    /// Adds another accumulator's counts (logs read in pieces).
    /// Adds a scanned record (the reader's fast path). Logs come day by day, so the last day's
    /// date is kept and compared as bytes before any string is made.
    mutating func add(_ raw: RawStepRecord) {
        guard let t = raw.timestamp else { return }
        let sameDay: Bool = raw.withBytes(t) { bytes in
            guard bytes.count >= 10, lastDate != nil else { return false }
            return Self.dateWords(bytes) == lastDateWords
        }
        if sameDay {   // the common case: a count kept aside, no string, no hashing
            pending.steps += 1
            if !raw.success { pending.failed += 1 }
            return
        }
        flush()
        guard let date = raw.withBytes(t, { Self.date(ofBytes: $0) }) else { return }
        lastDate = date
        lastDateWords = raw.withBytes(t) { Self.dateWords($0) }
        pending = (1, raw.success ? 0 : 1)
    }

    /// Moves the counts kept aside for `lastDate` into `counts`.
    private mutating func flush() {
        guard let last = lastDate, pending.steps > 0 else { return }
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

    static func date(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 10 else { return nil }
        for i in 0..<10 {
            let byte = bytes[i]
            let ok = i == 4 || i == 7 ? byte == UInt8(ascii: "-") : (0x30...0x39).contains(byte)
            guard ok else { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<10]), as: UTF8.self)
    }

    mutating func merge(_ other: DailyFailureRates) {
        var other = other
        other.flush()
        flush()
        for (date, c) in other.counts {
            counts[date, default: (0, 0)].steps += c.steps
            counts[date, default: (0, 0)].failed += c.failed
        }
    }

    /// Every day with records, in date order.
    var days: [Day] {
        var all = self
        all.flush()
        return all.counts.keys.sorted().map { Day(date: $0, steps: all.counts[$0]!.steps, failed: all.counts[$0]!.failed) }
    }

    /// The `YYYY-MM-DD` prefix of an ISO 8601 timestamp, or nil when it does not start with one.
    static func date(of timestamp: String?) -> String? {
        guard let timestamp else { return nil }
        var count = 0
        for (i, byte) in timestamp.utf8.prefix(10).enumerated() {
            let ok = i == 4 || i == 7 ? byte == UInt8(ascii: "-") : (0x30...0x39).contains(byte)
            guard ok else { return nil }
            count += 1
        }
        guard count == 10 else { return nil }
        return String(timestamp.utf8.prefix(10))!   // a small string: no allocation
    }

    static func == (a: DailyFailureRates, b: DailyFailureRates) -> Bool { a.days == b.days }
}
