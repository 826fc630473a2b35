extension LLMEvidence {
    /// What `analyze` tells a model: runs and failed runs per version with their root-cause
    /// categories, failed runs per root-cause step and error type per version, the categories'
    /// growth between two versions, and the rules' recommended actions. No inputs.
    package init(analysis report: AnalysisReport) {
        var causes: [String: [String: Int]] = [:]   // version -> "step\u{0}error" -> runs
        for (version, counts) in report.rootCauses {
            for (cause, runs) in counts { causes[version, default: [:]]["\(cause.step)\u{0}\(cause.errorType ?? "")", default: 0] += runs }
        }
        let versions = report.versions.filter { report.version == nil || $0.version == report.version }
        var facts: [String: JSONValue] = [
            "versions": .array(versions.map { v in
                var object = v.jsonValue
                if case .object(var members) = object {
                    members["run_failure_rate"] = .number(v.runs == 0 ? 0 : Double(v.failedRuns) / Double(v.runs))
                    members["root_causes"] = .array((causes[v.version] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { key, runs in
                        let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
                        return .object(["step": .string(String(parts[0])), "error_type": parts[1].isEmpty ? .null : .string(String(parts[1])),
                                        "failed_runs": .number(runs), "share_of_runs": .number(v.runs == 0 ? 0 : Double(runs) / Double(v.runs))])
                    })
                    object = .object(members)
                }
                return object
            }),
            "growth": report.growth?.jsonValue ?? .null,
            "rule_recommendations": .array(report.recommendations.map { item in
                .object([
                    "category": .string(item.category.rawValue),
                    "failed_runs": .number(item.runs),
                    "description": .string(report.config.description(of: item.category)),
                    "actions": .array(item.actions.map(\.jsonValue)),
                ])
            }),
        ]
        if report.singleRun, let run = report.runs.first {
            facts["run"] = .object([
                "run_id": .string(run.runID), "version": .string(run.version), "category": .string(run.category.rawValue),
                "root_cause": .string(run.rootCause), "failed_steps": .array(run.failedSteps.map(JSONValue.string)), "steps": .number(run.steps),
            ])
        }
        self.init(task: .analyze, facts: facts)
    }
}
