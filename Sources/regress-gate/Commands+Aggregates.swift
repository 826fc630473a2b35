import RegressionKit

/// `--aggregates`: an engine's result read instead of `--logs`, by the commands that take either.
extension Commands {
    static let aggregates = OptionSpec(name: "aggregates", valueName: "file", help: "Read an engine's aggregates instead of --logs: the result of the query 'regress-gate sql' prints, as CSV with a header or JSON lines.")

    /// `--logs`, not required where `--aggregates` may stand in for it.
    static var logsOrAggregates: OptionSpec {
        var option = logs
        option.required = false
        option.help += " Required unless --aggregates."
        return option
    }

    /// The `--aggregates` file, or nil when `--logs` is given: exactly one of the two.
    static func aggregatesPath(_ options: ParsedOptions) throws(UsageError) -> String? {
        let path = options.value("aggregates")
        switch (path, options.list("logs").isEmpty) {
        case (nil, true): throw UsageError(message: "missing '--logs <file>' (or '--aggregates <file>')", command: options.spec.name)
        case (_?, false): throw UsageError(message: "'--logs' and '--aggregates' both given: the gate reads one source", command: options.spec.name)
        default: return path
        }
    }

    /// Every version's statistics from `--aggregates`.
    static func readAggregates(_ path: String) throws -> EngineAggregates {
        try EngineAggregates.load(path)
    }
}
