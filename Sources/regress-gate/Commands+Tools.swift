import RegressionKit

/// The commands that write rather than judge: simulated logs, the guided tour, and the SQL that
/// computes the gate's aggregates inside an engine. Listed in `Commands.all` with the others.
extension Commands {
    static let simulate = CommandSpec(
        path: ["simulate"], run: runSimulate,
        abstract: "Write realistic, seeded step logs (failure-forensics format).",
        discussion: """
        A 4-step RAG pipeline (retrieval, reranking, generation, citation) over 40 queries. By
        position, the first version is older, the second improved, every later one regressed
        (citation fails about 3 times as often, generation 30 % slower). On --anomaly-day every
        step also hits API errors 30 % of the time. The same options give the same file.

        EXAMPLE:
          regress-gate simulate --out logs/requests.jsonl --runs 200 --anomaly-day 2026-11-07 --seed 7
        """,
        options: [
            OptionSpec(name: "out", valueName: "file", help: "The JSONL file to write (replaced atomically).", required: true),
            OptionSpec(name: "runs", valueName: "n", help: "Runs per version.", defaultValue: "100", kind: .integer(atLeast: 1)),
            OptionSpec(name: "versions", valueName: "list", help: "Comma-separated prompt versions.", defaultValue: "v1,v2,v3"),
            OptionSpec(name: "start", valueName: "date", help: "The first day.", defaultValue: "2026-11-01", kind: .date),
            OptionSpec(name: "days", valueName: "n", help: "Days the runs spread over.", defaultValue: "7", kind: .integer(atLeast: 1)),
            OptionSpec(name: "anomaly-day", valueName: "date", help: "A day of API errors (none by default).", kind: .date),
            OptionSpec(name: "seed", valueName: "s", help: "Random seed.", defaultValue: "1", kind: .integer(atLeast: 0)),
        ])

    static let demo = CommandSpec(
        path: ["demo"], run: runDemo,
        abstract: "A guided tour on simulated logs, from baseline to dashboard.",
        discussion: """
        Simulates three versions over a week with an anomaly on the last day into a temporary
        folder (or --dir, which is kept), freezes v2 as the baseline, gates the regressed v3,
        compares v1 with v2, explains the failures, collects eval candidates, shows the trend and
        the dashboard. Exits \(ExitCode.success.rawValue) when every step ran; a REGRESSION_DETECTED verdict is the point.
        """,
        options: [
            OptionSpec(name: "dir", valueName: "folder", help: "Write the demo's files here and keep them."),
            OptionSpec(name: "seed", valueName: "s", help: "Random seed.", defaultValue: "7", kind: .integer(atLeast: 0)),
            OptionSpec(name: "color", valueName: "when", help: "ANSI colours in the dashboard.", defaultValue: "auto", allowed: ColorChoice.allCases.map(\.rawValue)),
        ])

    static let sql = CommandSpec(
        path: ["sql"], run: runSQL,
        abstract: "Print the SQL that computes the gate's aggregates.",
        discussion: """
        Prints the query (after any SET statement it needs, each ending in ';') over a
        table of step records whose columns are the native log's keys: timestamp,
        run_id, step_name, input_summary, output_summary, latency_ms, token_count,
        success, error_type, prompt_version, model_name, case_id. --column maps a key
        to your own column or expression (a table without case_id: --column
        case_id=NULL). It returns the gate's sufficient statistics in one long table
        (schemas/aggregates.schema.json): export it as CSV with a header or JSON lines
        and pass it to check, baseline update or stats as --aggregates. Text
        timestamps are put on the day written in their first ten characters, as the
        log reader does; --timestamp-type timestamp takes a timestamp column (as
        DuckDB's read_json_auto makes) in UTC, or in --timezone. Table names and
        versions are quoted for the dialect.

        EXAMPLE:
          regress-gate sql --dialect duckdb --table logs --column case_id=NULL > agg.sql
          duckdb history.duckdb -csv < agg.sql > agg.csv
          regress-gate check --aggregates agg.csv --candidate v3
        """,
        options: [
            OptionSpec(name: "dialect", valueName: "engine", help: "The engine the query is for.", required: true, allowed: SQLDialect.allCases.map(\.rawValue)),
            OptionSpec(name: "table", valueName: "name", help: "The table of step records (schema.table is quoted part by part).", defaultValue: "step_records"),
            OptionSpec(name: "column", valueName: "key=expr", help: "Read a key from this SQL expression instead of the column of its name; repeatable.", multiple: true),
            OptionSpec(name: "where", valueName: "sql", help: "Only rows meeting this SQL condition."),
            OptionSpec(name: "version", valueName: "version", help: "Only these prompt_versions (quoted as data); repeatable.", multiple: true),
            OptionSpec(name: "order-by", valueName: "expr", help: "An integer expression giving the order records were written (an id, an ingestion sequence): it picks a run's first record and a step's first appearance, as the log's line order does. Default: the earliest timestamp, ties by name."),
            OptionSpec(name: "timestamp-type", valueName: "type", help: "How the timestamp column is typed: ISO 8601 text as logged, or a timestamp type.", defaultValue: "text", allowed: AggregatesQuery.TimestampType.allCases.map(\.rawValue)),
            OptionSpec(name: "timezone", valueName: "tz", help: "The zone a timestamp-typed column's days are keyed in.", defaultValue: "UTC"),
        ])
}
