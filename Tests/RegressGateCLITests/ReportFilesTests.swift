import Foundation
import Testing

/// The shipped fixtures: v3 regressed against the v2 baseline (absolute paths: runs from any folder).
let fixtureCheck = ["check", "--baseline", packageRoot.appendingPathComponent("baselines/baseline.json").path,
                    "--logs", fixture("requests.jsonl"), "--candidate", "v3"]

@Suite("check --report: many reports from one run")
struct ReportFilesTests {
    @Test func fourReportsFromOneRunBesideTheTextOnStdout() throws {
        let dir = temporaryDirectory()
        let run = try gate(fixtureCheck + [
            "--report", "json=\(dir.path)/gate.json", "--report", "junit=\(dir.path)/gate.xml",
            "--report", "markdown=\(dir.path)/gate.md", "--report", "html=\(dir.path)/out/gate.html",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("REGRESSION_DETECTED: v3 vs baseline v2"))
        let report = try json(String(contentsOf: dir.appendingPathComponent("gate.json"), encoding: .utf8))
        #expect(report["verdict"] as? String == "REGRESSION_DETECTED")
        let xml = try String(contentsOf: dir.appendingPathComponent("gate.xml"), encoding: .utf8)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"regress-gate\" tests=\"13\" failures=\"4\" errors=\"0\""))
        let md = try String(contentsOf: dir.appendingPathComponent("gate.md"), encoding: .utf8)
        #expect(md.hasPrefix("### ❌ REGRESSION_DETECTED: `v3` vs baseline `v2`"))
        let html = try String(contentsOf: dir.appendingPathComponent("out/gate.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg id=\"rates-chart\""))
    }

    @Test func everyFormatOnStdoutMatchesItsReportFile() throws {
        let dir = temporaryDirectory()
        for format in ["text", "json", "markdown", "junit", "html", "github"] {
            let printed = try gate(fixtureCheck + ["--format", format])
            let written = try gate(fixtureCheck + ["--report", "\(format)=\(dir.path)/r.\(format)"])
            #expect(printed.status == 1 && written.status == 1)
            #expect(try String(contentsOf: dir.appendingPathComponent("r.\(format)"), encoding: .utf8) == printed.stdout, "\(format)")
        }
    }

    @Test func markdownAppendsToTheStepSummaryAndReplacesOtherFiles() throws {
        let dir = temporaryDirectory()
        let summary = dir.appendingPathComponent("step_summary.md")
        try "## Build\n\nok\n".write(to: summary, atomically: true, encoding: .utf8)
        let env = ["GITHUB_STEP_SUMMARY": summary.path]
        for _ in 0..<2 {
            let run = try gate(fixtureCheck + ["--report", "markdown=\(summary.path)", "--report", "markdown=\(dir.path)/plain.md"], environment: env)
            #expect(run.status == 1, "\(run.stderr)")
        }
        let once = try gate(fixtureCheck + ["--format", "markdown"]).stdout
        #expect(try String(contentsOf: summary, encoding: .utf8) == "## Build\n\nok\n" + once + once)
        #expect(try String(contentsOf: dir.appendingPathComponent("plain.md"), encoding: .utf8) == once)
    }

    /// The repro: a regressed check whose report file cannot be written exited 2 with
    /// nothing on stdout, so the verdict was never seen. Now the verdict is printed, the other
    /// reports are written, and the exit is 2 with the reason and the verdict on stderr.
    @Test func aReportThatCannotBeWrittenStillShowsTheVerdictAndExits2() throws {
        let dir = temporaryDirectory()
        try "a file, not a directory".write(to: dir.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let run = try gate(fixtureCheck + ["--report", "junit=blocker/gate.xml", "--report", "json=gate.json"], in: dir)
        #expect(run.status == 2)
        #expect(run.stdout == (try gate(fixtureCheck).stdout))   // the same report as a run whose files were all written
        #expect(run.stdout.hasPrefix("REGRESSION_DETECTED: v3 vs baseline v2"))
        let errors = run.stderr.split(separator: "\n")
        #expect(errors.count == 2, "\(run.stderr)")
        #expect(errors.first?.hasPrefix("error: cannot write report file 'blocker/gate.xml': ") == true)
        #expect(errors.last == "error: the verdict is REGRESSION_DETECTED, but a report file could not be written; exit 2 until every report can be written (fix the path, or drop the --report)")
        #expect(try json(String(contentsOf: dir.appendingPathComponent("gate.json"), encoding: .utf8))["verdict"] as? String == "REGRESSION_DETECTED")
    }

    /// `--output` that cannot be written: the report it was for is printed on stdout instead.
    @Test func anOutputFileThatCannotBeWrittenGoesToStdoutInstead() throws {
        let dir = temporaryDirectory()
        try "a file, not a directory".write(to: dir.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let run = try gate(fixtureCheck + ["--format", "json", "--output", "blocker/gate.json"], in: dir)
        #expect(run.status == 2)
        #expect(try json(run.stdout)["verdict"] as? String == "REGRESSION_DETECTED")
        #expect(run.stderr.hasSuffix("error: the verdict is REGRESSION_DETECTED (the report is on stdout instead), but a report file could not be written; exit 2 until every report can be written (fix the path, or drop the --report)\n"), "\(run.stderr)")
        let passing = try gate(fixtureCheck.map { $0 == "v3" ? "v2" : $0 } + ["--report", "html=blocker/gate.html"], in: dir)
        #expect(passing.status == 2)   // a PASS whose report is lost is not a success either
        #expect(passing.stdout.hasPrefix("PASS"), "\(passing.stdout)")
    }

    /// Reports follow the same rules as the baseline: through a link to its target; their own
    /// folder is made (an artifact folder in a fresh checkout), a deeper gap is an error naming it;
    /// a report linked to an input is refused before anything is written.
    @Test func reportsAreWrittenThroughLinksAndIntoTheirOwnFolderOnly() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("artifacts"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("gate.json").path, withDestinationPath: "artifacts/gate.json")
        let run = try gate(fixtureCheck + ["--report", "json=gate.json", "--report", "html=fresh/gate.html"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try json(String(contentsOf: dir.appendingPathComponent("artifacts/gate.json"), encoding: .utf8))["verdict"] as? String == "REGRESSION_DETECTED")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("gate.json").path) == "artifacts/gate.json")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("fresh/gate.html").path))

        let deep = try gate(fixtureCheck + ["--report", "junit=a/b/gate.xml"], in: dir)
        #expect(deep.status == 2)
        #expect(deep.stderr.contains("error: cannot write report file 'a/b/gate.xml': the directory 'a' does not exist (only the last level, 'a/b', is created)"), "\(deep.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a").path))

        let baseline = packageRoot.appendingPathComponent("baselines/baseline.json").path
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sneaky.json").path, withDestinationPath: baseline)
        let sneaky = try gate(fixtureCheck + ["--report", "json=sneaky.json"], in: dir)
        #expect(sneaky.status == 2)
        #expect(sneaky.stderr.hasPrefix("error: 'sneaky.json' is an input of this check"), "\(sneaky.stderr)")
    }

    @Test func brokenInputLeavesNoStaleJSONVerdict() throws {
        let dir = temporaryDirectory()
        let pass = try gate(fixtureCheck.map { $0 == "v3" ? "v2" : $0 } + ["--report", "json=gate.json"], in: dir)
        #expect(pass.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("gate.json").path))
        let broken = try gate(["check", "--baseline", "missing.json", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--report", "json=gate.json"], in: dir)
        #expect(broken.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("gate.json").path))
        // Through a link, the stale verdict is the link's target: it goes, the link stays.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("artifacts"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked.json").path, withDestinationPath: "artifacts/gate.json")
        #expect(try gate(fixtureCheck.map { $0 == "v3" ? "v2" : $0 } + ["--report", "json=linked.json"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("artifacts/gate.json").path))
        let again = try gate(["check", "--baseline", "missing.json", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--report", "json=linked.json"], in: dir)
        #expect(again.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("artifacts/gate.json").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("linked.json").path) == "artifacts/gate.json")
    }

    @Test func reportOptionMistakesAreUsageErrorsBeforeAnythingIsRead() throws {
        let dir = temporaryDirectory()
        let cases: [([String], String)] = [
            (["--report", "junit"], "invalid value 'junit' for '--report': expected FORMAT=PATH"),
            (["--report", "junt=x.xml"], "unknown report format 'junt' in '--report junt=x.xml': expected one of text, json, markdown, junit, html, github; did you mean 'junit'?"),
            (["--report", "html="], "missing file in '--report html=': expected html=PATH"),
            (["--report", "json=a.json", "--report", "junit=./a.json"], "'./a.json' is named for two reports (json and junit); give each its own file"),
            (["--report", "json=missing.jsonl"], "'missing.jsonl' is an input of this check (the baseline or a log); write the json report to another file"),
            (["--report", "html=./missing.json"], "'./missing.json' is an input of this check"),
            (["--format", "json", "--output", "a.json", "--report", "json=a.json"], "'a.json' is named for two reports (json and json)"),
        ]
        for (arguments, message) in cases {
            let run = try gate(["check", "--baseline", "missing.json", "--logs", "missing.jsonl", "--candidate", "v3"] + arguments, in: dir)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("error: " + message), "\(run.stderr)")
            #expect(run.stderr.hasSuffix("(see 'regress-gate help check')\n"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func brokenInputStillWritesErrorReportsButNoJSON() throws {
        let dir = temporaryDirectory()
        let run = try gate(["check", "--baseline", "nope.json", "--logs", fixture("requests.jsonl"), "--candidate", "v3",
                            "--report", "junit=gate.xml", "--report", "json=gate.json", "--report", "markdown=gate.md", "--report", "html=gate.html"], in: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: baseline file 'nope.json' does not exist"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let xml = try String(contentsOf: dir.appendingPathComponent("gate.xml"), encoding: .utf8)
        #expect(xml.contains("tests=\"1\" failures=\"0\" errors=\"1\""))
        #expect(xml.contains("<error type=\"INPUT_ERROR\" message=\"baseline file &#39;nope.json&#39; does not exist"))
        #expect(try String(contentsOf: dir.appendingPathComponent("gate.md"), encoding: .utf8).hasPrefix("### ❗ Input error: nothing was judged"))
        #expect(try String(contentsOf: dir.appendingPathComponent("gate.html"), encoding: .utf8).contains("INPUT ERROR"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("gate.json").path))
    }
}
