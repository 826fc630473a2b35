/// Terminal manners: when to colour, and how.
///
/// Colour only on a terminal, never when `NO_COLOR` is set to anything non-empty
/// (no-color.org) or `TERM` is `dumb`; only the verdict word is coloured, so a copied
/// report reads the same.
public enum TerminalStyle {
    /// Whether output to a stream should be coloured.
    ///
    /// ```swift
    /// TerminalStyle.useColor(isTerminal: isatty(1) != 0, environment: ProcessInfo.processInfo.environment)
    /// ```
    public static func useColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// The verdict's name in its colour: red (bold) for a regression, yellow for a warning,
    /// cyan for insufficient data, green for a pass.
    public static func colored(_ verdict: Verdict) -> String {
        let code: String
        switch verdict {
        case .regressionDetected: code = "1;31"
        case .warning: code = "33"
        case .insufficientData: code = "36"
        case .pass: code = "32"
        }
        return "\u{1B}[\(code)m\(verdict.rawValue)\u{1B}[0m"
    }
}
