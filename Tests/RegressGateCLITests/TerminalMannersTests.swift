import Foundation
import Testing

@Suite("Terminal manners")
struct TerminalMannersTests {
    @Test func notATerminalMeansNoEscapeCodesAndNoProgress() throws {
        for arguments in [fixtureCheck, ["stats", "--logs", fixture("requests.jsonl")], ["baseline", "show", "--baseline", packageRoot.appendingPathComponent("baselines/baseline.json").path]] {
            let run = try gate(arguments, environment: ["TERM": "xterm-256color"])
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\r"), "\(arguments)")
            #expect(run.stderr.isEmpty, "\(arguments): \(run.stderr)")
            #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(arguments)")
        }
        for command in ["check", "stats", "baseline update", "baseline show"] {
            let help = try gate(["help"] + command.split(separator: " ").map(String.init))
            #expect(help.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "help \(command)")
        }
    }

    /// Runs the tool on a pseudo-terminal (util-linux `script`), stdout and stderr both on it.
    func onTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolRun {
        let quoted = ([toolURL.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var env = ["TERM": "xterm-256color", "NO_COLOR": ""]
        env.merge(environment) { $1 }
        return try ExternalTool.run(ExternalTool.script ?? "script", ["-qec", quoted, "/dev/null"], environment: env)
    }

    @Test(.enabled(if: ExternalTool.wanted(ExternalTool.script != nil), "needs util-linux 'script' for a pseudo-terminal; always runs when CI is set"))
    func onATerminalTheVerdictIsColouredUnlessNoColor() throws {
        let colored = try onTerminal(fixtureCheck)
        #expect(colored.status == 1)
        #expect(colored.stdout.hasPrefix("\u{1B}[1;31mREGRESSION_DETECTED\u{1B}[0m: v3 vs baseline v2"), "\(colored.stdout.prefix(80).debugDescription)")
        #expect(colored.stdout.components(separatedBy: "\u{1B}[").count == 3)      // the verdict word only
        let plain = try onTerminal(fixtureCheck, environment: ["NO_COLOR": "1"])
        #expect(plain.status == 1)
        #expect(plain.stdout.hasPrefix("REGRESSION_DETECTED: v3 vs baseline v2"))
        #expect(!plain.stdout.contains("\u{1B}"))
        let json = try onTerminal(fixtureCheck + ["--format", "json"])
        #expect(!json.stdout.contains("\u{1B}"))                                     // only text is coloured
    }
}
