import RegressionKit

/// A command-line mistake: what is wrong, said in one line, with the command whose help to read.
struct UsageError: Error {
    var message: String
    var command: String

    var line: String {
        "error: \(message) (see 'regress-gate help\(command.isEmpty ? "" : " " + command)')"
    }
}

/// Parsed options of one command.
struct ParsedOptions {
    var spec: CommandSpec
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    init(spec: CommandSpec) { self.spec = spec }

    /// The option's value, or its default.
    func value(_ name: String) -> String? { values[name]?.last ?? spec.option(name)?.defaultValue }

    /// All values of a multi-value option.
    func list(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value as a non-negative integer.
    func count(_ name: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text), n >= 0 else {
            throw UsageError(message: "invalid value '\(text)' for '--\(name)': expected a whole number >= 0", command: spec.name)
        }
        return n
    }

    /// The value as a non-negative number (a threshold in pp, seconds, ...).
    func number(_ name: String) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let x = Double(text), x.isFinite, x >= 0 else {
            throw UsageError(message: "invalid value '\(text)' for '--\(name)': expected a number >= 0", command: spec.name)
        }
        return x
    }

    /// The value as a day, `YYYY-MM-DD`.
    func day(_ name: String) throws(UsageError) -> LogDay? {
        guard let text = value(name) else { return nil }
        guard let day = LogDay(text) else {
            throw UsageError(message: "invalid value '\(text)' for '--\(name)': expected a date YYYY-MM-DD", command: spec.name)
        }
        return day
    }

    mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }
    mutating func set(_ name: String) { flags.insert(name) }
}

/// Parses `arguments` (after the command words) against `spec`.
///
/// Accepts `--name value`, `--name=value`, several values after a multi-value option, and
/// `-` as a value (standard input). Rejects unknown options (suggesting the nearest), missing
/// values, unexpected arguments, values outside an option's allowed set, and missing required
/// options. `-h`/`--help` sets the `help` flag and skips the required-option check.
func parse(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedOptions {
    var parsed = ParsedOptions(spec: spec)
    var i = 0
    func fail(_ message: String) -> UsageError { UsageError(message: message, command: spec.name) }
    func isOptionLike(_ s: String) -> Bool { s.hasPrefix("-") && s != "-" && Double(s) == nil }

    while i < arguments.count {
        let argument = arguments[i]
        i += 1
        if argument == "-h" || argument == "--help" { parsed.set("help"); continue }
        guard argument.hasPrefix("--") else {
            if isOptionLike(argument) {
                throw fail("unknown option '\(argument)'\(suggestion(for: String(argument.drop { $0 == "-" }), in: spec))")
            }
            throw fail("unexpected argument '\(argument)'; options take the form --name value")
        }
        var name = String(argument.dropFirst(2))
        var inline: String?
        if let eq = name.firstIndex(of: "=") {
            inline = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
        }
        guard let option = spec.option(name) else {
            throw fail("unknown option '--\(name)'\(suggestion(for: name, in: spec))")
        }
        if option.isFlag {
            if inline != nil { throw fail("'--\(name)' takes no value") }
            parsed.set(name)
            continue
        }
        var given: [String] = []
        if let inline {
            given.append(inline)
        } else {
            while i < arguments.count, !isOptionLike(arguments[i]) {
                given.append(arguments[i])
                i += 1
                if !option.multiple { break }
            }
        }
        guard !given.isEmpty, !given.contains("") else {
            throw fail("missing value for '--\(name) <\(option.valueName!)>'")
        }
        if !option.multiple, parsed.values[name] != nil {
            throw fail("'--\(name)' given more than once")
        }
        for value in given {
            if let allowed = option.allowed, !allowed.contains(value) {
                let near = closestMatch(to: value, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw fail("invalid value '\(value)' for '--\(name)': expected one of \(allowed.joined(separator: ", "))\(near)")
            }
            parsed.add(name, value)
        }
    }
    if !parsed.flag("help") {
        for option in spec.options where option.required && parsed.values[option.name] == nil {
            throw fail("missing required option '--\(option.name) <\(option.valueName ?? "")>'")
        }
    }
    return parsed
}

private func suggestion(for name: String, in spec: CommandSpec) -> String {
    closestMatch(to: name, in: spec.options.map(\.name) + ["help"]).map { "; did you mean '--\($0)'?" } ?? ""
}
