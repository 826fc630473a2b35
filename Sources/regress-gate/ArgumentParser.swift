import RegressionKit

/// A command-line mistake: what is wrong, said in one line, with the command whose help to read.
struct UsageError: Error {
    var message: String
    var command: String

    /// A value outside an option's declared range: one message for every option.
    static func invalidValue(_ text: String, for option: String, expected: OptionKind, command: String) -> UsageError {
        UsageError(message: "invalid value '\(text)' for '--\(option)': expected \(expected.expected)", command: command)
    }

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

    /// Whether the option was given (not only defaulted).
    func isGiven(_ name: String) -> Bool { values[name] != nil }

    /// The value as an integer, checked against the option's declared range.
    func count(_ name: String) throws(UsageError) -> Int? {
        try checked(name, unlessDeclared: .integer(atLeast: 0)) { Int($0) }
    }

    /// The value as a number (a threshold in pp, seconds, a rate), checked against the option's
    /// declared range.
    func number(_ name: String) throws(UsageError) -> Double? {
        try checked(name, unlessDeclared: .number(atLeast: 0)) { Double($0) }
    }

    /// The value as a day, `YYYY-MM-DD`.
    func day(_ name: String) throws(UsageError) -> LogDay? {
        try checked(name, unlessDeclared: .date) { LogDay($0) }
    }

    /// The value converted by `convert`, or the error `parse` gives for a value out of the
    /// option's declared range (`fallback`'s, for an option declared as text).
    private func checked<T>(_ name: String, unlessDeclared fallback: OptionKind, _ convert: (String) -> T?) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        var kind = spec.option(name)?.kind ?? fallback
        if case .text = kind { kind = fallback }
        guard kind.accepts(text), let value = convert(text) else {
            throw UsageError.invalidValue(text, for: name, expected: kind, command: spec.name)
        }
        return value
    }

    mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }
    mutating func set(_ name: String) { flags.insert(name) }
}

/// Parses `arguments` (after the command words) against `spec`.
///
/// Accepts `--name value`, `--name=value`, several values after a multi-value option, and
/// `-` as a value (standard input). Rejects unknown options (suggesting the nearest), missing
/// values, unexpected arguments, values outside an option's allowed set or declared range (one
/// message for every option: "invalid value '0' for '--days': expected an integer of at least
/// 1"), and missing required options. `-h`/`--help` sets the `help` flag and skips the required-option check.
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
            guard option.kind.accepts(value) else {
                throw UsageError.invalidValue(value, for: name, expected: option.kind, command: spec.name)
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
