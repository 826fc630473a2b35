/// The progress line a long read of logs shows on a terminal's stderr:
/// `reading big.jsonl: 120 of 347 MB (34 %), 310000 records`.
///
/// Shown only after `delaySeconds` (a quick read shows nothing), then at most every
/// `intervalSeconds`; the caller supplies the clock and decides whether stderr is a terminal.
/// Each line starts with a carriage return and clears to the end of the line, so it overwrites
/// the previous one; `finish()` clears it.
package struct ReadProgressLine: Sendable {
    /// Seconds from the start of the read before the first line.
    var delaySeconds: Double
    /// Seconds between lines.
    var intervalSeconds: Double
    private let start: Double
    private var lastShown: Double?

    /// A progress line for a read that started at `start` (seconds, any monotonic clock).
    package init(start: Double, delaySeconds: Double = 2, intervalSeconds: Double = 0.25) {
        self.start = start
        self.delaySeconds = delaySeconds
        self.intervalSeconds = intervalSeconds
    }

    /// Whether a line has been shown (and so must be cleared).
    var isShowing: Bool { lastShown != nil }

    /// The text to write to stderr for `progress` at time `now`, or nil when it is too early.
    package mutating func update(_ progress: LogReadProgress, now: Double) -> String? {
        guard now - start >= delaySeconds else { return nil }
        if let last = lastShown, now - last < intervalSeconds { return nil }
        lastShown = now
        return "\r\u{1B}[K" + Self.describe(progress)
    }

    /// What clears the line at the end of the read ("" when none was shown).
    package func finish() -> String { isShowing ? "\r\u{1B}[K" : "" }

    /// `reading big.jsonl: 120 of 347 MB (34 %), 310000 records`; without a size (a pipe): `reading -: 120 MB, ...`.
    static func describe(_ p: LogReadProgress) -> String {
        let mb = { (bytes: Int) in String(bytes / 1_000_000) }
        var text = "reading \(VisibleText.escape(ReportFormat.clip(p.source, 32))): \(mb(p.bytesRead))"   // a file name can hold anything too
        if let total = p.totalBytes, total > 0 {
            text += " of \(mb(total)) MB (\(min(100, p.bytesRead * 100 / total)) %)"
        } else {
            text += " MB"
        }
        return text + ", \(p.records) records"
    }
}
