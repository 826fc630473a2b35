import Foundation
import Testing

/// `action.yml`, the composite GitHub Action: it parses as YAML with the inputs the README
/// shows, its scripts are valid bash that never paste an input into code, and its gate step,
/// run here as Actions would run it, writes every report and hands on check's exit code.
@Suite("GitHub Action (action.yml)", .serialized)
struct GitHubActionTests {
    static let actionPath = packageRoot.appendingPathComponent("action.yml").path

    /// Each step's `run` script, by step name, read by python's yaml.
    func scripts() throws -> [String: String] {
        let python = try #require(ExternalTool.find(["python3"]))
        let run = try ExternalTool.run(python, ["-c", """
            import json, sys, yaml
            action = yaml.safe_load(open(sys.argv[1]))
            print(json.dumps({"inputs": sorted(action["inputs"]), "using": action["runs"]["using"],
                              "scripts": {s["name"]: s["run"] for s in action["runs"]["steps"] if "run" in s}}))
            """, Self.actionPath])
        #expect(run.status == 0, "action.yml does not parse: \(run.stderr)")
        let parsed = try json(run.stdout)
        #expect(parsed["using"] as? String == "composite")
        let inputs = try #require(parsed["inputs"] as? [String])
        for name in ["logs", "candidate", "baseline", "policy", "fail-on", "comment"] { #expect(inputs.contains(name), "no input \(name)") }
        return try #require(parsed["scripts"] as? [String: String])
    }

    @Test(.enabled(if: ExternalTool.hasPython("yaml"), "python3 with yaml is not installed"))
    func itParsesAndItsScriptsAreBashThatQuoteInputs() throws {
        let scripts = try scripts()
        #expect(scripts.count >= 4)
        for (name, script) in scripts {
            // An input pasted into a script would run as code ("${{ inputs.logs }}" holding "$(curl …)").
            #expect(!script.contains("${{"), "step '\(name)' pastes an expression into its script")
            let file = temporaryDirectory().appendingPathComponent("step.sh")
            try script.write(to: file, atomically: true, encoding: .utf8)
            let check = try ExternalTool.run("/bin/bash", ["-n", file.path])
            #expect(check.status == 0, "step '\(name)': \(check.stderr)")
        }
    }

    @Test(.enabled(if: ExternalTool.hasPython("yaml"), "python3 with yaml is not installed"))
    func theGateStepWritesEveryReportAndHandsOnChecksExitCode() throws {
        let script = try #require(try scripts()["Gate"])
        // The action's folder as Actions sees it: the tool built at .build/release.
        let action = temporaryDirectory(), work = temporaryDirectory()
        try FileManager.default.createDirectory(at: action.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: action.appendingPathComponent(".build/release/regress-gate"), withDestinationURL: toolURL)
        let lines = try String(contentsOfFile: fixture("requests.jsonl"), encoding: .utf8).split(separator: "\n")
        try (lines.prefix(1000).joined(separator: "\n") + "\n").write(to: work.appendingPathComponent("a-b.jsonl"), atomically: true, encoding: .utf8)
        try (lines.dropFirst(1000).joined(separator: "\n") + "\n").write(to: work.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("baselines/baseline.json"), to: work.appendingPathComponent("baseline.json"))
        let file = work.appendingPathComponent("step.sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        for name in ["output", "summary"] { _ = FileManager.default.createFile(atPath: work.appendingPathComponent(name).path, contents: nil) }
        let run = try ExternalTool.run("/bin/bash", ["--noprofile", "--norc", "-eo", "pipefail", file.path], in: work, environment: [
            "GITHUB_ACTION_PATH": action.path, "GITHUB_OUTPUT": "output", "GITHUB_STEP_SUMMARY": "summary", "GITHUB_ACTIONS": "",
            "RG_LOGS": "a-b.jsonl\n c.jsonl ", "RG_CANDIDATE": "v3", "RG_BASELINE": "baseline.json", "RG_POLICY": "statistical",
            "RG_FAIL_ON": "", "RG_REPORTS": "reports",
        ])
        #expect(run.status == 0, "the step itself must not fail: the last step exits with check's code\n\(run.stderr)")
        let output = try String(contentsOf: work.appendingPathComponent("output"), encoding: .utf8)
        #expect(output == "exit-code=1\nverdict=REGRESSION_DETECTED\n")
        for report in ["gate.json", "gate.xml", "gate.html"] {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("reports/\(report)").path), "\(report)")
        }
        #expect(try String(contentsOf: work.appendingPathComponent("summary"), encoding: .utf8).hasPrefix("### ❌ REGRESSION_DETECTED"))
    }
}
