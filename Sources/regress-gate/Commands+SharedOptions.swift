import RegressionKit

/// Options several commands declare alike, declared once.
extension Commands {
    static let logs = OptionSpec(name: "logs", valueName: "file", help: "Step logs to read: failure-forensics JSONL, or OpenTelemetry traces (OTLP JSON or protobuf); '-' reads standard input, in any of these formats.", multiple: true, required: true)
    static let maxBadLines = OptionSpec(name: "max-bad-lines", valueName: "n", help: "Skip up to n invalid log lines (each reported on stderr) instead of stopping at the first.", defaultValue: "0", kind: .integer(atLeast: 0))
    static let runScope = OptionSpec(name: "run-scope", valueName: "scope", help: "Whether a run id names one run across all --logs files (all) or only within its file (file): shards whose ids restart, like r0...r999 in each, need file.", defaultValue: "all", allowed: RunScope.allCases.map(\.rawValue))
    static let logFormat = OptionSpec(name: "log-format", valueName: "format", help: "The format of every --logs file: auto tells each file's from its first bytes (a pipe's too); failure-forensics (or ancestor) is the JSONL log; otlp is OpenTelemetry traces, JSON or protobuf.", defaultValue: "auto", allowed: ["auto"] + LogFormatID.allCases.map(\.name) + ["ancestor"])
    static let versionAttribute = OptionSpec(name: "version-attribute", valueName: "key", help: "Traces: the attribute holding a run's version, instead of the defaults (service.version, langfuse.version, ...). KEY is the root span's (else any span's), resource.KEY the resource's, root.KEY the root's, metadata.KEY a member of the root's OpenInference metadata.")
    static let caseAttribute = OptionSpec(name: "case-attribute", valueName: "key", help: "Traces: the attribute holding a run's case, instead of the defaults (session.id, ...); keys as for --version-attribute.")
    static let stepAttribute = OptionSpec(name: "step-attribute", valueName: "key", help: "Traces: name each step by this attribute of its span (KEY, or resource.KEY), e.g. traceloop.entity.name, instead of the span's name.")
    static let traceMapping = OptionSpec(name: "trace-mapping", valueName: "file", help: "Traces: a JSON file with any of version, case, input (a key or a list of keys) and step (a key); flags given beside it win.")

    /// How logs are read, on every command that reads them: the bad-line limit, run scope,
    /// format and trace mapping (`ParsedOptions.logReading()` reads them).
    static let logReading = [maxBadLines, runScope, logFormat, versionAttribute, caseAttribute, stepAttribute, traceMapping]

    static let baseline = OptionSpec(name: "baseline", valueName: "path", help: "The baseline snapshot file.", defaultValue: BaselineStore.defaultPath)

    /// `--format text|json`, for commands without markdown.
    static let textOrJSON = OptionSpec(name: "format", valueName: "format", help: "Output format.", defaultValue: "text", allowed: ["text", "json"])

    static let asOf = OptionSpec(name: "as-of", valueName: "date", help: "Judge this day as today; later records are ignored. Default: the latest day in the logs.", kind: .date)
    static let days = OptionSpec(name: "days", valueName: "n", help: "Days in the window, today included.", defaultValue: "7", kind: .integer(atLeast: 1))
    static let anomalyThreshold = OptionSpec(name: "anomaly-threshold-pp", valueName: "pp", help: "Rise over the earlier days' mean that can be an anomaly.", defaultValue: "20", kind: .number(atLeast: 0))
}
