import Foundation
import Testing
@testable import RegressionKit

@Suite("Baseline snapshot file")
struct BaselineSnapshotTests {
    func snapshot() -> BaselineSnapshot {
        var rows = records(version: "v2", runs: 20, failing: 3)
        rows[0].latencyMS = 0   // a zero-bin latency must survive the round trip too
        let s = stats(rows, "v2")
        return BaselineSnapshot(stats: s, createdAt: "2026-11-29T21:00:00Z",
                                source: .init(files: ["a.jsonl"], records: 41, versionRecords: 40, badLines: 1))
    }

    @Test func roundTripsExactly() throws {
        let original = snapshot()
        let read = try BaselineSnapshot(jsonBytes: Array(original.jsonText().utf8), path: "b.json")
        #expect(read == original)
    }

    @Test func sameStatisticsGiveTheSameBytesWithSortedKeys() throws {
        let text = snapshot().jsonText()
        #expect(text == snapshot().jsonText())
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(text.hasSuffix("}\n"))
    }

    @Test func anUnknownSchemaVersionIsRefusedWithAdvice() {
        let text = snapshot().jsonText().replacingOccurrences(of: "\"schema_version\": 1", with: "\"schema_version\": 2")
        #expect(throws: BaselineError.unsupportedSchema(path: "b.json", found: 2)) {
            try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        }
        #expect("\(BaselineError.unsupportedSchema(path: "b.json", found: 2))".contains("upgrade regress-gate"))
    }

    @Test func impossibleCountsAreRefused() {
        let text = snapshot().jsonText().replacingOccurrences(of: "\"failed_steps\": 3", with: "\"failed_steps\": 300")
        #expect {
            try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "totals.failed_steps" && message.contains("impossible")
        }
        let negative = snapshot().jsonText().replacingOccurrences(of: "\"runs\": 20", with: "\"runs\": -20")
        #expect(throws: BaselineError.self) { try BaselineSnapshot(jsonBytes: Array(negative.utf8), path: "b.json") }
    }

    /// `snapshot()`'s file with other case lists for the version and for the step "generation"
    /// (one passing run each), and none for "retrieval".
    func withCases(version: [String], generation: [String]) -> String {
        let text = snapshot().jsonText()
        var root = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        root["cases"] = version.map { [$0, 1, 0] as [Any] }
        var steps = root["steps"] as! [String: Any]
        var generationStep = steps["generation"] as! [String: Any]
        generationStep["cases"] = generation.map { [$0, 1, 0] as [Any] }
        steps["generation"] = generationStep
        var retrievalStep = steps["retrieval"] as! [String: Any]
        retrievalStep["cases"] = [Any]()
        steps["retrieval"] = retrievalStep
        root["steps"] = steps
        return String(decoding: try! JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    }

    /// A step's cases are read as a `Dictionary` of their own would hold them: keys equal as
    /// `String`s are, whether their bytes are the version's or another normalization of them;
    /// cases the step did not see are left out, and a key the version does not list is refused.
    @Test func stepCasesReadAsTheirOwnDictionary() throws {
        let version = ["caf\u{E9}", "na\u{EF}ve", "q1", "only the version's", "Sorgu 1: şirket politikası nedir? 日本語の質問"]
        let generation = ["cafe\u{301}", "na\u{EF}ve", "q1", "Sorgu 1: şirket politikası nedir? 日本語の質問"]
        let read = try BaselineSnapshot(jsonBytes: Array(withCases(version: version, generation: generation).utf8), path: "b.json")
        #expect(read.stats.cases == Dictionary(uniqueKeysWithValues: version.map { ($0, CaseOutcome(runs: 1, failures: 0)) }))
        let step = try #require(read.stats.steps["generation"]?.cases)
        #expect(step == Dictionary(uniqueKeysWithValues: generation.map { ($0, CaseOutcome(runs: 1, failures: 0)) }))
        #expect(step["caf\u{E9}"] != nil && step["only the version's"] == nil)
        #expect(read.stats.steps["retrieval"]?.cases.isEmpty == true)
        #expect(throws: BaselineError.self) {
            try BaselineSnapshot(jsonBytes: Array(withCases(version: version, generation: generation + ["only the step's"]).utf8), path: "b.json")
        }
    }

    @Test(arguments: [
        ["q1", "q1"],                          // the same bytes
        ["caf\u{E9}", "cafe\u{301}"],          // the same text in two normalizations
        ["other", "oth\u{65}r"],               // the same bytes, spelled with an escape
        ["cafe\u{301}", "caf\u{E9}"],
    ])
    func aStepListingACaseTwiceIsRefused(generation: [String]) {
        let text = withCases(version: ["caf\u{E9}", "q1", "other"], generation: generation)
        #expect {
            try BaselineSnapshot(jsonBytes: Array(text.utf8), path: "b.json")
        } throws: { error in
            guard case .invalid(_, let field, let message)? = error as? BaselineError else { return false }
            return field == "steps.generation.cases[1]" && message.contains("listed twice")
        }
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        #expect {
            _ = try BaselineStore.load(fixture("bad/truncated-baseline.json"))
        } throws: { error in
            guard case .malformed(_, let line, _, _)? = error as? BaselineError else { return false }
            return line == 5
        }
    }

    @Test func aMissingFileIsAValueTheCallerAddsItsCommandTo() {
        #expect(throws: BaselineError.missing(path: "/nonexistent/baseline.json")) {
            _ = try BaselineStore.load("/nonexistent/baseline.json")
        }
        let missing = BaselineError.missing(path: "b.json")
        #expect("\(missing)" == "baseline file 'b.json' does not exist; create it")
        #expect(missing.description(creatingWith: "'make baseline'") == "baseline file 'b.json' does not exist; create it with 'make baseline'")
    }

    /// The advice to re-create a damaged or outdated file ends the message, so a tool's command
    /// follows it; a file from a newer version is not re-created but read by a newer one.
    @Test(arguments: [
        (BaselineError.malformed(path: "b.json", line: 1, column: 2, message: "expected a string"),
         "b.json:1:2: baseline is not valid JSON: expected a string; restore it from version control or re-create it"),
        (.invalid(path: "b.json", field: "totals.runs", message: "missing"),
         "b.json: totals.runs: missing; the baseline is damaged or hand-edited: restore it from version control or re-create it"),
        (.unsupportedSchema(path: "b.json", found: 0),
         "b.json: baseline schema_version 0 is not supported (this regress-gate reads version 1); re-create it"),
    ])
    func theCommandThatReCreatesAFileIsTheCallers(error: BaselineError, description: String) {
        #expect("\(error)" == description)
        #expect(error.description(creatingWith: "'make baseline'") == description + " with 'make baseline'")
        let newer = BaselineError.unsupportedSchema(path: "b.json", found: 2)
        #expect(newer.description(creatingWith: "'make baseline'") == "\(newer)")
    }

    @Test func saveIsAtomicAndLeavesNoTemporaryFiles() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("nested/baseline.json").path
        #expect(throws: BaselineError.missingDirectory(path: path, directory: dir.appendingPathComponent("nested").path)) {
            try BaselineStore.save(snapshot(), to: path)
        }
        try BaselineStore.save(snapshot(), to: path, missingDirectories: .createLast)
        #expect(try BaselineStore.load(path) == snapshot())
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("nested").path) == ["baseline.json"])
    }

    @Test func aFailedSaveLeavesTheOldFileUntouched() throws {
        let dir = temporaryDirectory()
        let path = dir.appendingPathComponent("baseline.json").path
        try BaselineStore.save(snapshot(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(dir.path, 0o500)   // the directory refuses the temporary file
        defer { chmod(dir.path, 0o700) }
        if getuid() != 0 {       // root ignores permissions
            #expect(throws: BaselineError.self) { try BaselineStore.save(snapshot(), to: path) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
