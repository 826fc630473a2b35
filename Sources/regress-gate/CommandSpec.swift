/// An option a command accepts, as its help shows it.
struct OptionSpec: Sendable {
    /// Long name without dashes, e.g. `logs`.
    var name: String
    /// Placeholder for its value (`FILE`), nil for a flag.
    var valueName: String?
    /// One line of help.
    var help: String
    /// Default shown in help and used when absent.
    var defaultValue: String? = nil
    /// Takes several values: `--logs a.jsonl b.jsonl`, or repeated `--logs a --logs b`.
    var multiple = false
    /// Must be given.
    var required = false
    /// The only values accepted, when the set is closed.
    var allowed: [String]? = nil
    /// What a value must be (a number's range, a date); the parser checks it.
    var kind: OptionKind = .text

    var isFlag: Bool { valueName == nil }

    /// How the usage line shows it: `--logs <file> ...`, `[--days <n>]`, `[--create-dirs]`.
    var usage: String {
        var text = "--\(name)" + (valueName.map { " <\($0)>" } ?? "") + (multiple ? " ..." : "")
        if !required { text = "[\(text)]" }
        return text
    }
}

/// A command, declared once: its name, what it does, its options and the function it runs.
/// Its usage line, its help, the overview's list and the README's command table all come from
/// this declaration.
struct CommandSpec: Sendable {
    /// Words after `regress-gate`, e.g. `["baseline", "update"]`.
    var path: [String]
    /// Runs the command on parsed options and picks the exit code.
    var run: @Sendable (ParsedOptions) throws -> ExitCode
    /// One line: what the command does.
    var abstract: String
    /// Words that are not options, shown after the options in the usage line (`help`'s command).
    var arguments: String? = nil
    /// Paragraphs after the options (examples, exit codes).
    var discussion: String = ""
    var options: [OptionSpec]

    var name: String { path.joined(separator: " ") }

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// The usage after `regress-gate`: the command, then every option, required ones first.
    var usage: String { usageParts.joined(separator: " ") }

    private var usageParts: [String] {
        [name] + options.filter(\.required).map(\.usage) + options.filter { !$0.required }.map(\.usage) + (arguments.map { [$0] } ?? [])
    }

    /// The full help text, in the style of swift-argument-parser.
    var help: String {
        var out = "OVERVIEW: \(abstract)\n\n" + wrapped("regress-gate " + usageParts.map { $0.replacingOccurrences(of: " ", with: "\u{1}") }.joined(separator: " "), first: "USAGE: ", rest: "         ") + "\nOPTIONS:\n"
        let rows = options.map { o -> (String, String) in
            var left = "--\(o.name)"
            if let v = o.valueName { left += " <\(v)>" + (o.multiple ? " ..." : "") }
            var right = o.help
            if let range = o.kind.range { right += " (\(range.replacingOccurrences(of: " ", with: "\u{1}")))" }
            if let allowed = o.allowed { right += " (values: \(allowed.joined(separator: ", ")))" }
            if let d = o.defaultValue { right += " (default:\u{1}\(d))" }   // \u{1}: a space wrapping keeps
            if o.required { right += " (required)" }
            return (left, right)
        } + [("-h, --help", "Show help information.")]
        let width = min(30, rows.map(\.0.count).max() ?? 0)
        let hanging = String(repeating: " ", count: width + 4)
        for (left, right) in rows {
            if left.count > width {
                out += "  \(left)\n" + wrapped(right, first: hanging, rest: hanging)
            } else {
                out += wrapped(right, first: "  \(left)\(String(repeating: " ", count: width - left.count))  ", rest: hanging)
            }
        }
        if !discussion.isEmpty { out += "\n" + discussion + (discussion.hasSuffix("\n") ? "" : "\n") }
        return out
    }

    /// Its row in the README's command table: the usage line and the abstract.
    var markdownRow: String {
        "| `\(usage.replacingOccurrences(of: "|", with: "\\|"))` | \(abstract) |"
    }
}

/// `text` word-wrapped to 80 columns after `first`, continuing after `rest`; ends in a newline.
/// A `\u{1}` is a space that never breaks.
func wrapped(_ text: String, first: String, rest: String) -> String {
    var lines: [String] = [], line = first
    for word in text.split(separator: " ") {
        let prefix = lines.isEmpty ? first : rest
        if line.count > prefix.count, line.count + 1 + word.count > 80 {
            lines.append(line)
            line = rest + word
        } else {
            line += (line.count > prefix.count ? " " : "") + word
        }
    }
    return (lines + [line]).joined(separator: "\n").replacingOccurrences(of: "\u{1}", with: " ") + "\n"
}
