import RegressionKit

/// What the tool says of an error that stopped a command: the library's message, and, for an
/// error a flag can get past, which flag (the library names none).
enum ErrorMessage {
    /// The text after `error: `.
    static func text(_ error: any Error) -> String {
        switch error {
        case let error as UsageError:
            return error.message
        case let LogReadError.badLine(line):
            return "\(line) (fix the line, or pass --max-bad-lines N to skip up to N bad lines)"
        case let LogReadError.tooManyBadLines(limit, last):
            return "\(last) (more than \(limit) bad line\(limit == 1 ? "" : "s"), the limit set by --max-bad-lines)"
        default:
            return "\(error)"
        }
    }
}
