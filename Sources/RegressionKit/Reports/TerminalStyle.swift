/// Terminal manners: when to colour, and how.
///
/// Colour only on a terminal, never when `NO_COLOR` is set to anything non-empty
/// (no-color.org) or `TERM` is `dumb`; only the verdict word is coloured, so a copied
/// report reads the same.
package enum TerminalStyle {
    /// Whether output to a stream should be coloured.
    ///
    /// ```swift
    /// TerminalStyle.useColor(isTerminal: isatty(1) != 0, environment: ProcessInfo.processInfo.environment)
    /// ```
    package static func useColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Whether output to a stream should be coloured when the user chose `choice`: `always` and
    /// `never` decide, `auto` colours as `useColor(isTerminal:environment:)` does. `NO_COLOR`
    /// (set to anything non-empty) vetoes every choice, `always` too: it is the user's standing
    /// wish, a choice is one command's.
    ///
    /// ```swift
    /// TerminalStyle.useColor(.always, isTerminal: false, environment: [:])   // true
    /// ```
    package static func useColor(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        guard (environment["NO_COLOR"] ?? "").isEmpty else { return false }
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return useColor(isTerminal: isTerminal, environment: environment)
        }
    }

    /// The verdict's name in its colour: red (bold) for a regression, yellow for a warning,
    /// cyan for insufficient data, green for a pass.
    static func colored(_ verdict: Verdict) -> String {
        let color: ANSIStyle.Color
        switch verdict {
        case .regressionDetected: color = .boldRed
        case .warning: color = .yellow
        case .insufficientData: color = .cyan
        case .pass: color = .green
        }
        return ANSIStyle(enabled: true).color(verdict.rawValue, color)
    }
}

/// When a user asked for colour: `auto` (on a terminal), `always`, `never`.
package enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}

/// ANSI styling that is a no-op when disabled: the one place a report writes an escape sequence.
struct ANSIStyle {
    enum Color: String { case red = "31", boldRed = "1;31", green = "32", yellow = "33", magenta = "35", cyan = "36" }
    var enabled: Bool

    func color(_ text: String, _ c: Color) -> String { enabled ? "\u{1B}[\(c.rawValue)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
