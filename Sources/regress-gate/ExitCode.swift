/// The exit codes of `regress-gate`: the contract a CI job relies on, declared once.
///
/// Every help text lists codes with `helpLines`, numbered from here; the README's and the Getting
/// Started article's tables are `markdownTable`, which `ExitCodeDeclarationTests` holds them to;
/// a report that names the code (`GateFailureReport`) is handed it.
enum ExitCode: Int32, CaseIterable {
    /// PASS (or WARNING / INSUFFICIENT_DATA without `--fail-on`), or a command that succeeded.
    case success = 0
    /// REGRESSION_DETECTED (or a verdict named by `--fail-on`): block the deploy.
    case regression = 1
    /// Usage or input error: unknown option, missing or malformed baseline or logs, no records
    /// for the candidate. The gate never passes on broken input.
    case inputError = 2
    /// `alert`: an alert could not be delivered to the webhook; `comment`: the pull-request
    /// comment could not be delivered (after retries).
    case deliveryFailed = 3

    /// What the code means, in the README's and the Getting Started article's table (Markdown).
    var meaning: String {
        switch self {
        case .success: "PASS; WARNING and INSUFFICIENT_DATA too unless `--fail-on` names them; any other command succeeded"
        case .regression: "REGRESSION_DETECTED: block the deploy"
        case .inputError: "usage or input error: nothing was judged; or a `--report` file that could not be written (the verdict is still printed)"
        case .deliveryFailed: "`alert`, `comment`: an alert or the pull-request comment could not be delivered"
        }
    }

    /// What the code means, in one line of the overview's help (`regress-gate --help`).
    var summary: String {
        switch self {
        case .success: "success; check: PASS (WARNING, INSUFFICIENT_DATA unless --fail-on)"
        case .regression: "check: REGRESSION_DETECTED"
        case .inputError: "usage or input error; nothing was judged"
        case .deliveryFailed: "alert, comment: could not be delivered"
        }
    }

    /// The table of every code: `| code | meaning |`, a row each.
    static var markdownTable: String {
        (["| code | meaning |", "|---|---|"] + allCases.map { "| \($0.rawValue) | \($0.meaning) |" }).joined(separator: "\n") + "\n"
    }

    /// Help lines for `codes`, each with what it means for one command (`  2  usage or input
    /// error`), wrapped to 80 columns under the meaning; each line ends in a newline.
    static func helpLines(_ codes: [(code: ExitCode, meaning: String)]) -> String {
        codes.map { wrapped($0.meaning, first: "  \($0.code.rawValue)  ", rest: "     ") }.joined()
    }

    /// The overview's help lines: every code with its `summary`.
    static var helpLines: String { helpLines(allCases.map { ($0, $0.summary) }) }
}
