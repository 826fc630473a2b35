/// What `regress-gate flaky` prints: a version's flaky cases, most flaky first, each with a
/// quarantine entry ready to paste into a policy file.
package struct FlakyReport: Sendable {
    /// The version.
    var version: String
    /// Its flaky cases, most flaky first.
    var cases: [FlakyCase]
    /// How many of its cases ran at least twice (so could show both outcomes).
    var repeated: Int
    /// The day a pasted quarantine lasts until: 30 days after the logs' latest day (never the
    /// wall clock: the gate judges quarantine against the logs).
    var until: LogDay?
    /// What reading the logs saw.
    var input: LogReadSummary

    /// The report for `stats`, a version's statistics read with `input`.
    package init(_ stats: VersionStats, input: LogReadSummary) {
        version = stats.version
        cases = FlakyCase.among(stats.cases)
        repeated = stats.cases.values.filter { $0.runs >= 2 }.count
        until = stats.lastTimestamp.flatMap(LogDay.init(dateAsWrittenIn:)).map { $0.advanced(by: 30) }
        self.input = input
    }

    /// The policy-file entry that quarantines `f`.
    func quarantineEntry(_ f: FlakyCase) -> JSONValue {
        .object([
            "case": .string(f.caseKey),
            "until": until.map { .string($0.description) } ?? .null,
            "reason": .string("flaky: \(f.failedRuns) of \(f.runs) runs failed"),
        ])
    }

    /// `{"format_version": 1, "version", "repeated_cases", "flaky": [{"case", "runs", "failed_runs", "quarantine"}], "input"}`.
    package func jsonText() -> String {
        JSONValue.object([
            "format_version": .number(1),
            "version": .string(version),
            "repeated_cases": .number(Double(repeated)),
            "flaky": .array(cases.map { f in
                .object(["case": .string(f.caseKey), "runs": .number(Double(f.runs)), "failed_runs": .number(Double(f.failedRuns)),
                         "quarantine": quarantineEntry(f)])
            }),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    /// A summary line, then each flaky case with its counts and its quarantine entry.
    package func text() -> String {
        var out: TerminalText = "\(version): \(cases.count) flaky case\(cases.count == 1 ? "" : "s") of \(repeated) run at least twice\n"
        for f in cases {
            out += "\n  \(ReportFormat.clip(f.caseKey, 70)): \(f.failedRuns) of \(f.runs) runs failed\n"
            out += "    \(quarantineEntry(f).compact)\n"
        }
        out += "\n\(input.textLine)\n"
        return out.string
    }
}
