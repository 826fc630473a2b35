/// The exit codes of `regress-gate`: the contract a CI job relies on.
enum ExitCode: Int32 {
    /// PASS (or WARNING / INSUFFICIENT_DATA without `--fail-on`), or a command that succeeded.
    case success = 0
    /// REGRESSION_DETECTED (or a verdict named by `--fail-on`): block the deploy.
    case regression = 1
    /// Usage or input error: unknown option, missing or malformed baseline or logs, no records
    /// for the candidate. The gate never passes on broken input.
    case inputError = 2
    /// `alert`: an alert could not be delivered to the webhook (after retries).
    case deliveryFailed = 3
}
