import Foundation

/// What `regress-gate analyze` prints: the chosen runs with their causes, category counts per
/// version, which categories grew, and the recommended actions.
package struct AnalysisReport: Sendable {
    /// Failed runs by category, per version, in order of appearance.
    var versions: [VersionCategories]
    /// The categories' descriptions and recommendations.
    var config: ForensicsConfig
    /// Read from aggregates: counts only, no single runs to list.
    var countsOnly = false
    /// Every failed run (none from aggregates).
    var failedRuns: [RunAnalysis] = []
    /// Failed runs per version by root-cause step and error type (as written; nil: none).
    var rootCauses: [String: [EngineAggregates.FirstFailure: Int]] = [:]
    /// The runs shown: the latest failed runs, or the one asked for.
    var runs: [RunAnalysis]
    /// Whether one run was asked for by id.
    var singleRun: Bool
    /// Only this version's runs, when given.
    var version: String?
    /// Category growth between two versions, when the logs have two.
    var growth: CategoryGrowth?
    /// Actions for the categories in scope, most frequent category first.
    var recommendations: [(category: RootCauseCategory, runs: Int, actions: [Recommendation])]
    /// What reading the logs saw.
    var input: LogReadSummary
    /// A model's explanation beside the rules' analysis, when one was asked for.
    package var llm: LLMExplanation?

    /// Builds the report: `runID` picks one run, else the latest `limit` failed runs (all when nil)
    /// of `version` (all versions when nil); growth from `from` to `to` (default: the last two
    /// versions in order of appearance).
    package init(analysis: ForensicsAnalysis, input: LogReadSummary, limit: Int? = 5, runID: String? = nil,
                version: String? = nil, from: String? = nil, to: String? = nil) {
        self.versions = analysis.versions
        self.config = analysis.config
        self.failedRuns = analysis.failedRuns
        for run in analysis.failedRuns {
            rootCauses[run.version, default: [:]][EngineAggregates.FirstFailure(step: run.rootCauseStep ?? "", errorType: run.errorType), default: 0] += 1
        }
        self.input = input
        self.version = version
        if let runID, let run = analysis.run(runID) {
            runs = [run]
            singleRun = true
        } else {
            runs = analysis.latestFailed(limit: limit, version: version)
            singleRun = false
        }
        let names = analysis.versions.map(\.version)
        if let from, let to {
            growth = analysis.growth(from: from, to: to)
        } else if names.count >= 2 {
            growth = analysis.growth(from: names[names.count - 2], to: names[names.count - 1])
        }
        let scope = singleRun ? runs : analysis.failedRuns.filter { version == nil || $0.version == version }
        let config = analysis.config
        recommendations = ForensicsAnalysis.categoryCounts(scope).map { ($0.category, $0.runs, config.recommendations.for($0.category)) }
    }

    /// The runs the report is about: the one asked for, else every failed run (of `version` when given).
    package var runsInScope: [RunAnalysis] {
        singleRun ? runs : failedRuns.filter { version == nil || $0.version == version }
    }

    // MARK: JSON

    /// `{"format_version": 1, "runs": [...], "versions": [...], "growth": {...}, "recommendations": [...], "input": {...}}`.
    package func jsonText() -> String {
        JSONValue.object([
            "format_version": .number(1),
            "version": .string(version),
            "runs": countsOnly ? .null : .array(runs.map(\.jsonValue)),
            "versions": .array(versions.map(\.jsonValue)),
            "growth": growth?.jsonValue ?? .null,
            "recommendations": .array(recommendations.map { item in
                .object([
                    "category": .string(item.category.rawValue),
                    "runs": .number(item.runs),
                    "description": .string(config.description(of: item.category)),
                    "actions": .array(item.actions.map(\.jsonValue)),
                ])
            }),
            "input": input.jsonValue,
        ].merging(llm.map { ["llm": $0.jsonValue] } ?? [:]) { $1 }).prettyPrinted
    }

    // MARK: Text

    /// The report for a terminal, within 80 columns.
    package func text() -> String {
        var out: TerminalText = ""
        let total = versions.reduce(0) { $0 + $1.runs }
        let failed = versions.reduce(0) { $0 + $1.failedRuns }
        out += "Root causes: \(versions.count) version\(versions.count == 1 ? "" : "s"), \(total) runs, \(failed) failed\n\n"
        if countsOnly {
            out += "Aggregates hold counts, not runs: listing single runs needs the logs.\n"
        } else if singleRun, let run = runs.first {
            out += "Run \(run.runID) (\(run.version), \(run.steps) step\(run.steps == 1 ? "" : "s")): \(run.category.rawValue)\n"
            out += "  root cause: \(run.rootCause)\n"
            if !run.failedSteps.isEmpty { out += "  failed steps: \(run.failedSteps.joined(separator: ", "))\n" }
            if let q = run.inputSummary, !q.isEmpty { out += "  input: \(ReportFormat.clip(q, 70))\n" }
            if let t = run.failedAt { out += "  failed at: \(t)\n" }
            out += ReportFormat.wrap("\(run.description)", indent: "  ", hanging: "  ")
        } else {
            let scope = version.map { " of \($0)" } ?? ""
            if runs.isEmpty {
                out += "No failed runs\(scope).\n"
            } else {
                out += "Latest \(runs.count) failed run\(runs.count == 1 ? "" : "s")\(scope):\n"
                for (n, run) in runs.enumerated() {
                    let when = run.lastTimestamp.map { " " + Self.shortTime($0) } ?? ""
                    out += "  \(n + 1). \(ReportFormat.clip(run.runID, 20))  \(ReportFormat.clip(run.version, 12)) \(when)  \(run.category.rawValue)\n"
                    var detail = run.rootCause
                    if let q = run.inputSummary, !q.isEmpty { detail += " — \"\(q)\"" }
                    out += "     \(ReportFormat.clip(detail, 75))\n"
                }
            }
        }
        out += "\n" + categoryTable()
        if let growth { out += "\n" + Self.growthText(growth) }
        if !recommendations.isEmpty {
            out += "\nRecommended actions:\n"
            for item in recommendations.prefix(3) {
                out += "  \(item.category.rawValue) (\(item.runs) run\(item.runs == 1 ? "" : "s"))\n"
                for action in item.actions {
                    out += ReportFormat.wrap("\(action.action)", indent: "    \(action.priority.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  ", hanging: "            ")
                    if action.implementationHint != "-" {
                        out += ReportFormat.wrap("→ \(action.implementationHint)", indent: "            ", hanging: "              ")
                    }
                }
            }
            if recommendations.count > 3 { out += "  (\(recommendations.count - 3) more categories in the JSON report)\n" }
        }
        out += "\n\(input.textLine)\n"
        if let llm { out += llm.text }
        return out.string
    }

    /// Failed runs per category per version (the last four versions), with the share of runs.
    private func categoryTable() -> TerminalText {
        let shown = Array(versions.suffix(4))
        guard !shown.isEmpty else { return "" }
        var categories = Set<RootCauseCategory>()
        for v in shown { categories.formUnion(v.counts.keys) }
        var table = TextTable([("root cause", .left)] + shown.map { (ReportFormat.clip($0.version, 14), TextTable.Alignment.right) })
        for c in categories.sorted() {
            table.add([c.rawValue] + shown.map { v in Self.countCell(v.counts[c] ?? 0, of: v.runs) })
        }
        table.add(["failed runs"] + shown.map { Self.countCell($0.failedRuns, of: $0.runs) })
        table.add(["runs"] + shown.map { "\($0.runs)" })
        let title = versions.count > shown.count ? " (last \(shown.count) versions; all of them in the JSON report)" : ""
        return "Failed runs by root cause and version\(title):\n\(table.render())"
    }

    static func countCell(_ count: Int, of runs: Int) -> String {
        "\(count) " + (runs == 0 ? "—" : ReportFormat.percent(Double(count) / Double(runs)))
    }

    static func growthText(_ g: CategoryGrowth) -> TerminalText {
        let grew = g.rows.filter(\.grew)
        var out: TerminalText = "Root causes that grew from \(g.from) to \(g.to):\n"
        if grew.isEmpty {
            out += "  none significantly (one-sided Fisher, alpha \(g.alpha), Holm-adjusted over \(g.rows.count) categories)\n"
        }
        for row in grew {
            out += "  \(row.category.rawValue): \(ReportFormat.percent(row.fromRate)) → \(ReportFormat.percent(row.toRate)) of runs (\(ReportFormat.pp(row.deltaPP)), adj. p \(ReportFormat.shortP(row.adjustedPValue)))\n"
        }
        return out
    }

    /// "2026-11-12 17:03" from an ISO timestamp (as written).
    static func shortTime(_ t: String) -> String {
        let head = String(t.prefix(16))
        return head.count == 16 ? head.replacingOccurrences(of: "T", with: " ") : t
    }
}

extension RunAnalysis {
    var jsonValue: JSONValue {
        .object([
            "run_id": .string(runID),
            "version": .string(version),
            "category": .string(category.rawValue),
            "root_cause": .string(rootCause),
            "root_cause_step": .string(rootCauseStep),
            "error_type": .string(errorType),
            "failed_steps": .array(failedSteps.map(JSONValue.string)),
            "steps": .number(steps),
            "input_summary": .string(inputSummary),
            "failed_at": .string(failedAt),
            "last_timestamp": .string(lastTimestamp),
            "description": .string(description),
        ])
    }
}

extension VersionCategories {
    var jsonValue: JSONValue {
        .object([
            "version": .string(version),
            "runs": .number(runs),
            "failed_runs": .number(failedRuns),
            "categories": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, JSONValue.number($0.value)) })),
        ])
    }
}

extension CategoryGrowth {
    var jsonValue: JSONValue {
        .object([
            "from": .string(from),
            "to": .string(to),
            "from_runs": .number(fromRunCount),
            "to_runs": .number(toRunCount),
            "alpha": .number(alpha),
            "categories": .array(rows.map { r in
                .object([
                    "category": .string(r.category.rawValue),
                    "from_runs": .number(r.fromRuns), "to_runs": .number(r.toRuns),
                    "from_rate": .number(r.fromRate), "to_rate": .number(r.toRate),
                    "delta_pp": .number(r.deltaPP), "p_value": .number(r.pValue),
                    "adjusted_p_value": .number(r.adjustedPValue), "grew": .bool(r.grew),
                ])
            }),
        ])
    }
}

extension Recommendation {
    var jsonValue: JSONValue {
        .object([
            "category": .string(category.rawValue),
            "priority": .string(priority.rawValue),
            "action": .string(action),
            "expected_improvement": .string(expectedImprovement),
            "implementation_hint": .string(implementationHint),
        ])
    }
}
