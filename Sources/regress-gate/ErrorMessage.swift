import RegressionKit

/// What the tool says of an error that stopped a command: the library's message, and, for an
/// error a flag can get past, which flag; for a baseline to create, the command that does (the
/// library names neither).
enum ErrorMessage {
    /// The text after `error: `.
    static func text(_ error: any Error) -> String {
        switch error {
        case let error as UsageError:
            return error.message
        case let LogReadError.badLine(line):
            let fix = switch line.unit {
            case .line: "fix the line"
            case .protobufRequest: "fix or export the file again"
            case .trace: "fix the trace, or say where its version is with --version-attribute KEY or --trace-mapping FILE"
            }
            return "\(line) (\(fix), or pass --max-bad-lines N to skip up to N bad \(line.unit == .trace ? "traces" : "lines"))"
        case let LogReadError.tooManyBadLines(limit, last):
            return "\(last) (more than \(limit) bad line\(limit == 1 ? "" : "s"), the limit set by --max-bad-lines)"
        case let error as BaselineError:
            let text = error.description(creatingWith: "'regress-gate baseline update --logs LOGS --version VERSION --baseline \(error.path)'")
            if case .missing = error { return text + ", or pass --baseline PATH" }   // or it is elsewhere
            return text
        default:
            return "\(error)"
        }
    }
}
