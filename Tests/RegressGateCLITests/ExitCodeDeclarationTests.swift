import Foundation
import Testing
@testable import regress_gate

/// The exit codes are declared once, in `ExitCode`: the help prints them from it, and these tests
/// hold every copy that cannot be generated (the README, the DocC articles, the plugin, which
/// cannot link the tool) to it.
@Suite("Exit code declaration")
struct ExitCodeDeclarationTests {
    static let articles = "Sources/RegressionKit/RegressionKit.docc"

    func text(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The table under `## Exit codes` in `path`, from its header row to the first line after it
    /// that is not a row.
    func exitCodeTable(_ path: String) throws -> String {
        let lines = try text(path).split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try #require(lines.firstIndex(of: "## Exit codes"), "\(path) has no '## Exit codes' section")
        let header = try #require(lines[heading...].firstIndex { $0.hasPrefix("| code |") }, "\(path) has no exit code table")
        return lines[header...].prefix { $0.hasPrefix("|") }.map { $0 + "\n" }.joined()
    }

    @Test(arguments: ["README.md", "\(articles)/GettingStarted.md"])
    func theTableIsTheDeclaration(path: String) throws {
        #expect(try exitCodeTable(path) == ExitCode.markdownTable, "\(path)'s exit code table should read:\n\(ExitCode.markdownTable)")
    }

    /// Every exit code the prose names ("exits 2", "the exit code is 3") is one the tool has.
    @Test func theDocsNameOnlyDeclaredCodes() throws {
        let articles = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(Self.articles).path)
            .filter { $0.hasSuffix(".md") }.map { "\(Self.articles)/\($0)" }
        let declared = Set(ExitCode.allCases.map(\.rawValue))
        let mention = /[Ee]xit(?:s|ed|ing)?(?: code(?: is)?| status)? (\d+)/
        var mentions = 0
        for path in ["README.md"] + articles.sorted() {
            for match in try text(path).matches(of: mention) {
                mentions += 1
                #expect(Int32(match.1).map(declared.contains) == true, "\(path): '\(match.0)' is not a declared exit code")
            }
        }
        #expect(mentions > 10)
    }

    /// The plugin runs the tool and explains its exit code (SwiftPM reports every plugin failure
    /// as 1); it builds against PackagePlugin alone, so its copy of the codes is checked here.
    @Test func thePluginExplainsTheDeclaredCodes() throws {
        let plugin = try text("Plugins/RegressGatePlugin/RegressGatePlugin.swift")
        let (regression, input) = (ExitCode.regression.rawValue, ExitCode.inputError.rawValue)
        for expected in ["exit codes (\(regression) regression, \(input) input error)", "case (\(regression), let verdict?):",
                         "case (\(input), _):", "regress-gate exited \(input): usage or input error"] {
            #expect(plugin.contains(expected), "the plugin should say \(expected)")
        }
    }

    /// The codes a help text lists, in order.
    func listedCodes(_ help: String, after heading: String) -> [Int32] {
        help.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasSuffix(heading) }.dropFirst()
            .prefix { !$0.isEmpty }.compactMap { line in line.hasPrefix("  ") ? Int32(line.dropFirst(2).prefix { $0 != " " }) : nil }
    }

    @Test func theHelpListsTheCodesEachCommandExitsWith() throws {
        let overview = try gate(["--help"]).stdout
        #expect(overview.contains("EXIT CODES:\n" + ExitCode.helpLines + "\n"))
        #expect(listedCodes(overview, after: "EXIT CODES:") == ExitCode.allCases.map(\.rawValue))
        let check = try gate(["help", "check"]).stdout
        #expect(listedCodes(check, after: "and exits:") == [ExitCode.success, .regression, .inputError].map(\.rawValue))
        let alert = try gate(["help", "alert"]).stdout
        #expect(listedCodes(alert, after: "EXIT CODES:") == [ExitCode.success, .inputError, .deliveryFailed].map(\.rawValue))
    }

    /// A check that could not judge says, in each error report, the code the tool exited with.
    @Test func errorReportsNameTheCodeTheToolExitsWith() throws {
        let dir = temporaryDirectory()
        let run = try gate(["check", "--baseline", "nope.json", "--logs", fixture("requests.jsonl"), "--candidate", "v3",
                            "--report", "junit=gate.xml", "--report", "markdown=gate.md", "--report", "html=gate.html"], in: dir)
        #expect(run.status == ExitCode.inputError.rawValue)
        func report(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        #expect(try report("gate.xml").contains("Nothing was judged; the gate fails closed (exit \(run.status))."))
        #expect(try report("gate.md").contains("The gate fails closed (exit \(run.status)).\n"))
        #expect(try report("gate.html").contains("The gate fails closed: it exited \(run.status) and passed nothing."))
    }
}
