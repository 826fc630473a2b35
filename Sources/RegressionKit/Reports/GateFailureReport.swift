/// A `check` that could not judge (missing baseline, unreadable logs, no records for the
/// candidate, ...), as a report: so a CI's test tab, step summary and artifacts show why
/// nothing was judged instead of showing nothing.
///
/// ```swift
/// let failure = GateFailureReport(message: "baseline 'b.json' does not exist", exitCode: 2, candidate: "v3")
/// try ReportFile.write(failure.junitXML(), to: "gate.xml")   // one test case with an <error>
/// ```
package struct GateFailureReport: Sendable, Equatable {
    /// What went wrong and what to do, one line (the tool's `error:` line without the prefix).
    var message: String
    /// The version that was to be judged, when known.
    var candidate: String?
    /// The baseline file, when known.
    var baselinePath: String?
    /// The code the tool exits with, which the report names: the caller's contract, not the library's.
    package var exitCode: Int32

    /// Creates a failure report.
    package init(message: String, exitCode: Int32, candidate: String? = nil, baselinePath: String? = nil) {
        self.message = message
        self.exitCode = exitCode
        self.candidate = candidate
        self.baselinePath = baselinePath
    }

    private var subject: String {
        candidate.map { "'\($0)'" + (baselinePath.map { " against \($0)" } ?? "") } ?? "the candidate"
    }

    /// `error: <message>`.
    func text() -> String { TerminalText("error: \(message)\n").string }

    /// JUnit XML: one test case, `gate verdict` (as in a judged report), with an `<error>`.
    func junitXML() -> String {
        var item = JUnitCase(name: "gate verdict")
        item.outcome = .error(type: "INPUT_ERROR", message: message,
                              body: ["regress-gate could not judge \(subject): \(message)", "Nothing was judged; the gate fails closed (exit \(exitCode))."])
        var properties: [(String, String)] = [("verdict", "INPUT_ERROR")]
        if let candidate { properties.append(("candidate_version", candidate)) }
        if let baselinePath { properties.append(("baseline_file", baselinePath)) }
        return JUnitSuite(name: "regress-gate check", properties: properties, cases: [item]).xml
    }

    /// A Markdown section for the step summary.
    func markdown() -> String {
        let text: MarkdownText = "### ❗ Input error: nothing was judged\n\nregress-gate could not judge \(subject):\n\n"
            + "> \(message)\n\nThe gate fails closed (exit \(exitCode)).\n"
        return text.string
    }

    /// One `::error` annotation.
    package func githubAnnotations() -> String {
        GitHubWorkflowCommand.line("error", properties: [("title", "regress-gate: input error, nothing was judged")], message: VisibleText.escape(message))
    }

    /// A small self-contained page with the error.
    func html() -> String {
        HTMLPage.document(title: "regress-gate: input error", body: """
        <header class="banner verdict-error"><p class="verdict">INPUT ERROR</p>
        <p class="subject">nothing was judged: regress-gate could not judge \(subject)</p></header>
        <main><section><h2>What went wrong</h2><p class="error-message">\(message)</p>
        <p>The gate fails closed: it exited \(exitCode) and passed nothing.</p></section></main>
        """)
    }
}
