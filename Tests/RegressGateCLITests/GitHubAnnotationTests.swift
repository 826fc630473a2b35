import Foundation
import Testing

@Suite("GitHub Actions annotations")
struct GitHubAnnotationTests {
    static let fixtureAnnotations = """
    ::error title=regress-gate%3A overall run failure rate REGRESSION_DETECTED::overall run failure rate 24.3 %25 (73/300) → 47.0 %25 (141/300), estimate +22.6 pp [+13.3, +32.0] (paired by case, clustered), adj. p < 0.0001 (v3 vs baseline v2)
    ::notice title=regress-gate%3A retrieval failure rate INSUFFICIENT_DATA::retrieval failure rate 8.0 %25 (24/300) → 13.3 %25 (40/300), estimate +4.6 pp [-1.3, +10.5] (paired by case, clustered), adj. p 0.0510 (v3 vs baseline v2)%0Aabout 551 candidate runs would settle it
    ::notice title=regress-gate%3A reranking failure rate INSUFFICIENT_DATA::reranking failure rate 4.9 %25 (14/287) → 8.5 %25 (23/270), estimate +4.6 pp [-0.9, +10.1] (paired by case, clustered), adj. p 0.0510 (v3 vs baseline v2)%0Aabout 271 candidate runs would settle it
    ::warning title=regress-gate%3A generation failure rate WARNING::generation failure rate 6.6 %25 (18/274) → 11.8 %25 (30/255), estimate +7.1 pp [+0.7, +13.5] (paired by case, clustered), adj. p 0.0155 (v3 vs baseline v2)%0Aabout 429 candidate runs would settle it
    ::error title=regress-gate%3A citation failure rate REGRESSION_DETECTED::citation failure rate 8.0 %25 (21/263) → 24.8 %25 (57/230), estimate +17.8 pp [+8.0, +27.7] (paired by case, clustered), adj. p < 0.0001 (v3 vs baseline v2)
    ::error title=regress-gate%3A generation latency REGRESSION_DETECTED::generation latency ×1.32 [1.22, 1.46], p95 3396 → 4404 ms, adj. p < 0.0001 (v3 vs baseline v2)
    ::warning title=regress-gate%3A generation tokens WARNING::generation tokens per record ×1.08 [1.00, 1.17], adj. p 0.0005 (v3 vs baseline v2)

    """

    @Test func onlyUnderGitHubActionsAndOnStderrSoStdoutStaysClean() throws {
        let plain = try gate(fixtureCheck + ["--format", "json"])
        #expect(plain.status == 1)
        #expect(!plain.stdout.contains("::") && plain.stderr.isEmpty)
        let other = try gate(fixtureCheck + ["--format", "json"], environment: ["GITHUB_ACTIONS": "false"])
        #expect(other.stderr.isEmpty)
        let actions = try gate(fixtureCheck + ["--format", "json"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(actions.status == 1)
        #expect(actions.stdout == plain.stdout)       // still one JSON document
        #expect(actions.stderr == Self.fixtureAnnotations)
    }

    @Test func formatGithubPrintsThemOnStdoutAnywhere() throws {
        let run = try gate(fixtureCheck + ["--format", "github"])
        #expect(run.status == 1)
        #expect(run.stdout == Self.fixtureAnnotations)
        let actions = try gate(fixtureCheck + ["--format", "github"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(actions.stdout == Self.fixtureAnnotations && actions.stderr.isEmpty)   // not twice
    }

    @Test func failOnWarningMakesWarningsErrors() throws {
        let run = try gate(fixtureCheck + ["--format", "github", "--fail-on", "warning"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        // WARNING and worse become errors; INSUFFICIENT_DATA does not fail under --fail-on warning.
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 5)
        #expect(lines.filter { $0.hasPrefix("::notice ") && $0.contains("INSUFFICIENT_DATA") }.count == 2)
        let insufficient = try gate(fixtureCheck + ["--format", "github", "--fail-on", "insufficient"])
        #expect(insufficient.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") })
    }

    @Test func propertiesAndDataAreEscaped() throws {
        let dir = temporaryDirectory()
        let step = #"gen:er,ation 100%\nx\r"#          // JSON-escaped newline and carriage return
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 16)], steps: ["retrieval", step])
        #expect(try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "b.json"], in: dir).status == 0)
        let run = try gate(["check", "--baseline", "b.json", "--logs", "logs.jsonl", "--candidate", "v2", "--policy", "thresholds"], in: dir,
                           environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 1)
        #expect(run.stderr == """
        ::error title=regress-gate%3A overall step failure rate REGRESSION_DETECTED::overall step failure rate 5.0 %25 (4/80) → 20.0 %25 (16/80), +15.0 pp (v2 vs baseline v1)
        ::error title=regress-gate%3A gen%3Aer%2Cation 100%25\\nx\\r failure rate REGRESSION_DETECTED::gen:er,ation 100%25\\nx\\r failure rate 10.0 %25 (4/40) → 40.0 %25 (16/40), +30.0 pp (v2 vs baseline v1)

        """)
    }

    @Test func brokenInputIsOneErrorAnnotation() throws {
        let run = try gate(["check", "--baseline", "nope.json", "--logs", "fixtures/requests.jsonl", "--candidate", "v3"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error title=regress-gate%3A input error%2C nothing was judged::baseline file 'nope.json' does not exist"))
        #expect(lines[1].hasPrefix("error: baseline file 'nope.json' does not exist"))
        let github = try gate(["check", "--baseline", "nope.json", "--logs", "fixtures/requests.jsonl", "--candidate", "v3", "--format", "github"])
        #expect(github.status == 2 && github.stdout.isEmpty)
        #expect(github.stderr.hasPrefix("::error title=regress-gate%3A input error"))
    }
}
