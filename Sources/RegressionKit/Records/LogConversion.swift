/// Logs of any format the reader knows, written as the failure-forensics JSONL log: the step
/// records exactly as the gate derived them (a trace's steps with their run id, the trace id),
/// so that a user can diff them, or feed them to failure-forensics.
package enum LogConversion {
    /// Every record `sources` hold, read as `reading` says, as native log lines (each ending in
    /// a newline) in the order the reader hands them on, and what the read saw.
    package static func failureForensicsLines(
        _ sources: [LogSource], reading: LogReading, onBadLine: (LogLineError) -> Void = { _ in }
    ) throws -> (text: String, summary: LogReadSummary) {
        var text = ""
        let summary = try LogReader(sources: sources, reading: reading).read({ record in
            text += record.jsonLine
            text += "\n"
        }, onBadLine: onBadLine)
        guard summary.records > 0 else { throw LogReadError.noRecords(sources: summary.sources) }
        return (text, summary)
    }
}
