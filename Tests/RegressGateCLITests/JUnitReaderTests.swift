import Foundation
import Testing

/// JUnit files read back by junitparser, a real consumer (the library GitHub test-reporter
/// actions and many CI plugins build on).
@Suite("JUnit read by junitparser", .enabled(if: ExternalTool.wanted(ExternalTool.hasPython("junitparser")),
                                               "needs python3 with junitparser (pip install junitparser); always runs when CI is set"))
struct JUnitReaderTests {
    struct Summary {
        var tests = 0, failures = 0, errors = 0, skipped = 0
        var countedAgree = false
        var cases: [[String: Any]] = []
        func names(_ outcome: String) -> [String] { cases.filter { $0["outcome"] as? String == outcome }.map { $0["name"] as! String } }
    }

    func read(_ path: String) throws -> Summary {
        let run = try ExternalTool.pythonScript("junit-summary", [path])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        let suites = object["suites"] as! [[String: Any]]
        #expect(suites.count == 1)
        let suite = suites[0], counted = suite["counted"] as! [String: Int]
        var s = Summary(tests: suite["tests"] as! Int, failures: suite["failures"] as! Int, errors: suite["errors"] as! Int, skipped: suite["skipped"] as! Int)
        s.countedAgree = counted == ["tests": s.tests, "failures": s.failures, "errors": s.errors, "skipped": s.skipped]
        s.cases = object["cases"] as! [[String: Any]]
        return s
    }

    @Test func aRegressionIsFailuresAndWarningsAreNotes() throws {
        let dir = temporaryDirectory()
        let run = try gate(fixtureCheck + ["--report", "junit=\(dir.path)/gate.xml"])
        #expect(run.status == 1)
        let s = try read(dir.appendingPathComponent("gate.xml").path)
        #expect((s.tests, s.failures, s.errors, s.skipped) == (13, 4, 0, 0))   // and 3 steps' tokens (the fixture's citation has none)
        #expect(s.countedAgree)
        #expect(s.names("failure") == ["gate verdict", "overall run failure rate", "citation failure rate", "generation latency"])
        let citation = s.cases.first { $0["name"] as? String == "citation failure rate" }!
        #expect(citation["type"] as? String == "REGRESSION_DETECTED")
        #expect(citation["message"] as? String == "REGRESSION_DETECTED: citation failure rate 8.0 % (21/263) → 24.8 % (57/230), estimate +17.8 pp [+8.0, +27.7] (paired by case, clustered), adj. p < 0.0001")
        let generation = s.cases.first { $0["name"] as? String == "generation failure rate" }!
        #expect(generation["outcome"] as? String == "passed")
        #expect((generation["system_out"] as? String)?.hasPrefix("WARNING: generation failure rate 6.6 % (18/274) → 11.8 % (30/255)") == true)
        let retrieval = s.cases.first { $0["name"] as? String == "retrieval failure rate" }!
        #expect(retrieval["outcome"] as? String == "passed")
        #expect((retrieval["system_out"] as? String)?.hasPrefix("INSUFFICIENT_DATA: retrieval failure rate 8.0 % (24/300) → 13.3 % (40/300)") == true)
    }

    @Test func failOnWarningTurnsWarningsIntoFailuresAsTheExitCodeDoes() throws {
        let dir = temporaryDirectory()
        _ = try gate(fixtureCheck + ["--fail-on", "warning", "--report", "junit=\(dir.path)/gate.xml"])
        let s = try read(dir.appendingPathComponent("gate.xml").path)
        #expect((s.tests, s.failures) == (13, 6))   // generation's tokens: 8 % more, a WARNING
        #expect(s.names("passed") == ["retrieval failure rate", "reranking failure rate", "retrieval latency", "reranking latency", "citation latency",
                                      "retrieval tokens", "reranking tokens"])
    }

    @Test func underThresholdsAStepVerdictThatDoesNotDecideIsNoFailure() throws {
        // The ancestor's guard says WARNING (+7.4 pp of steps); citation rose 16.8 pp, informational.
        let dir = temporaryDirectory()
        let run = try gate(fixtureCheck + ["--policy", "thresholds", "--report", "junit=\(dir.path)/gate.xml"])
        #expect(run.status == 0)
        let s = try read(dir.appendingPathComponent("gate.xml").path)
        #expect((s.tests, s.failures, s.errors) == (6, 0, 0))
        let citation = s.cases.first { $0["name"] as? String == "citation failure rate" }!
        #expect((citation["system_out"] as? String)?.contains("informational: under the thresholds policy only the overall rate") == true)
    }

    @Test func brokenInputIsOneError() throws {
        let dir = try workFolder()
        let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v9", "--report", "junit=gate.xml"], in: dir)
        #expect(run.status == 2)
        let s = try read(dir.appendingPathComponent("gate.xml").path)
        #expect((s.tests, s.failures, s.errors) == (1, 0, 1))
        #expect(s.cases[0]["type"] as? String == "INPUT_ERROR")
        #expect((s.cases[0]["message"] as? String)?.hasPrefix("no records for version 'v9' in logs.jsonl; versions there: v1, v2, v3") == true)
    }

    @Test func markupAndControlCharactersInNamesStillLoad() throws {
        let dir = temporaryDirectory()
        let step = #"gen<&\"'>\u0001\u001b[31m"#       // JSON-escaped: markup, a quote, U+0001, ESC
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 16)], steps: ["retrieval", step])
        #expect(try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "b.json"], in: dir).status == 0)
        let run = try gate(["check", "--baseline", "b.json", "--logs", "logs.jsonl", "--candidate", "v2", "--report", "junit=gate.xml"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let s = try read(dir.appendingPathComponent("gate.xml").path)
        #expect(s.failures >= 1 && s.countedAgree)
        #expect(s.cases.contains { $0["name"] as? String == #"gen<&"'>\u{1}\u{1B}[31m failure rate"# })   // controls shown, not dropped
    }
}
