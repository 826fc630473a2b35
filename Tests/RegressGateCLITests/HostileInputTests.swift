import Foundation
import Testing

/// Whatever a user feeds the gate, it never crashes, never hangs, and never passes by accident:
/// each hostile input gets a clear error (exit 2) or a documented acceptance.
@Suite("Hostile input")
struct HostileInputTests {
    let good = #"{"run_id": "r1", "step_name": "retrieval", "success": true, "prompt_version": "v1", "latency_ms": 12.5}"#

    /// Runs `stats` on a file made of `lines` (bytes), returns the run.
    func stats(_ lines: [[UInt8]], arguments: [String] = []) throws -> ToolRun {
        let dir = temporaryDirectory()
        let url = dir.appendingPathComponent("hostile.jsonl")
        var data = Data()
        for line in lines { data.append(contentsOf: line); data.append(0x0A) }
        try data.write(to: url)
        return try gate(["stats", "--logs", url.path, "--format", "json"] + arguments)
    }

    func expectRejected(_ run: ToolRun, line: Int, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 2, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.stderr.contains("hostile.jsonl:\(line):"), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(reason), "\(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aHundredMegabyteLineIsABadLineNotAMemoryBlowUp() throws {
        let huge = Array(#"{"run_id": "r2", "step_name": "s", "success": true, "prompt_version": "v1", "output_summary": ""#.utf8)
            + [UInt8](repeating: 0x61, count: 100 << 20) + Array(#""}"#.utf8)
        expectRejected(try stats([Array(good.utf8), huge, Array(good.utf8)]), line: 2, "line longer than 16 MiB")
        let tolerated = try stats([Array(good.utf8), huge, Array(good.utf8)], arguments: ["--max-bad-lines", "1"])
        #expect(tolerated.status == 0)
        #expect((try json(tolerated.stdout)["input"] as! [String: Any])["bad_lines"] as? Int == 1)
    }

    @Test func invalidUTF8() throws {
        for bytes: [UInt8] in [[0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE0, 0x80, 0xAF], [0xC3]] {
            let line = Array(#"{"run_id": "r", "step_name": "s", "success": true, "prompt_version": "v1", "input_summary": ""#.utf8) + bytes + Array(#""}"#.utf8)
            expectRejected(try stats([Array(good.utf8), line]), line: 2, "not valid UTF-8")
        }
    }

    @Test func deepNestingNaNAndWrongTypes() throws {
        let deep = #"{"run_id": "r", "step_name": "s", "success": true, "prompt_version": "v1", "x": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        expectRejected(try stats([Array(deep.utf8)]), line: 1, "nesting deeper than 512 levels")
        for (value, reason) in [("NaN", "NaN and Infinity are not valid JSON numbers"), ("Infinity", "NaN and Infinity"), ("-Infinity", "NaN and Infinity"), ("1e400", "number out of range"), ("-3", "negative")] {
            let line = #"{"run_id": "r", "step_name": "s", "success": true, "prompt_version": "v1", "latency_ms": \#(value)}"#
            expectRejected(try stats([Array(line.utf8)]), line: 1, reason)
        }
        let numberForBool = #"{"run_id": "r", "step_name": "s", "success": 0, "prompt_version": "v1"}"#
        expectRejected(try stats([Array(numberForBool.utf8)]), line: 1, #""success" must be true or false, found the number 0"#)
        let stringForBool = #"{"run_id": "r", "step_name": "s", "success": "false", "prompt_version": "v1"}"#
        expectRejected(try stats([Array(stringForBool.utf8)]), line: 1, #"found the string "false""#)
    }

    @Test func acceptedAsDocumentedDuplicateKeysBOMAndCRLF() throws {
        // Duplicate keys: the last one counts, as in Python's json (the ancestor's reader).
        let duplicate = #"{"run_id": "r", "step_name": "s", "success": true, "prompt_version": "v1", "success": false}"#
        let run = try stats([[0xEF, 0xBB, 0xBF] + Array(good.utf8) + [0x0D], Array(duplicate.utf8) + [0x0D]])
        #expect(run.status == 0, "\(run.stderr)")
        let version = (try json(run.stdout)["versions"] as! [[String: Any]])[0]
        #expect(version["steps"] as? Int == 2)
        #expect(version["failed"] as? Int == 1)
    }

    @Test func emptyOrBlankLogsAreNotAPass() throws {
        #expect(try stats([]).status == 2)
        #expect(try stats([[], [0x20, 0x09], [0x0D]]).status == 2)
        let dir = try workFolder()
        let blank = dir.appendingPathComponent("blank.jsonl")
        try "\n\n  \n".write(to: blank, atomically: true, encoding: .utf8)
        let check = try gate(["check", "--baseline", "baseline.json", "--logs", "blank.jsonl", "--candidate", "v2"], in: dir)
        #expect(check.status == 2 && check.stdout.isEmpty)
    }

    @Test func impossibleBaselinesAreRefusedNotJudged() throws {
        let dir = try workFolder()
        let path = dir.appendingPathComponent("baseline.json")
        let original = try String(contentsOf: path, encoding: .utf8)
        for (from, to, field) in [
            ("\"failed_steps\": 4", "\"failed_steps\": -4", "totals.failed_steps"),
            ("\"failed_runs\": 4,\n    \"failed_steps\"", "\"failed_runs\": 400,\n    \"failed_steps\"", "totals.failed_runs"),
            ("\"schema_version\": 1", "\"schema_version\": \"1\"", "schema_version"),
        ] {
            #expect(original.contains(from), "fixture drifted: \(from)")
            try original.replacingOccurrences(of: from, with: to).write(to: path, atomically: true, encoding: .utf8)
            let run = try gate(["check", "--baseline", "baseline.json", "--logs", "logs.jsonl", "--candidate", "v2"], in: dir)
            #expect(run.status == 2, "\(field): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("baseline.json") && run.stderr.contains(field), "\(run.stderr)")
        }
    }
}
