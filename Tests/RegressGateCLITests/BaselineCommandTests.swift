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

    /// The issue's repro: a --baseline that is a link to a shared file. The target gets the new
    /// version, the link stays a link, and the tool names the file it wrote.
    @Test func updateThroughASymlinkWritesTheTargetAndSaysSo() throws {
        let dir = try workFolder()
        let shared = dir.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("baseline.json"), to: shared.appendingPathComponent("v1.json"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("baseline.json").path, withDestinationPath: "shared/v1.json")
        let run = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v2", "--baseline", "baseline.json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let target = shared.resolvingSymlinksInPath().appendingPathComponent("v1.json").path
        #expect(run.stdout == "wrote \(target) (the target of the link baseline.json): version v2, 40 runs, 80 steps, 16 failed, 2 step names, 40 cases\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("baseline.json").path) == "shared/v1.json")
        #expect(try json(String(contentsOf: shared.appendingPathComponent("v1.json"), encoding: .utf8))["version"] as? String == "v2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path) == ["v1.json"])
        let check = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2"], in: dir)
        #expect(check.stdout.contains("vs baseline v2"), "\(check.stdout)")
        let asJSON = try json(gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v3", "--baseline", "baseline.json", "--format", "json"], in: dir).stdout)
        #expect(asJSON["baseline"] as? String == "baseline.json" && asJSON["written"] as? String == target)
    }

    /// A typo in the folder makes no folder: exit 2 naming it; --create-dirs makes the last level only.
    @Test func aMissingFolderIsNamedUnlessCreateDirsIsGiven() throws {
        let dir = try workFolder()
        let update = ["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline"]
        let typo = try gate(update + ["baselnes/baseline.json"], in: dir)
        #expect(typo.status == 2 && typo.stdout.isEmpty)
        #expect(typo.stderr == "error: cannot write baseline file 'baselnes/baseline.json': the directory 'baselnes' does not exist; check the path for a typo, or create the directory, or pass --create-dirs to create it\n")
        let deep = try gate(update + ["a/b/baseline.json", "--create-dirs"], in: dir)
        #expect(deep.status == 2)
        #expect(deep.stderr.hasPrefix("error: cannot write baseline file 'a/b/baseline.json': the directory 'a' does not exist"), "\(deep.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["baseline.json", "logs.jsonl"])
        let made = try gate(update + ["baselines/baseline.json", "--create-dirs"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("wrote baselines/baseline.json: version v1"))
    }

    /// The issue's repro: one record with `latency_ms: 1e308` made a baseline `check` refused.
    /// Now the update is refused at the record, and no file is written.
    @Test func aValueNoBaselineCanHoldIsRefusedAtItsRecord() throws {
        let dir = try workFolder()
        let before = try Data(contentsOf: dir.appendingPathComponent("baseline.json"))
        var lines = try String(contentsOf: dir.appendingPathComponent("logs.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        let n = try #require(lines.firstIndex { $0.contains("\"v1\"") && $0.contains("\"latency_ms\": ") })
        lines[n] = lines[n].replacingOccurrences(of: #""latency_ms": [0-9.]+"#, with: "\"latency_ms\": 1e308", options: .regularExpression)
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("logs.jsonl"), atomically: true, encoding: .utf8)
        let run = try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v1", "--baseline", "baseline.json"], in: dir)
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: logs.jsonl:\(n + 1): latency_ms 1e+308 of step "), "\(run.stderr)")
        #expect(run.stderr.contains("is more than the 1e+300 ms a baseline holds; fix or drop the record"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("baseline.json")) == before)
        // The other versions of the same logs still freeze, and check reads what was written.
        #expect(try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", "v2", "--baseline", "v2.json"], in: dir).status == 0)
        #expect(try gate(["check", "--logs", "logs.jsonl", "--candidate", "v2", "--baseline", "v2.json"], in: dir).status != 2)
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
