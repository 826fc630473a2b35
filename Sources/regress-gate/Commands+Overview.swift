import RegressionKit

/// What is derived from the declarations: the overview, the README's command table, and finding
/// a command by its words.
extension Commands {
    /// What `regress-gate --help` prints: the commands come from their declarations.
    static var overview: String {
        let width = all.map(\.name.count).max()! + 2
        let commands = all.map { spec in
            wrapped(spec.abstract, first: "  " + spec.name + String(repeating: " ", count: width - spec.name.count),
                    rest: String(repeating: " ", count: width + 2))
        }.joined()
        return """
        OVERVIEW: Stop AI-pipeline regressions before they ship.

        Reads step logs (failure-forensics JSONL, or OpenTelemetry traces), freezes
        an accepted version as a baseline snapshot, and gates a candidate version
        against it.

        USAGE: regress-gate <command> [options]

        COMMANDS:
        \(commands)
        OPTIONS:
          --version        Show the version.
          -h, --help       Show help information.

        EXIT CODES:
        \(ExitCode.helpLines)
        See 'regress-gate help <command>' for a command's options.

        """
    }

    /// The README's command table: a row per command, its usage line and what it does.
    static var markdownTable: String {
        (["| command | what it does |", "|---|---|"] + all.map(\.markdownRow)).joined(separator: "\n") + "\n"
    }

    /// The command named by the leading words of `arguments`, and the words it used.
    static func find(_ arguments: [String]) -> (CommandSpec, Int)? {
        all.filter { arguments.starts(with: $0.path) }.max { $0.path.count < $1.path.count }.map { ($0, $0.path.count) }
    }

    /// The commands whose name starts with the word `group` and goes on (`baseline` has `update`
    /// and `show`), in declaration order.
    static func subcommands(of group: String) -> [CommandSpec] {
        all.filter { $0.path.count > 1 && $0.path[0] == group }
    }

    /// Names a user might have meant: command names and the first words of the longer ones.
    static var names: [String] {
        var groups: [String] = []
        for spec in all where spec.path.count > 1 && !groups.contains(spec.path[0]) { groups.append(spec.path[0]) }
        return all.map(\.name) + groups
    }
}
