import Foundation

/// A calendar day as a log writes it: the `YYYY-MM-DD` date part of a record's timestamp.
///
/// The day is the date in the timestamp's own offset, as failure-forensics' `pattern.py` takes it
/// (`datetime.fromisoformat(ts).strftime("%Y-%m-%d")`): `2026-11-10T23:30:00-05:00` is on
/// 10 Nov, not 11 Nov UTC. Days compare and step in whole days.
package struct LogDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    var daysSinceEpoch: Int

    /// The day `daysSinceEpoch` days after 1970-01-01.
    init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Parses `YYYY-MM-DD` (a real date: `2026-02-30` is nil).
    ///
    /// ```swift
    /// LogDay("2026-11-10")!.advanced(by: 1).description   // "2026-11-11"
    /// ```
    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let day = bytes.withUnsafeBufferPointer(Self.parse(date:)) else { return nil }
        self = day
    }

    /// The day `n` days later (earlier when negative).
    package func advanced(by n: Int) -> LogDay { LogDay(daysSinceEpoch: daysSinceEpoch + n) }

    /// `YYYY-MM-DD`.
    package var description: String {
        // Civil from days (H. Hinnant's algorithm).
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// Earlier days first.
    package static func < (a: LogDay, b: LogDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// Parses the `YYYY-MM-DD` that `b` starts with (a real date), reading nothing after it.
    static func parse(date b: UnsafeBufferPointer<UInt8>) -> LogDay? {
        func number(_ i: Int, _ count: Int) -> Int? {
            var n = 0
            for k in i..<(i + count) {
                let c = b[k]
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(c - UInt8(ascii: "0"))
            }
            return n
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = number(0, 4), let m = number(5, 2), let d = number(8, 2),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        // Days from civil (H. Hinnant's algorithm).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return LogDay(daysSinceEpoch: era * 146_097 + doe - 719_468)
    }

    static func digits(_ b: [UInt8], _ i: Int, _ count: Int) -> Int? {
        guard b.count >= i + count else { return nil }
        var n = 0
        for k in i..<(i + count) {
            let c = b[k]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    private static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A record's ISO 8601 timestamp, parsed exactly: its day as written and its instant.
///
/// Accepts what Python's `datetime.isoformat()` writes and `fromisoformat` reads back:
/// `2026-11-10T05:50:00+00:00`, `2026-11-10T05:50:00.961023+00:00`, `Z` for UTC, `T` or a space
/// between date and time, 1 to 9 fraction digits (kept to the microsecond), `HH:MM` without
/// seconds, a bare date (midnight). A timestamp without an offset is taken as UTC.
///
/// ```swift
/// let t = LogTimestamp("2026-11-10T23:30:00-05:00")!
/// t.day.description          // "2026-11-10" (the date as written)
/// t.microsecondsSinceEpoch   // the instant 2026-11-11T04:30:00Z
/// ```
struct LogTimestamp: Sendable, Hashable, Comparable {
    /// The date part as written (the record's local day).
    var day: LogDay
    /// The instant, microseconds since 1970-01-01T00:00:00Z.
    var microsecondsSinceEpoch: Int64

    /// Parses `text`; nil when it is not an ISO 8601 date or date-time.
    init?(_ text: String) {
        let b = Array(text.utf8)
        guard let day = b.withUnsafeBufferPointer(LogDay.parse(date:)) else { return nil }
        self.day = day
        var seconds = Int64(day.daysSinceEpoch) * 86_400
        var micros: Int64 = 0
        var i = 10
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " "),
                  let h = LogDay.digits(b, i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                  let m = LogDay.digits(b, i + 4, 2), h < 24, m < 60 else { return nil }
            seconds += Int64(h * 3600 + m * 60)
            i += 6
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard let s = LogDay.digits(b, i + 1, 2), s < 60 else { return nil }
                seconds += Int64(s)
                i += 3
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var count = 0
                    while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                        if count < 6 { micros = micros * 10 + Int64(b[i] - UInt8(ascii: "0")) }
                        count += 1
                        i += 1
                    }
                    guard (1...9).contains(count) else { return nil }
                    for _ in min(count, 6)..<6 { micros *= 10 }
                }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else {
                    guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                          let oh = LogDay.digits(b, i + 1, 2), oh < 24 else { return nil }
                    let west = b[i] == UInt8(ascii: "-")
                    var offset = oh * 3600
                    i += 3
                    if i < b.count {
                        if b[i] == UInt8(ascii: ":") { i += 1 }
                        guard let om = LogDay.digits(b, i, 2), om < 60 else { return nil }
                        offset += om * 60
                        i += 2
                    }
                    seconds -= Int64(west ? -offset : offset)
                }
            }
            guard i == b.count else { return nil }
        }
        microsecondsSinceEpoch = seconds * 1_000_000 + micros
    }

    /// Orders by instant.
    static func < (a: LogTimestamp, b: LogTimestamp) -> Bool {
        a.microsecondsSinceEpoch < b.microsecondsSinceEpoch
    }
}

/// Writing timestamps as failure-forensics does: Python's `datetime.now(timezone.utc).isoformat()`.
extension LogTimestamp {
    /// The current time, e.g. `2026-06-11T01:53:53.961023+00:00`.
    static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return format(secondsSince1970: Int(now.tv_sec), microseconds: Int(now.tv_nsec) / 1000)
    }

    /// `2026-06-11T01:53:53.961023+00:00`; like Python, without the fraction when `microseconds` is 0.
    static func format(secondsSince1970 seconds: Int, microseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var out = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        out += "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if microseconds != 0 { out += "." + pad(Int32(microseconds), 6) }
        return out + "+00:00"
    }
}
