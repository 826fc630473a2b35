/// The one rule that puts a record on a day, for every command that counts by day (the gate's
/// daily chart, a baseline's daily history, trend, alert, dashboard and its anomaly check): the
/// date as written, the first ten bytes of the record's `timestamp` when they are a real
/// `YYYY-MM-DD` date. Nothing after them is read.
///
/// - `2026-11-10T23:30:00-05:00` is on 10 Nov (the day in the logger's own offset, not 11 Nov
///   UTC), as are `2026-11-10T05:50:00Z`, `2026-11-10 05:50:00.961023+00:00` and a bare
///   `2026-11-10`: failure-forensics' `pattern.py` keys them so (`fromisoformat(ts).strftime(...)`).
/// - `2026-02-30T00:00:00Z`, `20261110T05:50:00Z`, ` 2026-11-10` and `yesterday` are on no day:
///   their records are counted as undated.
/// - `2026-11-10T99:00` and `2026-11-10 (retried)` are on 10 Nov: the date is what a day is keyed
///   by, and an engine's SQL can take it as `substr(timestamp, 1, 10)` and agree with the native
///   reader. (Failure-forensics, which parses the whole timestamp, leaves such records out.)
extension LogDay {
    /// The day `timestamp` was written on, or nil when it does not start with a real date.
    ///
    /// ```swift
    /// LogDay(dateAsWrittenIn: "2026-11-10T23:30:00-05:00")?.description   // "2026-11-10"
    /// ```
    init?(dateAsWrittenIn timestamp: String) {
        var text = timestamp
        guard let day = text.withUTF8({ LogDay(dateAsWrittenIn: $0) }) else { return nil }
        self = day
    }

    /// The day a timestamp's UTF-8 `bytes` were written on, or nil when they do not start with a
    /// real date (the log reader's fast path).
    init?(dateAsWrittenIn bytes: UnsafeBufferPointer<UInt8>) {
        guard let day = Self.parse(date: bytes) else { return nil }
        self = day
    }
}
