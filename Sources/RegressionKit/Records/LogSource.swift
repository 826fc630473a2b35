/// Where log lines come from: a file path, or standard input (written `-` on the command line).
public enum LogSource: Sendable, Hashable, CustomStringConvertible {
    /// A JSONL file at this path.
    case file(String)
    /// The process's standard input.
    case standardInput

    /// Parses a command-line argument: `-` is standard input, anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .file(argument)
    }

    /// The name used in messages and in a baseline's provenance: the path as given, or `-`.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        }
    }
}
