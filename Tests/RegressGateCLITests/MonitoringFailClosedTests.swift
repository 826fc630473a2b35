import Foundation
import Testing

@Suite("Forensics and monitoring commands fail closed")
struct MonitoringFailClosedTests {
    static let commands: [[String]] = [
        ["analyze"], ["candidates", "--output", "c.jsonl"], ["trend"], ["compare", "--a", "v1", "--b", "v2"],
        ["alert"], ["dashboard"],
    ]

    @Test(arguments: commands)
    func aBadLineIsAnInputErrorWithNothingOnStdout(command: [String]) throws {
        let dir = temporaryDirectory()
        let run = try gate(command + ["--logs", fixture("bad/malformed-line.jsonl")], in: dir, environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: \(fixture("bad/malformed-line.jsonl")):3:55: invalid word 'tru'"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("c.jsonl").path))
    }

    @Test(arguments: commands)
    func aMissingLogFileIsAnInputError(command: [String]) throws {
        let run = try gate(command + ["--logs", "no-such.jsonl"], in: temporaryDirectory(), environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr == "error: cannot open log file 'no-such.jsonl': No such file or directory\n")
    }
}
