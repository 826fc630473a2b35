/// What `regress-gate stats --explain-mapping` prints: how traces were read into runs, per
/// version, with the rules that gave the version, case, input and step names and how often.
package struct TraceMappingReport: Sendable {
    var explanation: TraceMappingExplanation
    var input: LogReadSummary

    package init(_ explanation: TraceMappingExplanation, input: LogReadSummary) {
        self.explanation = explanation
        self.input = input
    }

    /// `{"format_version": 1, "rules": {...}, "versions": [...], "traces_without_version",
    /// "trace_files", "other_files", "input"}` (schemas/explain-mapping.schema.json).
    package func jsonText() -> String {
        func counts(_ list: [TraceMappingExplanation.RuleCount], _ unit: String) -> JSONValue {
            .array(list.map { .object(["rule": $0.rule.map(JSONValue.string) ?? .null, unit: .number(Double($0.count))]) })
        }
        var rules: [String: JSONValue] = [:]
        for (what, list) in explanation.rules { rules[what] = .array(list.map(JSONValue.string)) }
        return JSONValue.object([
            "format_version": .number(1),
            "rules": .object(rules),
            "versions": .array(explanation.versions.map { v in
                .object([
                    "version": .string(v.version), "traces": .number(Double(v.traces)),
                    "version_from": counts(v.versionFrom, "traces"), "case_from": counts(v.caseFrom, "traces"),
                    "input_from": counts(v.inputFrom, "traces"), "step_names_from": counts(v.stepNamesFrom, "steps"),
                    "steps": .array(v.steps.map(JSONValue.string)),
                ])
            }),
            "traces_without_version": .number(Double(explanation.tracesWithoutVersion)),
            "trace_files": .array(explanation.traceFiles.map(JSONValue.string)),
            "other_files": .array(explanation.otherFiles.map(JSONValue.string)),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    /// The rules tried, then each version with the rules that served it and how often.
    package func text() -> String {
        var out: TerminalText = "How traces were read (rules in the order tried; the first with a value wins):\n"
        for (what, list) in explanation.rules {
            out += "  \(what): \(list.joined(separator: ", "))\n"
        }
        func line(_ label: String, _ list: [TraceMappingExplanation.RuleCount], _ unit: String, none: String) -> TerminalText {
            let parts = list.map { "\($0.rule ?? none) (\($0.count) \(unit))" }
            return "  \(label): \(parts.joined(separator: "; "))\n"
        }
        for v in explanation.versions {
            out += "\n\(v.version): \(v.traces) trace\(v.traces == 1 ? "" : "s")\n"
            out += line("version from", v.versionFrom, "traces", none: "none")
            out += line("case from", v.caseFrom, "traces", none: "none: the input summary is the case")
            out += line("input from", v.inputFrom, "traces", none: "none")
            out += line("step names from", v.stepNamesFrom, "steps", none: "none")
            out += "  steps: \(v.steps.map { ReportFormat.clip($0, 40) }.joined(separator: ", "))\n"
        }
        if explanation.tracesWithoutVersion > 0 {
            let n = explanation.tracesWithoutVersion
            out += "\n\(n) trace\(n == 1 ? " has" : "s have") no version: none of the version rules found a value\n"
        }
        if explanation.traceFiles.isEmpty {
            out += "\nNo file was read as traces.\n"
        }
        if !explanation.otherFiles.isEmpty {
            out += "\nNot traces, not explained: \(explanation.otherFiles.joined(separator: ", "))\n"
        }
        out += "\n\(input.textLine)\n"
        return out.string
    }
}
