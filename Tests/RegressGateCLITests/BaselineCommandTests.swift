import Foundation
import Testing

@Suite("regress-gate baseline")
struct BaselineCommandTests {
    @Test func updateIsDeterministicApartFromTheCreationTime() throws {
        let dir = try workFolder()
        let first = try String(contentsOf: dir.appendingPathComponent("baseline.json"), encoding: .utf8)
        let run = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "again.json"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("wrote again.json: version v1, 40 runs"))
        let second = try String(contentsOf: dir.appendingPathComponent("again.json"), encoding: .utf8)
        func withoutTime(_ s: String) -> [Substring] { s.split(separator: "\n").filter { !$0.contains("\"created_at\"") } }
        #expect(withoutTime(first) == withoutTime(second))
        #expect(first.contains("\"schema_version\": 1"))
        #expect(first.contains("\"files\": [\"logs.jsonl\"]"))
    }

    @Test func aFailedUpdateLeavesTheBaselineByteIdentical() throws {
        let dir = try workFolder()
        let path = dir.appendingPathComponent("baseline.json")
        let before = try Data(contentsOf: path)
        try "{\"run_id\": \"x\", \"step_name\": \"s\", \"success\": maybe, \"prompt_version\": \"v1\"}\n"
            .write(to: dir.appendingPathComponent("broken.jsonl"), atomically: true, encoding: .utf8)
        for arguments in [
            ["--logs", "logs.jsonl", "broken.jsonl", "--version", "v1"],   // a bad line after good ones
            ["--logs", "logs.jsonl", "--version", "v9"],                   // no such version
            ["--logs", "absent.jsonl", "--version", "v1"],                 // no such file
        ] {
            let run = try gate(["baseline", "update"] + arguments + ["--baseline", "baseline.json"], in: dir)
            #expect(run.status == 2, "\(arguments)")
            #expect(try Data(contentsOf: path) == before, "\(arguments)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["baseline.json", "broken.jsonl", "logs.jsonl"])
    }

    @Test func showPrintsTextAndJSON() throws {
        let dir = try workFolder()
        let text = try gate(["baseline", "show", "--baseline", "baseline.json"], in: dir)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("baseline baseline.json: version v1"))
        #expect(text.stdout.contains("generation"))
        let asJSON = try gate(["baseline", "show", "--baseline", "baseline.json", "--format", "json"], in: dir)
        #expect(try json(asJSON.stdout)["version"] as? String == "v1")
        #expect(asJSON.stdout == (try String(contentsOf: dir.appendingPathComponent("baseline.json"), encoding: .utf8)))
    }
}

@Suite("regress-gate stats and help")
struct StatsAndHelpTests {
    @Test func statsCoversEveryVersion() throws {
        let dir = try workFolder()
        let run = try gate(["stats", "--logs", "logs.jsonl", "--format", "json"], in: dir)
        #expect(run.status == 0)
        let versions = try json(run.stdout)["versions"] as! [[String: Any]]
        #expect(versions.map { $0["version"] as! String } == ["v1", "v2", "v3"])
        #expect(versions[1]["runs"] as? Int == 40)
        #expect(versions[1]["failed_runs"] as? Int == 16)
        #expect(versions[1]["failure_rate"] as? Double == 0.2)
        let steps = versions[1]["per_step"] as! [[String: Any]]
        #expect(steps[1]["step"] as? String == "generation")
        #expect(steps[1]["error_types"] as? [String: Int] == ["timeout": 16])
        let p50 = steps[1]["latency_p50_ms"] as! Double
        #expect(abs(p50 - 119.5) / 119.5 <= 0.01)
    }

    @Test func helpListsEveryOptionWithItsDefault() throws {
        let run = try gate(["help", "check"])
        #expect(run.status == 0)
        for text in ["--logs", "--candidate", "--baseline <path>", "(default: baselines/baseline.json)", "--policy", "(default: statistical)",
                     "--format", "(default: text)", "--output", "--fail-on", "--max-bad-lines", "(default: 0)"] {
            #expect(run.stdout.contains(text), "\(text)")
        }
        #expect(try gate(["check", "--help"]).stdout == run.stdout)
        let overview = try gate(["--help"])
        #expect(overview.status == 0 && overview.stdout.contains("baseline update"))
        #expect(try gate(["--version"]).stdout.hasPrefix("regress-gate 0."))
    }
}
