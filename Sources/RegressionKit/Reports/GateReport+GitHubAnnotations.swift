/// GitHub Actions annotations: workflow commands the runner turns into messages on the run's
/// summary and on the failing check.
///
/// One line per affected metric: `::error` for one that fails the gate, `::warning` for a
/// WARNING, `::notice` for INSUFFICIENT_DATA; nothing for a PASS.
///
/// ```
/// ::error title=regress-gate%3A citation failure rate REGRESSION_DETECTED::citation failure rate 8.0 %25 (21/263) → 24.8 %25 (57/230), +16.8 pp [+8.1, +27.6], adj. p < 0.0001 (v3 vs baseline v2)
/// ```
extension GateReport {
    /// The annotations, one per line (empty when everything passed); `failOn` is the least
    /// severe verdict that fails the job (as `--fail-on`), and is annotated as an error.
    package func githubAnnotations(failOn: Verdict = .regressionDetected) -> String {
        let versions = " (\(result.candidate.version) vs baseline \(result.baseline.version))"
        return reportedMetrics.compactMap { m -> String? in
            let command: String
            if m.verdict.fails(at: failOn) { command = "error" }
            else if m.verdict == .warning { command = "warning" }
            else if m.verdict == .insufficientData { command = "notice" }
            else { return nil }
            var message = VisibleText.escape(m.summary + versions)   // one line of data: a newline in it is shown, not kept
            if let first = m.details.first { message += "\n" + VisibleText.escape(first) }   // a note, or the runs that would settle it
            return GitHubWorkflowCommand.line(command, properties: [("title", "regress-gate: \(m.name) \(m.verdict.rawValue)")], message: message)
        }.joined() + result.explanation.compactMap { reason -> String? in
            // What decides nothing but changes what the numbers mean: a notice.
            switch reason {
            case .modelChanged, .quarantineExpired:
                return GitHubWorkflowCommand.line("notice", properties: [("title", "regress-gate: note")], message: VisibleText.escape(reason.sentence + versions))
            default: return nil
            }
        }.joined()
    }
}

/// GitHub Actions workflow commands (`::name key=value,...::message`), escaped as the runner
/// and `@actions/core` expect.
enum GitHubWorkflowCommand {
    /// One command line, ending in a newline. Hidden characters in `message` (except its line
    /// breaks) and in property values are shown as escapes (see `VisibleText`), then the rest
    /// is escaped as the runner expects, so nothing in them can end the command or start another.
    ///
    /// ```swift
    /// GitHubWorkflowCommand.line("warning", properties: [("title", "a: b")], message: "50% up\nsee log")
    /// // "::warning title=a%3A b::50%25 up%0Asee log\n"
    /// ```
    static func line(_ command: String, properties: [(String, String)] = [], message: String) -> String {
        let props = properties.map { "\($0.0)=\(escapeProperty(VisibleText.escape($0.1)))" }.joined(separator: ",")
        let shown = message.split(separator: "\n", omittingEmptySubsequences: false).map { VisibleText.escape(String($0)) }.joined(separator: "\n")
        return "::\(command)\(props.isEmpty ? "" : " " + props)::\(escapeData(shown))\n"
    }

    /// A message: `%`, `\r` and `\n` as `%25`, `%0D`, `%0A`.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as a message, and also `:` and `,` as `%3A`, `%2C`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
