/// What a baseline was recorded on, beyond its files: the models that served it, its eval set
/// (how many cases, and a fingerprint of their keys), the log formats read and the tool's
/// version. `check` compares the candidate's against it: a changed eval set is refused (a gate
/// on other cases measures something else), a changed model is reported.
///
/// In the file: `"provenance": {"models": {"gemini-flash-latest": {"records": 1040}}, "cases": 300,
/// "case_set_sha256": "…", "log_formats": ["failure-forensics"], "tool_version": "0.1.0"}`.
/// Baselines written before it existed have none, and still read.
package struct EvalProvenance: Sendable, Equatable {
    /// Step records per `model_name` (records without one are not counted).
    package var modelRecords: [String: Int]
    /// Distinct case keys.
    package var cases: Int
    /// SHA-256 of the case keys sorted by their UTF-8 bytes, each key's UTF-8 followed by a 0 byte.
    package var caseSetSHA256: String
    /// The log formats the records were read from, sorted.
    package var logFormats: [String]
    /// The version of the tool that recorded it.
    package var toolVersion: String

    /// The provenance of `stats`, read from files of `logFormats`.
    init(stats: VersionStats, logFormats: [String]) {
        modelRecords = stats.modelRecords
        cases = stats.cases.count
        caseSetSHA256 = Self.fingerprint(Array(stats.cases.keys))
        self.logFormats = logFormats.sorted()
        toolVersion = RegressionKitVersion.current
    }

    init(modelRecords: [String: Int], cases: Int, caseSetSHA256: String, logFormats: [String], toolVersion: String) {
        self.modelRecords = modelRecords
        self.cases = cases
        self.caseSetSHA256 = caseSetSHA256
        self.logFormats = logFormats
        self.toolVersion = toolVersion
    }

    /// The fingerprint of a case set (see `caseSetSHA256`).
    static func fingerprint(_ keys: [String]) -> String {
        var bytes: [UInt8] = []
        for key in keys.map({ Array($0.utf8) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) { bytes += key + [0] }
        return SHA256.hex(bytes)
    }

    var jsonValue: JSONValue {
        .object([
            "models": .object(modelRecords.mapValues { .object(["records": .number($0)]) }),
            "cases": .number(cases),
            "case_set_sha256": .string(caseSetSHA256),
            "log_formats": .array(logFormats.map(JSONValue.string)),
            "tool_version": .string(toolVersion),
        ])
    }

    init(json r: JSONFieldReader) throws(JSONFieldReader.FieldError) {
        try r.rejectUnknownKeys(["models", "cases", "case_set_sha256", "log_formats", "tool_version"])
        var models: [String: Int] = [:]
        let m = try r.object("models")
        for name in m.members.keys { models[name] = try m.object(name).count("records", min: 1) }
        var formats: [String] = []
        for (n, item) in try r.array("log_formats").enumerated() {
            guard case .string(let s) = item else { throw JSONFieldReader.FieldError(path: r.fieldPath("log_formats[\(n)]"), message: "expected a string") }
            formats.append(s)
        }
        let sha = try r.string("case_set_sha256")
        guard sha.utf8.count == 64, sha.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw JSONFieldReader.FieldError(path: r.fieldPath("case_set_sha256"), message: "expected 64 lowercase hexadecimal digits")
        }
        self.init(modelRecords: models, cases: try r.count("cases"), caseSetSHA256: sha, logFormats: formats, toolVersion: try r.string("tool_version"))
    }
}

extension VersionStats {
    /// Step records per `model_name`, over all steps.
    package var modelRecords: [String: Int] {
        var out: [String: Int] = [:]
        for step in steps.values { for (model, use) in step.models { out[model, default: 0] += use.records } }
        return out
    }
}

/// The candidate's eval set differs from the baseline's by more than the policy allows.
package struct CaseSetChangedError: Error, Sendable, Equatable, CustomStringConvertible {
    package var baselineCases: Int
    package var candidateCases: Int
    /// Baseline cases the candidate never ran, and candidate cases the baseline never ran.
    package var missing: Int
    package var new: Int
    /// The policy's `max_case_set_change`, 0...1.
    package var maximum: Double

    /// Throws when more than `maximum` of the baseline's cases are missing from the candidate
    /// (unless `countingMissing` is false: a sequential look sees part of the run), or of the
    /// candidate's are new.
    static func check(baseline: [String: CaseOutcome], candidate: [String: CaseOutcome], maximum: Double,
                      countingMissing: Bool = true) throws(CaseSetChangedError) {
        guard maximum.isFinite, !baseline.isEmpty || !candidate.isEmpty else { return }
        var common = 0
        CaseMatching.forEachCommon(candidate, baseline) { _, _, _ in common += 1 }
        let error = CaseSetChangedError(baselineCases: baseline.count, candidateCases: candidate.count,
                                        missing: baseline.count - common, new: candidate.count - common, maximum: maximum)
        if (countingMissing && error.missingShare > maximum) || error.newShare > maximum { throw error }
    }

    var missingShare: Double { baselineCases == 0 ? 1 : Double(missing) / Double(baselineCases) }
    var newShare: Double { candidateCases == 0 ? 1 : Double(new) / Double(candidateCases) }

    package var description: String {
        "the eval set changed: \(missing) of the baseline's \(baselineCases) cases (\(format(missingShare * 100)) %) are missing from the candidate "
            + "and \(new) of the candidate's \(candidateCases) (\(format(newShare * 100)) %) are new, more than max_case_set_change "
            + "(\(format(maximum * 100)) %); a gate on another eval set measures something else: re-record the baseline"
    }
}
