import Foundation
import Testing
@testable import regress_gate

/// Usage lines, help, range checks and the README's command table all come from one declaration
/// per command; these tests hold them to it.
@Suite("Command declarations")
struct CommandDeclarationTests {
    /// The README's table under "## Commands", from its header row to the first line after it
    /// that is not a row.
    func readmeCommandTable() throws -> String {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        guard let heading = lines.firstIndex(of: "## Commands"),
              let header = lines[heading...].firstIndex(where: { $0.hasPrefix("| command |") }) else { return "" }
        return lines[header...].prefix { $0.hasPrefix("|") }.map { $0 + "\n" }.joined()
    }

    @Test func theReadmeTableIsTheDeclarations() throws {
        let table = try readmeCommandTable()
        #expect(table == Commands.markdownTable, "README.md's command table should read:\n\(Commands.markdownTable)")
    }

    /// What `help` prints for `command`: its USAGE line unwrapped, and the options it lists.
    func helpOf(_ command: String) throws -> (usage: String, options: [String]) {
        let run = try gate(["help"] + command.split(separator: " ").map(String.init))
        #expect(run.status == 0, "help \(command): \(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let usageLines = lines.drop { !$0.hasPrefix("USAGE: ") }.prefix { !$0.isEmpty }
        let usage = usageLines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").dropFirst("USAGE: ".count)
        let options = lines.drop { $0 != "OPTIONS:" }.dropFirst().prefix { !$0.isEmpty }
            .compactMap { line -> String? in
                let word = line.drop { $0 == " " }.prefix { $0 != " " && $0 != "," }
                return line.hasPrefix("  --") ? String(word) : nil
            }
        return (String(usage), options)
    }

    @Test(arguments: Commands.all.map(\.name))
    func theUsageLineNamesEveryOptionTheHelpLists(command: String) throws {
        let (usage, options) = try helpOf(command)
        #expect(usage.hasPrefix("regress-gate \(command)"), "\(usage)")
        let declared = Commands.all.first { $0.name == command }!.options.map { "--" + $0.name }
        #expect(options == declared, "help \(command) lists \(options)")
        let named = usage.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }.filter { $0.hasPrefix("--") }
        #expect(named.sorted() == options.sorted(), "usage of \(command): \(usage)")
    }

    @Test func helpHelpIsHelp() throws {
        for arguments in [["help", "help"], ["help", "--help"]] {
            let run = try gate(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.hasPrefix("OVERVIEW: Show help for a command.\n\nUSAGE: regress-gate help [<command>]\n"), "\(run.stdout)")
        }
        let overview = try gate(["--help"]).stdout
        for spec in Commands.all {
            #expect(overview.contains("\n  \(spec.name)" + String(repeating: " ", count: 17 - spec.name.count) + spec.abstract + "\n"), "\(spec.name)")
        }
        #expect(overview.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    /// A value just outside each numeric option's declared range, and the one message it gets.
    static let outOfRange: [(kind: String, value: String, expected: String)] = [
        ("integer>=0", "-1", "an integer of at least 0"),
        ("integer>=1", "0", "an integer of at least 1"),
        ("number>=0", "-0.5", "a number of at least 0"),
        ("positive", "0", "a number greater than 0"),
        ("rate", "1.5", "a number from 0 to 1"),
        ("level", "1", "a number between 0 and 1, both excluded"),
        ("date", "2026-13-01", "a date YYYY-MM-DD"),
    ]

    static func kindName(_ kind: OptionKind) -> String? {
        switch kind {
        case .text: nil
        case .integer(let minimum): "integer>=\(minimum)"
        case .number(let minimum): "number>=\(Int(minimum))"
        case .positive: "positive"
        case .rate: "rate"
        case .level: "level"
        case .date: "date"
        }
    }

    @Test(arguments: Commands.all.map(\.name))
    func everyNumericOptionRejectsAValueOutOfItsRangeWithOneMessage(command: String) throws {
        let spec = Commands.all.first { $0.name == command }!
        let required = spec.options.filter(\.required).flatMap { ["--\($0.name)", $0.name == "logs" ? fixture("requests.jsonl") : "x"] }
        for option in spec.options {
            guard let kind = Self.kindName(option.kind) else { continue }
            let (_, value, expected) = try #require(Self.outOfRange.first { $0.kind == kind }, "no out-of-range value for \(kind)")
            let run = try gate(spec.path + required + ["--\(option.name)", value])
            #expect(run.status == 2)
            #expect(run.stderr == "error: invalid value '\(value)' for '--\(option.name)': expected \(expected) (see 'regress-gate help \(command)')\n",
                    "\(command) --\(option.name) \(value)")
        }
    }

    @Test func theIssuesExamplesGetTheSameMessageShape() throws {
        let logs = fixture("requests.jsonl")
        for (arguments, message) in [
            (["alert", "--logs", logs, "--consecutive", "0"], "invalid value '0' for '--consecutive': expected an integer of at least 1"),
            (["alert", "--logs", logs, "--max-failure-rate", "1.5"], "invalid value '1.5' for '--max-failure-rate': expected a number from 0 to 1"),
            (["trend", "--logs", logs, "--days", "0"], "invalid value '0' for '--days': expected an integer of at least 1"),
            (["trend", "--logs", logs, "--days", "-1"], "invalid value '-1' for '--days': expected an integer of at least 1"),
            (["alert", "--logs", logs, "--timeout", "nan"], "invalid value 'nan' for '--timeout': expected a number greater than 0"),
        ] {
            let run = try gate(arguments)
            #expect(run.status == 2 && run.stderr.hasPrefix("error: \(message) (see"), "\(arguments): \(run.stderr)")
        }
        // In range, at the edges: accepted.
        #expect(try gate(["alert", "--logs", logs, "--max-failure-rate", "1", "--consecutive", "1", "--days", "1"], environment: ["REGRESS_GATE_WEBHOOK": ""]).status == 0)
    }
}
