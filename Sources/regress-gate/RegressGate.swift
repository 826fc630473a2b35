import Foundation
import RegressionKit

/// Dispatches a command line to its command and turns every failure into exit code 2 with a
/// one-line reason on stderr.
@main
enum RegressGate {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        MallocTuning.keepBigBlocksInTheHeap()
        exit(run(Array(CommandLine.arguments.dropFirst())).rawValue)
    }

    static func run(_ arguments: [String]) -> ExitCode {
        guard let first = arguments.first else {
            Console.errRaw(Commands.overview.hasSuffix("\n") ? Commands.overview : Commands.overview + "\n")
            Console.err("error: missing command")
            return .inputError
        }
        switch first {
        case "-h", "--help":
            return print(Commands.overview)
        case "--version":
            return print("regress-gate \(RegressionKitVersion.current)\n")
        case "help":
            return help(Array(arguments.dropFirst()))
        default:
            break
        }
        guard let (spec, used) = Commands.find(arguments) else {
            return usageError(UsageError(message: unknownCommandMessage(arguments), command: ""))
        }
        let options: ParsedOptions
        do throws(UsageError) {
            options = try parse(Array(arguments.dropFirst(used)), for: spec)
        } catch {
            return usageError(error)
        }
        if options.flag("help") {
            return print(spec.help)
        }
        do {
            return try spec.run(options)
        } catch let error as UsageError {
            return usageError(error)
        } catch let error as OutputError {
            Console.err("error: \(error.message)")
            return .inputError
        } catch {
            Console.err("error: \(ErrorMessage.text(error))")
            return .inputError
        }
    }

    static func help(_ words: [String]) -> ExitCode {
        if words.isEmpty { return print(Commands.overview) }
        if words.first == "-h" || words.first == "--help" {
            return print(Commands.helpCommand.help)
        }
        if let (spec, used) = Commands.find(words), used == words.count {
            return print(spec.help)
        }
        if words.count == 1, case let members = Commands.subcommands(of: words[0]), !members.isEmpty {
            return print(members.map(\.help).joined(separator: "\n"))
        }
        return usageError(UsageError(message: unknownCommandMessage(words), command: ""))
    }

    static func unknownCommandMessage(_ words: [String]) -> String {
        if let group = words.first, case let members = Commands.subcommands(of: group).map({ $0.path[1] }), !members.isEmpty {
            guard words.count > 1 else {
                let listed = members.dropLast().joined(separator: ", ") + (members.count > 1 ? " or " : "") + members.last!
                return "'\(group)' needs a subcommand: \(listed)"
            }
            let near = closestMatch(to: words[1], in: members).map { "; did you mean '\(group) \($0)'?" } ?? ""
            return "unknown command '\(group) \(words[1])'\(near)"
        }
        let near = closestMatch(to: words[0], in: Commands.names).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown command '\(words[0])'\(near)"
    }

    /// Prints help or version text: 0, or 2 when stdout cannot be written.
    static func print(_ text: String) -> ExitCode {
        do throws(OutputError) {
            try Console.out(text)
            return .success
        } catch {
            Console.err("error: \(error.message)")
            return .inputError
        }
    }

    static func usageError(_ error: UsageError) -> ExitCode {
        Console.err(error.line)
        return .inputError
    }
}
