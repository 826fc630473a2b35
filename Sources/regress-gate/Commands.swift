import RegressionKit

/// Every command's contract, declared once: name, what it does, options with defaults and
/// ranges, and the function it runs (in `Command+Name.swift`). Usage lines, help, the overview
/// and the README's command table are generated from these declarations.
enum Commands {
    static let check = CommandSpec(
        path: ["check"], run: runCheck,
        abstract: "Gate a candidate version against a baseline snapshot.",
        discussion: """
        Prints PASS, INSUFFICIENT_DATA, WARNING or REGRESSION_DETECTED with per-step
        deltas, and exits:
        \(ExitCode.helpLines([
            (.success, "PASS; WARNING and INSUFFICIENT_DATA too, unless --fail-on names them"),
            (.regression, "REGRESSION_DETECTED"),
            (.inputError, "usage or input error: missing or malformed baseline or logs, no records for the candidate, or a report file that could not be written (the verdict is still printed, and named on stderr)"),
        ]))
        REPORTS:
          --report FORMAT=FILE writes one more report from the same run, once per file.
          Formats: text, json, markdown, junit (a CI's test tab), html (one
          self-contained page), github (Actions annotations). Markdown to the file
          named by $GITHUB_STEP_SUMMARY is appended to; the others are replaced
          atomically. A report that cannot be written does not stop the others or
          hide the verdict; the check then exits \(ExitCode.inputError.rawValue). On broken input every report but
          json is written as an error report (JUnit: an <error>) before exiting \(ExitCode.inputError.rawValue).
          With GITHUB_ACTIONS=true, annotations for each regressed or warned step also
          go to stderr. Colour only when stdout is a terminal and NO_COLOR is unset.

        EXAMPLE:
          regress-gate check --baseline baselines/baseline.json \\
            --logs fixtures/requests.jsonl --candidate v3
          regress-gate check --logs eval.jsonl --candidate v3 --report junit=gate.xml \\
            --report html=gate.html --report markdown="$GITHUB_STEP_SUMMARY"
          # OpenTelemetry traces, as the Collector's file exporter writes them:
          regress-gate stats --explain-mapping --logs traces.otlp.jsonl
          regress-gate baseline update --logs traces.otlp.jsonl --version v2
          regress-gate check --logs traces.otlp.jsonl --candidate v3
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "candidate", valueName: "version", help: "The prompt_version to judge.", required: true),
            baseline,
            OptionSpec(name: "policy", valueName: "name-or-file", help: "A built-in policy name or a policy JSON file.", defaultValue: GatePolicy.default.name),
            OptionSpec(name: "must-pass", valueName: "file", help: "Case keys, one per line (# comments), that must never fail: one failed run is a regression."),
            OptionSpec(name: "as-of", valueName: "date", help: "Judge the policy's quarantines on this day: one is over once the day is after its until. Default: the candidate's latest day in the logs (never the clock).", kind: .date),
            OptionSpec(name: "allow-case-set-change", help: "Compare even when the candidate's cases differ from the baseline's by more than the policy's max_case_set_change (default 10 %)."),
            OptionSpec(name: "format", valueName: "format", help: "Report format on stdout.", defaultValue: "text", allowed: GateReportFormat.all.map(\.rawValue)),
            OptionSpec(name: "output", valueName: "file", help: "Write the report to this file instead of stdout."),
            OptionSpec(name: "report", valueName: "format=file", help: "Also write the report in this format to this file; repeatable.", multiple: true),
            OptionSpec(name: "fail-on", valueName: "verdict", help: "Also exit 1 on this verdict or a worse one.", allowed: Verdict.failOnLevels.map(\.name)),
        ] + logReading + llmOptions)

    static let stats = CommandSpec(
        path: ["stats"], run: runStats,
        abstract: "Print per-version statistics of step logs.",
        discussion: """
        For every prompt_version: runs, steps, failed steps, step and run failure
        rates, and per step: total, failed, failure rate, latency p50 and p95, error
        types. With --explain-mapping, how OpenTelemetry traces were read instead:
        per version, which attribute gave the version, the case and the step names,
        and how many traces each rule served; check it before gating on traces.
        """,
        options: [
            logsOrAggregates,
            aggregates,
            textOrJSON,
            OptionSpec(name: "explain-mapping", help: "Print how traces were read into runs (the rule behind each version, case and step name, and how many traces used it) instead of the statistics."),
        ] + logReading)

    static let baselineUpdate = CommandSpec(
        path: ["baseline", "update"], run: runBaselineUpdate,
        abstract: "Freeze a version's statistics as a baseline snapshot.",
        discussion: """
        Writes the snapshot atomically (temporary file, then rename): if anything
        fails, the previous baseline is left byte-for-byte as it was. Commit the file
        and review its diff. With --format json, prints what was written: the file,
        the version's totals, its step names and cases. A --baseline that is a
        symbolic link is written through: its target is replaced, the link stays, and
        the target is named. A missing folder is an error naming it (a typo makes no
        folder) unless --create-dirs.

        EXAMPLE:
          regress-gate baseline update --logs fixtures/requests.jsonl --version v2
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "version", valueName: "version", help: "The prompt_version to freeze.", required: true),
            baseline,
            OptionSpec(name: "create-dirs", help: "Create the baseline's folder when it is missing (the last level only)."),
            textOrJSON,
        ] + logReading)

    static let baselineShow = CommandSpec(
        path: ["baseline", "show"], run: runBaselineShow,
        abstract: "Print a baseline snapshot.",
        options: [
            baseline,
            textOrJSON,
        ])

    static let analyze = CommandSpec(
        path: ["analyze"], run: runAnalyze,
        abstract: "Explain failed runs: root cause, category, what to do.",
        // The category rules are the library's own, in words: the help cannot drift from them.
        discussion: wrapped("""
        A run's root cause is its first failed step. Its category comes from the step's error type \
        (substring match: \(CategoryMap.default.errorRulesSummary)), else from the step's name \
        (\(CategoryMap.default.stepNamesSummary)), else UNKNOWN; NONE when nothing failed. --config \
        adds or replaces rules (see 'Forensics and monitoring' in the documentation).
        """, first: "", rest: "") + """

        Shows the latest failed runs, failed runs per category and version, the categories that
        grew significantly from --from to --to (default: the last two versions in the logs), and
        the recommended actions for the most frequent categories.

        EXAMPLES:
          regress-gate analyze --logs fixtures/requests.jsonl
          regress-gate analyze --logs fixtures/requests.jsonl --run 3f2a9c1e --format json
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "limit", valueName: "n", help: "How many of the latest failed runs to show; 0 shows all.", defaultValue: "5", kind: .integer(atLeast: 0)),
            OptionSpec(name: "run", valueName: "id", help: "Explain this one run."),
            OptionSpec(name: "version", valueName: "version", help: "Only this prompt_version's runs."),
            OptionSpec(name: "from", valueName: "version", help: "Compare category counts from this version..."),
            OptionSpec(name: "to", valueName: "version", help: "...to this one."),
            OptionSpec(name: "config", valueName: "file", help: "A forensics config file: category maps, descriptions, recommendations."),
            textOrJSON,
        ] + logReading + llmOptions)

    static let candidates = CommandSpec(
        path: ["candidates"], run: runCandidates,
        abstract: "Collect failing inputs as eval-set candidates.",
        discussion: """
        A failed run counts once, under the input of its first failed step. An input that failed
        --min-failures times is a candidate; from --eligible-at failures it is eligible for
        automatic addition. Each line is failure-forensics': query, failure_count,
        root_cause_category, first_seen, last_seen, auto_add_eligible.

        An existing file is merged, never overwritten: counts and dates are updated, the
        category and any key a person added stay, unchanged lines keep their bytes, new
        candidates are appended. A line that is not a candidate stops the command (exit \(ExitCode.inputError.rawValue)).

        EXAMPLE:
          regress-gate candidates --logs fixtures/requests.jsonl --output evals/candidates.jsonl
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "output", valueName: "file", help: "The candidates file to merge into.", defaultValue: "candidates.jsonl"),
            OptionSpec(name: "version", valueName: "version", help: "Only this prompt_version's runs."),
            OptionSpec(name: "min-failures", valueName: "n", help: "Failures that make an input a candidate.", defaultValue: "2", kind: .integer(atLeast: 1)),
            OptionSpec(name: "eligible-at", valueName: "n", help: "Failures that make it eligible for automatic addition.", defaultValue: "3", kind: .integer(atLeast: 1)),
            OptionSpec(name: "config", valueName: "file", help: "A forensics config file (categories)."),
            textOrJSON,
        ] + logReading)

    static let flaky = CommandSpec(
        path: ["flaky"], run: runFlaky,
        abstract: "List a version's flaky cases, with quarantine entries.",
        discussion: """
        A case the version ran at least twice that both passed and failed is flaky:
        the gate never counts it as newly failing. Most flaky first (the rarer
        outcome's share of its runs), each with a policy-file quarantine entry that
        lasts 30 days past the logs' latest day.
        """,
        options: [
            logs,
            OptionSpec(name: "version", valueName: "version", help: "The prompt_version whose cases to list.", required: true),
            textOrJSON,
        ] + logReading)

    static let convert = CommandSpec(
        path: ["convert"], run: runConvert,
        abstract: "Write the steps of logs or traces as failure-forensics JSONL.",
        discussion: """
        Reads --logs as every command does (OpenTelemetry traces mapped to runs and
        steps as the trace options say) and writes each step record the gate derived
        as one failure-forensics log line, in the order read; a trace's run id is its
        trace id. Diff them, or feed them to failure-forensics. The file is written
        whole or not at all.

        EXAMPLE:
          regress-gate convert --logs traces.otlp.jsonl --to failure-forensics \\
            --output steps.jsonl
        """,
        options: [
            logs,
            OptionSpec(name: "to", valueName: "format", help: "The format written (ancestor is failure-forensics).", defaultValue: "failure-forensics", allowed: ["failure-forensics", "ancestor"]),
            OptionSpec(name: "output", valueName: "file", help: "Write to this file instead of stdout."),
        ] + logReading)

    static let calibrate = CommandSpec(
        path: ["calibrate"], run: runCalibrate,
        abstract: "A/A test: a policy's false alarms on a version's own runs.",
        discussion: """
        Groups the version's runs by case (case_id, else input_summary; a run without
        either is a case of its own) and, --splits times, gates half the cases (a block
        of consecutive cases in log order from a seeded random start) against the other
        half. Both halves are the same version, so every REGRESSION_DETECTED is a false
        alarm. Prints the share of splits at each verdict with 95 % Wilson intervals. A
        false-alarm rate above the policy's alpha means the runs are not independent in
        a way the policy does not model (drift over time, cases that differ and repeat):
        pair the versions by case. The same options give the same result.
        """,
        options: [
            logs,
            OptionSpec(name: "version", valueName: "version", help: "The prompt_version whose runs to split.", required: true),
            OptionSpec(name: "policy", valueName: "name-or-file", help: "A built-in policy name or a policy JSON file.", defaultValue: GatePolicy.default.name),
            OptionSpec(name: "splits", valueName: "n", help: "Splits to gate.", defaultValue: "200", kind: .integer(atLeast: 1)),
            OptionSpec(name: "seed", valueName: "s", help: "Random seed.", defaultValue: "1", kind: .integer(atLeast: 0)),
            textOrJSON,
        ] + logReading)

    static let trend = CommandSpec(
        path: ["trend"], run: runTrend,
        abstract: "Failure rate per day, trend and anomaly of the latest day.",
        discussion: """
        Rates are failed step records / step records per day (the date part of the timestamp,
        as written). The latest day is an ANOMALY when its rate exceeds the mean of the earlier
        days by more than --anomaly-threshold-pp AND an exact one-sided Fisher test against the
        earlier days' pooled counts says it is beyond noise (p <= 0.05; under a stable rate at
        most 5 % of days are flagged, however long the history). The trend compares the
        later half of the days with the earlier half: IMPROVING or DEGRADING beyond
        --trend-threshold-pp, else STABLE. "Today" is the latest day in the logs, never the clock.

        EXAMPLE:
          regress-gate trend --logs fixtures/requests.jsonl --version v3 --as-of 2026-11-10
        """,
        options: [
            logsOrAggregates,
            aggregates, days, asOf,
            OptionSpec(name: "version", valueName: "version", help: "Only this prompt_version's records."),
            anomalyThreshold,
            OptionSpec(name: "trend-threshold-pp", valueName: "pp", help: "Change of the daily rate that makes a trend.", defaultValue: "5", kind: .number(atLeast: 0)),
            textOrJSON,
        ] + logReading)

    static let compare = CommandSpec(
        path: ["compare"], run: runCompare,
        abstract: "A/B report of two versions, overall and per step.",
        discussion: """
        Prints both versions' failure rates side by side, overall and per step, and names a
        winner only where the difference is significant (two-sided exact tests, Holm-adjusted;
        paired by case when both versions ran the same cases). The JSON has the keys of
        failure-forensics' ab_report.json (summary, step_breakdown, raw_stats) plus "evidence".

        EXAMPLE:
          regress-gate compare --logs fixtures/requests.jsonl --a v1 --b v2 --format json --output ab_report.json
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "a", valueName: "version", help: "The first version (failure-forensics' v1).", required: true),
            OptionSpec(name: "b", valueName: "version", help: "The second version (failure-forensics' v2).", required: true),
            OptionSpec(name: "alpha", valueName: "level", help: "Two-sided significance level.", defaultValue: "0.05", kind: .level),
            textOrJSON,
            OptionSpec(name: "output", valueName: "file", help: "Write the report to this file instead of stdout."),
        ] + logReading + llmOptions)

    static let alert = CommandSpec(
        path: ["alert"], run: runAlert,
        abstract: "Alert a webhook: failure rate, anomaly, failures in a row.",
        discussion: """
        Rules, judged on the as-of day (default: the latest day in the logs):
          failure_rate          the day's step failure rate is above --max-failure-rate
          anomaly               the day is an anomaly (see 'regress-gate help trend')
          consecutive_failures  a step's last --consecutive records all failed

        Each alert is POSTed to a Slack incoming webhook as {"text": ...}; the URL comes from
        --webhook or the REGRESS_GATE_WEBHOOK environment variable and is never printed whole.
        Without one, alerts are printed on stdout. 429 and 5xx answers, timeouts and network
        errors are retried with exponential backoff (Retry-After honoured); after a failed
        delivery the remaining alerts are not sent.

        EXIT CODES:
        \(ExitCode.helpLines([
            (.success, "no alert, or every alert delivered (or printed)"),
            (.inputError, "usage or input error"),
            (.deliveryFailed, "an alert could not be delivered"),
        ]))
        EXAMPLE:
          REGRESS_GATE_WEBHOOK=https://hooks.slack.com/services/... regress-gate alert --logs logs/today.jsonl
        """,
        options: [
            logsOrAggregates,
            aggregates,
            OptionSpec(name: "webhook", valueName: "url", help: "Slack incoming webhook URL (default: $REGRESS_GATE_WEBHOOK; none: print)."),
            asOf,
            OptionSpec(name: "version", valueName: "version", help: "Only this prompt_version's records."),
            OptionSpec(name: "max-failure-rate", valueName: "rate", help: "A day's step failure rate above this alerts.", defaultValue: "0.25", kind: .rate),
            anomalyThreshold,
            OptionSpec(name: "consecutive", valueName: "n", help: "Failures in a row of one step that alert.", defaultValue: "3", kind: .integer(atLeast: 1)),
            days,
            OptionSpec(name: "timeout", valueName: "seconds", help: "Seconds to wait for the webhook's answer, per attempt.", defaultValue: "10", kind: .positive),
            OptionSpec(name: "retries", valueName: "n", help: "Retries on 429, 5xx, timeouts and network errors.", defaultValue: "3", kind: .integer(atLeast: 0)),
            textOrJSON,
        ] + logReading)

    static let comment = CommandSpec(
        path: ["comment"], run: runComment,
        abstract: "Keep one pull-request comment current with a check's verdict.",
        discussion: """
        Reads the JSON report 'check --report json=FILE' wrote and creates or updates
        one comment on the pull request, found by its hidden marker <!-- regress-gate:ID
        --> (several gates can share a pull request with different --id). Quiet by
        default (--when not-pass): a PASS with no earlier comment posts nothing, a PASS
        after an earlier comment updates it to say the gate passes, any other verdict
        creates or updates it. The verdict's exit code is check's: comment exits 0
        whatever it says.

        GitHub Actions: GITHUB_API_URL (default https://api.github.com),
        GITHUB_REPOSITORY, the pull request from the event at GITHUB_EVENT_PATH or from
        GITHUB_REF (refs/pull/N/merge), a link to the run from GITHUB_SERVER_URL and
        GITHUB_RUN_ID. The token comes from GITHUB_TOKEN (or the variable --token-env
        names), is sent as 'Authorization: Bearer' and is never printed. GitLab CI
        (--gitlab, or GITLAB_CI=true): one merge-request note through CI_API_V4_URL,
        CI_PROJECT_ID and CI_MERGE_REQUEST_IID, the token from GITLAB_TOKEN. Comments
        are read 100 a page, following the Link header. 5xx answers, network errors and
        rate limits (Retry-After, x-ratelimit-reset) are retried with exponential
        backoff; REGRESS_GATE_BACKOFF_SECONDS sets the first wait (default 1; for
        tests).

        EXIT CODES:
        \(ExitCode.helpLines([
            (.success, "the comment was created, updated, or rightly left alone"),
            (.inputError, "usage or input error: no report, not a JSON report, not in a pull request and no --pr, no token"),
            (.deliveryFailed, "the comment could not be delivered (the HTTP status and the service's message are on stderr)"),
        ]))
        EXAMPLE:
          regress-gate check --logs eval.jsonl --candidate v3 --report json=gate.json
          GITHUB_TOKEN=${{ github.token }} regress-gate comment --report gate.json
        """,
        options: [
            OptionSpec(name: "report", valueName: "file", help: "The JSON report 'check --report json=FILE' wrote.", required: true),
            OptionSpec(name: "repo", valueName: "owner/name", help: "The repository (GitLab: the project id) (default: $GITHUB_REPOSITORY, $CI_PROJECT_ID)."),
            OptionSpec(name: "pr", valueName: "n", help: "The pull request's number (GitLab: the merge request's iid) (default: from the CI's environment).", kind: .integer(atLeast: 1)),
            OptionSpec(name: "id", valueName: "name", help: "Names this gate's comment, so several gates can share a pull request.", defaultValue: "default"),
            OptionSpec(name: "when", valueName: "when", help: "Post only a verdict that is not PASS (a PASS still updates an earlier comment), or always.", defaultValue: "not-pass", allowed: CommentWhen.allCases.map(\.rawValue)),
            OptionSpec(name: "token-env", valueName: "name", help: "The environment variable holding the token (default: GITHUB_TOKEN; GitLab: GITLAB_TOKEN)."),
            OptionSpec(name: "gitlab", help: "Post a GitLab merge-request note (default when GITLAB_CI=true)."),
            OptionSpec(name: "github", help: "Post a GitHub pull-request comment even when GITLAB_CI=true."),
            OptionSpec(name: "timeout", valueName: "seconds", help: "Seconds to wait for each answer.", defaultValue: "10", kind: .positive),
            OptionSpec(name: "retries", valueName: "n", help: "Retries on 5xx, rate limits and network errors.", defaultValue: "4", kind: .integer(atLeast: 0)),
            OptionSpec(name: "dry-run", help: "Print the comment's Markdown and send nothing."),
        ])

    static let dashboard = CommandSpec(
        path: ["dashboard"], run: runDashboard,
        abstract: "One terminal page: daily and per-step rates, anomaly, trend.",
        discussion: """
        Fits 80 columns. Colour only when stdout is a terminal (--color auto) or with
        --color always, and never when the NO_COLOR environment variable is set.

        EXAMPLE:
          regress-gate dashboard --logs fixtures/requests.jsonl
        """,
        options: [
            logsOrAggregates,
            aggregates, days, asOf,
            OptionSpec(name: "version", valueName: "version", help: "Only this prompt_version's records."),
            OptionSpec(name: "color", valueName: "when", help: "ANSI colours.", defaultValue: "auto", allowed: ColorChoice.allCases.map(\.rawValue)),
            OptionSpec(name: "config", valueName: "file", help: "A forensics config file (categories)."),
            textOrJSON,
        ] + logReading)

    static let helpCommand = CommandSpec(
        path: ["help"], run: { _ in RegressGate.help([]) },
        abstract: "Show help for a command.",
        arguments: "[<command>]",
        discussion: """
        Without a command, lists the commands. 'regress-gate <command> --help' shows the same.
        """,
        options: [])

    /// Every command, in the order the overview and the README list them.
    static let all = [check, stats, baselineUpdate, baselineShow, analyze, candidates, flaky, convert, calibrate, trend, compare, alert, comment, dashboard, sql, simulate, demo, helpCommand]
}
