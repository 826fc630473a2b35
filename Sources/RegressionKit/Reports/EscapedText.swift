/// How one output format writes a string that came from data.
protocol TextEscaping {
    /// `data` made safe to stand anywhere a value stands in this format.
    static func escape(_ data: String) -> String
    /// The whole document, a last time: what no line of it may do (default: nothing to do).
    static func finish(_ document: String) -> String
}

extension TextEscaping {
    static func finish(_ document: String) -> String { document }
}

/// Text in one output format, built by string interpolation: the literal parts are the report's
/// own and stay as written; every interpolated `String` (or anything else that is not already
/// text of this format) is data and goes through the format's `escape`.
///
/// So a report cannot forget to escape: it has no way to append a plain string but to
/// interpolate it, and interpolating escapes. Text already in the format (a rendered table, a
/// line built by a helper) is interpolated or appended as `EscapedText` and is not escaped twice.
///
/// ```swift
/// var out: TerminalText = "step \(name): \(rate)\n"   // name escaped; literals as written
/// out += table.render()                                 // already terminal text
/// return out.string
/// ```
struct EscapedText<Format: TextEscaping>: ExpressibleByStringInterpolation, CustomStringConvertible, Sendable {
    /// The text so far, escaped (not yet finished).
    private(set) var escaped: String

    /// Text the report itself wrote: no data in it, nothing escaped.
    init(trusted: String) { escaped = trusted }

    init(stringLiteral value: String) { escaped = value }

    init(stringInterpolation: StringInterpolation) { escaped = stringInterpolation.escaped }

    /// Text in this format (the same as the literal form; for a value built by interpolation elsewhere).
    init(_ text: EscapedText) { self = text }

    /// The finished document: what the report returns.
    var string: String { Format.finish(escaped) }

    var description: String { string }

    static func += (lhs: inout EscapedText, rhs: EscapedText) { lhs.escaped += rhs.escaped }

    static func + (lhs: EscapedText, rhs: EscapedText) -> EscapedText { EscapedText(trusted: lhs.escaped + rhs.escaped) }

    /// Joins pieces of text with a literal separator.
    static func joined(_ parts: [EscapedText], separator: String = "") -> EscapedText {
        EscapedText(trusted: parts.map(\.escaped).joined(separator: separator))
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var escaped = ""

        init(literalCapacity: Int, interpolationCount: Int) { escaped.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        /// The report's own words.
        mutating func appendLiteral(_ literal: String) { escaped += literal }

        /// Text already in this format.
        mutating func appendInterpolation(_ text: EscapedText) { escaped += text.escaped }

        /// The report's own words, built elsewhere (a style's escape codes, a fixed prefix): not escaped.
        mutating func appendInterpolation(trusted text: String) { escaped += text }

        /// Data: escaped.
        mutating func appendInterpolation(_ data: String) { escaped += Format.escape(data) }

        /// Data: escaped.
        mutating func appendInterpolation(_ data: Substring) { escaped += Format.escape(String(data)) }

        /// A number: digits need no escaping.
        mutating func appendInterpolation<N: BinaryInteger>(_ number: N) { escaped += String(number) }

        /// Anything else, by its description: escaped.
        mutating func appendInterpolation<T>(_ value: T) { escaped += Format.escape(String(describing: value)) }
    }
}

/// Terminal text: `text`, `analyze`, `stats`, `trend`, `compare`, `dashboard`, `alert`, error lines.
/// Data shows hidden characters as escapes (`VisibleText`), and no line starts a CI command.
enum TerminalEscaping: TextEscaping {
    static func escape(_ data: String) -> String { VisibleText.escape(data) }
    static func finish(_ document: String) -> String { VisibleText.defuseCommands(document) }
}

/// Text for a terminal, its data escaped (see `TerminalEscaping`).
typealias TerminalText = EscapedText<TerminalEscaping>
