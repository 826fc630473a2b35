import Foundation

/// What `regress-gate calibrate` prints: the share of A/A splits at each verdict, with 95 %
/// intervals, and what a false-alarm rate above the policy's level means.
package struct CalibrationReport: Sendable {
    var calibration: GateCalibration
    var input: LogReadSummary

    package init(_ calibration: GateCalibration, input: LogReadSummary) {
        self.calibration = calibration
        self.input = input
    }

    /// What to make of the false alarms, one paragraph.
    var finding: String {
        let c = calibration
        let level = c.alpha.map { "alpha \(format($0))" } ?? "5 % (the thresholds policy has no level of its own)"
        guard c.tooManyFalseAlarms else {
            return "false alarms within \(level): the runs behave as independent draws, as the policy assumes."
        }
        return "false alarms above \(level): the runs are not independent in a way the \(c.policy) policy does not model "
            + "(a failure rate that drifts over time, cases that differ and repeat). Pair the versions by case (run the "
            + "same cases on both sides, once each or repeatedly: the statistical policy's paired and clustered designs "
            + "compare each case with itself), gate runs logged at the same time, and re-run this calibration."
    }

    /// `{"format_version": 1, "version", "policy", "alpha", "splits", "seed", "cases", "runs",
    /// "false_alarm_rate", "warning_rate", "insufficient_rate", "pass_rate" (each {"rate", "low", "high", "splits"}),
    /// "too_many_false_alarms", "finding", "input"}`.
    package func jsonText() -> String {
        let c = calibration
        func share(_ verdict: Verdict) -> JSONValue {
            let r = c.rate(verdict)
            return .object(["rate": .number(r.rate), "low": .number(r.low), "high": .number(r.high),
                            "splits": .number(c.verdicts[verdict] ?? 0)])
        }
        return JSONValue.object([
            "format_version": .number(1),
            "version": .string(c.version),
            "policy": .string(c.policy),
            "alpha": c.alpha.map { JSONValue.number($0) } ?? .null,
            "splits": .number(c.splits),
            "seed": .string(String(c.seed)),
            "cases": .number(c.cases),
            "runs": .number(c.runs),
            "false_alarm_rate": share(.regressionDetected),
            "warning_rate": share(.warning),
            "insufficient_rate": share(.insufficientData),
            "pass_rate": share(.pass),
            "too_many_false_alarms": .bool(c.tooManyFalseAlarms),
            "finding": .string(finding),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    package func text() -> String {
        let c = calibration
        var out: TerminalText = "A/A calibration of \(c.version) under \(c.policy): \(c.splits) splits of \(c.cases) cases (\(c.runs) runs), seed \(c.seed)\n"
        out += ReportFormat.wrap("each split gates half the cases (a block in log order) against the other half; both are the same version, so any REGRESSION_DETECTED is a false alarm", indent: "  ", hanging: "  ")
        for (name, verdict) in [("false alarms (REGRESSION_DETECTED)", Verdict.regressionDetected), ("WARNING", .warning),
                                ("INSUFFICIENT_DATA", .insufficientData), ("PASS", .pass)] {
            let r = c.rate(verdict)
            let cell = "\(ReportFormat.percent(r.rate)) [\(ReportFormat.percent(r.low)), \(ReportFormat.percent(r.high))]"
            out += "  \(name.padding(toLength: 36, withPad: " ", startingAt: 0))\(cell)  (\(c.verdicts[verdict] ?? 0) of \(c.splits))\n"
        }
        out += "  (95 % Wilson intervals)\n\n"
        out += ReportFormat.wrap("\(finding)", indent: "", hanging: "")
        out += "\(input.textLine)\n"
        return out.string
    }
}
