import Foundation

/// A trace's run handed on as scanned records (`RawStepRecord`), as the native format's reader
/// hands on its lines: every command then counts traces exactly as it counts logs.
///
/// Each step's strings are laid end to end in one buffer, and the record's strings are ranges of
/// it with no escapes (a range's bytes are then the text itself).
enum TraceRecords {
    /// Calls `body` with each step of `run` as a record (valid only during the call) and where
    /// its span was read.
    static func forEach(_ run: TraceRun, _ body: (RawStepRecord, SpanOrigin) throws -> Void) rethrows {
        let runID = hexUTF8(run.traceID.high) + hexUTF8(run.traceID.low)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        for step in run.steps {
            buffer.removeAll(keepingCapacity: true)
            func put(_ text: String) -> RawString {
                let start = buffer.count
                buffer.append(contentsOf: text.utf8)
                return RawString(start: start, end: buffer.count)
            }
            let id = RawString(start: 0, end: runID.count)
            buffer.append(contentsOf: runID)
            let version = put(run.version)
            let name = put(step.name)
            let caseID = run.caseID.map(put)
            let input = run.inputSummary.map(put)
            let error = step.errorType.map(put)
            let model = step.modelName.map(put)
            let start = buffer.count
            appendTimestamp(step.startTimeUnixNano, to: &buffer)
            let timestamp = RawString(start: start, end: buffer.count)
            try buffer.withUnsafeBufferPointer { line in
                var raw = RawStepRecord(line: line)
                raw.runID = id
                raw.promptVersion = version
                raw.stepName = name
                raw.caseID = caseID
                raw.inputSummary = input
                raw.errorType = error
                raw.modelName = model
                raw.timestamp = timestamp
                raw.success = step.success
                raw.latencyMS = step.latencyMS
                raw.tokenCount = step.tokenCount
                try body(raw, step.origin)
            }
        }
    }
}

extension TraceRecords {
    /// `value` as 16 lowercase hex digits (`TraceID.hex`'s, without a `String`).
    static func hexUTF8(_ value: UInt64) -> [UInt8] {
        (0..<16).map { k in
            let digit = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(k))) & 0xF
            return digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
        }
    }

    /// Appends the instant `unixNano` as `LogTimestamp.format` writes it (UTC, microseconds when
    /// not zero, `+00:00`), straight into the record's bytes: one per step of every trace.
    static func appendTimestamp(_ unixNano: UInt64, to buffer: inout [UInt8]) {
        let seconds = Int(unixNano / 1_000_000_000)
        let (year, month, day) = civilDate(daysSince1970: seconds / 86_400)   // 1970 to 2554: four-digit years
        let secondOfDay = seconds % 86_400
        func two(_ value: Int) {
            buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
            buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
        }
        two(year / 100); two(year % 100)
        buffer.append(UInt8(ascii: "-")); two(month)
        buffer.append(UInt8(ascii: "-")); two(day)
        buffer.append(UInt8(ascii: "T")); two(secondOfDay / 3600)
        buffer.append(UInt8(ascii: ":")); two(secondOfDay / 60 % 60)
        buffer.append(UInt8(ascii: ":")); two(secondOfDay % 60)
        let microseconds = Int(unixNano % 1_000_000_000 / 1000)
        if microseconds != 0 {
            buffer.append(UInt8(ascii: "."))
            var divisor = 100_000
            while divisor > 0 {
                buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: microseconds / divisor % 10))
                divisor /= 10
            }
        }
        buffer.append(contentsOf: "+00:00".utf8)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`):
    /// arithmetic only, where `gmtime_r` would be a library call for every step of every trace.
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153   // March is 0
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }
}
