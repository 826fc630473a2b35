import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate dashboard`.
    static func runDashboard(_ options: ParsedOptions) throws -> ExitCode {
        let days = try options.count("days") ?? 7
        let config = try options.value("config").map(ForensicsConfig.load) ?? .default
        let dashboard: Dashboard, summary: LogReadSummary
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            (dashboard, summary) = (try Dashboard(aggregates: aggregates, version: options.value("version"), days: days, asOf: try options.day("as-of")), aggregates.summary)
        } else {
            (dashboard, summary) = try Dashboard.read(
                options.list("logs").map(LogSource.init(argument:)), version: options.value("version"), days: days,
                asOf: try options.day("as-of"), config: config,
                reading: try options.logReading(), onBadLine: Console.badLine)
            Console.noteSplitRuns(summary, scope: options.runScope)
        }
        if options.value("format") == "json" {
            try Console.out(dashboard.jsonText(input: summary))
        } else {
            try Console.out(dashboard.render(color: useColor(options.value("color"))))
        }
        noteEmptyWindow(dashboard.trend)
        return .success
    }

    /// Whether stdout gets colour under `--color` (the library's rule, `TerminalStyle.useColor`).
    static func useColor(_ when: String?) -> Bool {
        TerminalStyle.useColor(when.flatMap(ColorChoice.init(rawValue:)) ?? .auto,
                               isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    }
}
