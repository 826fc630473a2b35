/// A value in the logs that a baseline file cannot hold, found before anything is written: a
/// `latency_ms` above `BaselineSnapshot.maxLatencyMS`, or more records than a count can hold.
///
/// Its `description` names the record when one is to blame, like a compiler diagnostic:
/// `logs/big.jsonl:17: latency_ms 1e+308 of step "generation" is more than the 1e+300 ms a baseline holds`.
struct BaselineLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log file of the record to blame (as given); nil when no one record is, or it came
    /// from standard input.
    var source: String?
    /// Its 1-based line.
    var line: Int?
    /// What cannot be held.
    var message: String

    /// Creates the error.
    init(source: String? = nil, line: Int? = nil, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    var description: String {
        guard let source else { return message }
        return "\(source):\(line.map { "\($0):" } ?? "") \(message)"
    }
}
