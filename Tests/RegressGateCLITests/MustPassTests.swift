import Foundation
import Testing

/// Must-pass cases (issue 20, item 1): one failed run of one is a regression whatever the
/// statistics say; one the candidate never ran is a warning.
@Suite("must-pass cases")
struct MustPassTests {
    /// A baseline of v1 (40 runs, the first 4 failing) and a candidate v2 that is the same but for
    /// one more failing run, case "soru 4 – ğüş": far too little for the statistics to flag.
    func folder() throws -> URL {
        let dir = temporaryDirectory()
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 40, 4), ("v2", 40, 5)])
        try freezeV1(in: dir)
        return dir
    }

    @Test func oneFailedRunOfAMustPassCaseIsARegressionTheStatisticsWouldPass() throws {
        let dir = try folder()
        #expect(try checkV2(in: dir, []).status == 0)
        try writeFile("# answers we promised\n\n  soru 4 – ğüş  \nsoru 30 – ğüş\n", "must-pass.txt", in: dir)
        let run = try checkV2(in: dir, ["--must-pass", "must-pass.txt"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("REGRESSION_DETECTED"))
        let reasons = run.stdout.split(separator: "\n").filter { $0.contains("must-pass") || $0.contains("did not rise") || $0.contains("no failure rate") }
        #expect(reasons.first?.contains("must-pass case \"soru 4 – ğüş\" failed in 1 of 1 run") == true, "\(run.stdout)")

        let json = try checkV2(in: dir, ["--must-pass", "must-pass.txt", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let mustPass = try #require(report["must_pass"] as? [String: Any])
        #expect(mustPass["cases"] as? Int == 2)
        let failed = try #require(mustPass["failed"] as? [[String: Any]])
        #expect(failed.count == 1 && failed[0]["case"] as? String == "soru 4 – ğüş" && failed[0]["failed_runs"] as? Int == 1)
        #expect((mustPass["not_run"] as? [String]) == [])
    }

    @Test func aMustPassCaseTheCandidateNeverRanIsAWarning() throws {
        let dir = try folder()
        try writeFile("soru 7 – ğüş\nno such case\n", "must-pass.txt", in: dir)
        let run = try checkV2(in: dir, ["--must-pass", "must-pass.txt"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("WARNING"))
        #expect(run.stdout.contains("must-pass case \"no such case\": the candidate never ran it"))
        #expect(try checkV2(in: dir, ["--must-pass", "must-pass.txt", "--fail-on", "warning"]).status == 1)
    }

    @Test func aPolicyFileNamesMustPassCasesForEitherPolicy() throws {
        let dir = try folder()
        for policy in ["statistical", "thresholds"] {
            try writeFile(#"{"policy": "\#(policy)", "must_pass": ["soru 4 – ğüş"]}"#, "\(policy).json", in: dir)
            let run = try checkV2(in: dir, ["--policy", "\(policy).json"])
            #expect(run.status == 1, "\(policy): \(run.stdout)\(run.stderr)")
        }
    }

    @Test(arguments: [
        (#"{"policy": "statistical", "must_pass": "soru 4"}"#, "must_pass: expected a list of case keys"),
        (#"{"policy": "statistical", "must_pass": ["ok", 3]}"#, "must_pass[1]: expected a case key"),
    ])
    func aMalformedMustPassListFailsClosed(policy: String, message: String) throws {
        let dir = try folder()
        try writeFile(policy, "policy.json", in: dir)
        let run = try checkV2(in: dir, ["--policy", "policy.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("policy.json: \(message)"), "\(run.stderr)")
    }

    @Test func aMissingMustPassFileFailsClosedNamingIt() throws {
        let dir = try folder()
        let run = try checkV2(in: dir, ["--must-pass", "nope.txt"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read must-pass file 'nope.txt'"), "\(run.stderr)")
    }
}
