import Foundation

/// Timestamps as the ancestor writes them: Python's `datetime.now(timezone.utc).isoformat()`.
enum LogTimestamp {
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
