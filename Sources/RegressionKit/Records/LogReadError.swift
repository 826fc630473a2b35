/// A log line that is not a valid record, with where it is.
///
/// Its `description` reads like a compiler diagnostic:
/// `logs/requests.jsonl:17:12: "success" must be true or false, found the string "yes"`.
public struct LogLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (as given) or `-` for standard input.
    public var source: String
    /// 1-based line number.
    public var line: Int
    /// 1-based byte column, when known.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// What the line number counts: what a user fixes to get past the error.
    package var unit = LogLineUnit.line

    /// `source:line:column: message`, like a compiler diagnostic (the column left out when unknown).
    public var description: String {
        "\(source):\(line):\(column.map { "\($0):" } ?? "") \(message)"
    }
}

/// What a bad input's `line` counts.
package enum LogLineUnit: Sendable, Equatable {
    /// A line of a text file.
    case line
    /// A request of a binary protobuf file (1 for a raw request).
    case protobufRequest
    /// A trace that gives no run, reported at its root span's line or request.
    case trace
}

/// Why reading logs stopped.
public enum LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file could not be opened (missing, a directory, no permission).
    case cannotOpen(source: String, reason: String)
    /// Reading failed part-way.
    case readFailed(source: String, reason: String)
    /// A bad line when none are tolerated (`maxBadLines` is 0).
    case badLine(LogLineError)
    /// More bad lines than `maxBadLines` allows; carries the one that went over.
    case tooManyBadLines(limit: Int, last: LogLineError)
    /// The logs hold no valid record at all.
    case noRecords(sources: [String])

    /// The error as one line, naming the file (and line) and what to do.
    public var description: String {
        switch self {
        case .cannotOpen(let source, let reason):
            return "cannot open log file '\(source)': \(reason)"
        case .readFailed(let source, let reason):
            return "cannot read log file '\(source)': \(reason)"
        case .badLine(let error):
            return "\(error)"
        case .tooManyBadLines(let limit, let last):
            return "\(last) (more than \(limit) bad line\(limit == 1 ? "" : "s"), the limit)"
        case .noRecords(let sources):
            return "no records in \(sources.joined(separator: ", ")); check the path, or that the logs are failure-forensics JSONL or OpenTelemetry traces (OTLP/JSON or protobuf)"
        }
    }
}
