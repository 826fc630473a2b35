import Foundation

/// Per-version statistics as `regress-gate stats` prints them, in text or JSON.
package struct StatsReport: Sendable, Equatable {
    /// Every version in the logs, in order of first appearance.
    var versions: [VersionStats]
    /// What reading the logs saw.
    var input: LogReadSummary

    /// Creates a report.
    package init(versions: [VersionStats], input: LogReadSummary) {
        self.versions = versions
        self.input = input
    }

    /// `{"versions": [...], "input": {...}}`, deterministic and pretty-printed.
    package func jsonText() -> String {
        JSONValue.object([
            "format_version": .number(1),
            "versions": .array(versions.map(\.reportJSON)),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    /// One block per version: its totals, then a table of its steps.
    package func text() -> String {
        (TerminalText.joined(versions.map(\.reportText), separator: "\n") + "\n\(input.textLine)\n").string
    }
}

extension VersionStats {
    /// Totals on one line, then a table of the steps.
    var reportText: TerminalText {
        let v = self
        var out: TerminalText = ""
        do {
            out += "\(v.version): \(v.runs) runs (\(ReportFormat.percent(v.runFailureRate)) failed), \(v.totalSteps) steps, \(v.failedSteps) failed (\(ReportFormat.percent(v.stepFailureRate)))"
            if let first = v.firstTimestamp, let last = v.lastTimestamp {
                out += "\n  from \(first.prefix(19)) to \(last.prefix(19))"
            }
            out += "\n"
            var table = TextTable([("step", .left), ("steps", .right), ("failed", .right), ("rate", .right),
                                   ("p50 ms", .right), ("p95 ms", .right), ("top errors", .left)])
            for name in v.stepOrder {
                let s = v.steps[name]!
                let errors = s.errorTypes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .prefix(2).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                table.add([ReportFormat.clip(name, 16), "\(s.total)", "\(s.failed)", ReportFormat.percent(s.failureRate),
                           s.latencyP50MS.map { String(format: "%.0f", $0) } ?? "—",
                           s.latencyP95MS.map { String(format: "%.0f", $0) } ?? "—",
                           ReportFormat.clip(errors, 24)])
            }
            out += table.render()
        }
        return out
    }

    /// A version in the `stats --format json` contract.
    var reportJSON: JSONValue {
        .object([
            "version": .string(version),
            "runs": .number(runs),
            "failed_runs": .number(failedRuns),
            "run_failure_rate": .number(runFailureRate),
            "steps": .number(totalSteps),
            "failed": .number(failedSteps),
            "failure_rate": .number(stepFailureRate),
            "cases": .number(cases.count),
            "first_timestamp": .string(firstTimestamp),
            "last_timestamp": .string(lastTimestamp),
            "per_step": .array(stepOrder.map { name in
                let s = steps[name]!
                return .object([
                    "step": .string(name),
                    "total": .number(s.total),
                    "failed": .number(s.failed),
                    "failure_rate": .number(s.failureRate),
                    "runs": .number(s.runs),
                    "failed_runs": .number(s.failedRuns),
                    "latency_p50_ms": s.latencyP50MS.map(JSONValue.number) ?? .null,
                    "latency_p95_ms": s.latencyP95MS.map(JSONValue.number) ?? .null,
                    "error_types": .object(s.errorTypes.mapValues { .number($0) }),
                ])
            }),
        ])
    }
}
