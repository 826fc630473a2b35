/// What `regress-gate baseline update --format json` prints: the file written and what it holds.
package struct BaselineUpdateReport: Sendable {
    /// The baseline file as given (`--baseline`).
    var path: String
    /// The file replaced: `path`, or, when `path` is a symbolic link, its target.
    var written: String
    /// The snapshot written to it.
    var snapshot: BaselineSnapshot

    /// A report of `snapshot`, written to `path` (through a link: to `written`).
    package init(path: String, snapshot: BaselineSnapshot, written: String? = nil) {
        self.path = path
        self.written = written ?? path
        self.snapshot = snapshot
    }

    /// The report as deterministic JSON (keys sorted): `baseline` (the path), `written` (the file
    /// replaced: the path, or its link's target), `version`, `runs`,
    /// `failed_runs`, `steps` and `failed_steps` (step records), `step_names` in pipeline
    /// order, `cases`, `created_at` and `source` (the snapshot's provenance).
    package func jsonText() -> String { jsonValue.prettyPrinted }

    var jsonValue: JSONValue {
        let s = snapshot.stats
        return .object([
            "format_version": .number(1),
            "baseline": .string(path),
            "written": .string(written),
            "version": .string(s.version),
            "runs": .number(s.runs),
            "failed_runs": .number(s.failedRuns),
            "steps": .number(s.totalSteps),
            "failed_steps": .number(s.failedSteps),
            "step_names": .array(s.stepOrder.map { .string($0) }),
            "cases": .number(s.cases.count),
            "created_at": .string(snapshot.createdAt),
            "source": .object([
                "files": .array(snapshot.source.files.map { .string($0) }),
                "records": .number(snapshot.source.records),
                "version_records": .number(snapshot.source.versionRecords),
                "bad_lines": .number(snapshot.source.badLines),
            ]),
        ])
    }
}
