import RegressionKit

/// Options several commands declare alike, declared once.
extension Commands {
    static let logs = OptionSpec(name: "logs", valueName: "file", help: "Step logs to read: failure-forensics JSONL, or OpenTelemetry traces (OTLP JSON or protobuf); '-' reads standard input (JSONL).", multiple: true, required: true)
    static let maxBadLines = OptionSpec(name: "max-bad-lines", valueName: "n", help: "Skip up to n invalid log lines (each reported on stderr) instead of stopping at the first.", defaultValue: "0", kind: .integer(atLeast: 0))
    static let runScope = OptionSpec(name: "run-scope", valueName: "scope", help: "Whether a run id names one run across all --logs files (all) or only within its file (file): shards whose ids restart, like r0...r999 in each, need file.", defaultValue: "all", allowed: RunScope.allCases.map(\.rawValue))
    static let baseline = OptionSpec(name: "baseline", valueName: "path", help: "The baseline snapshot file.", defaultValue: BaselineStore.defaultPath)

    /// `--format text|json`, for commands without markdown.
    static let textOrJSON = OptionSpec(name: "format", valueName: "format", help: "Output format.", defaultValue: "text", allowed: ["text", "json"])

    static let asOf = OptionSpec(name: "as-of", valueName: "date", help: "Judge this day as today; later records are ignored. Default: the latest day in the logs.", kind: .date)
    static let days = OptionSpec(name: "days", valueName: "n", help: "Days in the window, today included.", defaultValue: "7", kind: .integer(atLeast: 1))
    static let anomalyThreshold = OptionSpec(name: "anomaly-threshold-pp", valueName: "pp", help: "Rise over the earlier days' mean that can be an anomaly.", defaultValue: "20", kind: .number(atLeast: 0))
}
