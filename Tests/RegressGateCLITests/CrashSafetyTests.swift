import Foundation
import Testing

/// A baseline update killed with SIGKILL at any moment leaves the old baseline or the new one,
/// whole: never a truncated or mixed file.
@Suite("Crash safety of baseline update")
struct CrashSafetyTests {
    @Test func killedAtRandomMomentsTheBaselineIsAlwaysOldOrNew() throws {
        let dir = temporaryDirectory()
        // Big enough that an update takes a while: 40,000 runs of 2 steps.
        try writeLog(dir.appendingPathComponent("logs.jsonl"), [("v1", 20_000, 2_000), ("v2", 20_000, 6_000)])
        let path = dir.appendingPathComponent("baseline.json")
        func update(_ version: String) throws -> ToolRun {
            try gate(["baseline", "update", "--logs", "logs.jsonl", "--version", version, "--baseline", "baseline.json"], in: dir)
        }
        #expect(try update("v2").status == 0)
        let newBody = try body(of: path)
        #expect(try update("v1").status == 0)
        let old = try Data(contentsOf: path)

        let start = Date()
        #expect(try update("v2").status == 0)
        let duration = Date().timeIntervalSince(start)
        try old.write(to: path)

        var sawOld = 0, sawNew = 0
        let kills = 20
        for i in 0..<kills {
            let process = Process()
            process.executableURL = toolURL
            process.arguments = ["baseline", "update", "--logs", "logs.jsonl", "--version", "v2", "--baseline", "baseline.json"]
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Spread the kills from the start of the update to well past its end.
            usleep(useconds_t(duration * 2 * Double(i) / Double(kills) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: path)
            if now == old {
                sawOld += 1
            } else {
                #expect(try body(of: path) == newBody, "kill \(i): the baseline is neither the old nor the new one")
                sawNew += 1
                try old.write(to: path)
            }
        }
        #expect(sawOld + sawNew == kills)
        #expect(sawOld > 0 && sawNew > 0, "the kills did not span the update: \(sawOld) old, \(sawNew) new")
        // A later update clears the temporary files of killed writers.
        #expect(try update("v2").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["baseline.json", "logs.jsonl"])
    }

    /// The file without its creation time, which differs between updates.
    func body(of url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.contains("\"created_at\"") }
    }
}
