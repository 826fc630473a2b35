/// An option a command accepts, as its help shows it.
struct OptionSpec {
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

    var isFlag: Bool { valueName == nil }
}

/// A command: its name, what it does, and its options.
struct CommandSpec {
    /// Words after `regress-gate`, e.g. `["baseline", "update"]`.
    var path: [String]
    /// One line: what the command does.
    var abstract: String
    /// Usage line after the command path.
    var usage: String
    /// Paragraphs after the options (examples, exit codes).
    var discussion: String = ""
    var options: [OptionSpec]

    var name: String { path.joined(separator: " ") }

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// The full help text, in the style of swift-argument-parser.
    var help: String {
        var out = "OVERVIEW: \(abstract)\n\n" + wrapped("regress-gate \(name) \(usage)", first: "USAGE: ", rest: "         ") + "\nOPTIONS:\n"
        let rows = options.map { o -> (String, String) in
            var left = "--\(o.name)"
            if let v = o.valueName { left += " <\(v)>" + (o.multiple ? " ..." : "") }
            var right = o.help
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

    /// `text` word-wrapped to 80 columns after `first`, continuing after `rest`; ends in a newline.
    private func wrapped(_ text: String, first: String, rest: String) -> String {
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
}
