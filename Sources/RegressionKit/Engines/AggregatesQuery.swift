/// The SQL that computes `AggregateTable` in an engine, over a table of step records whose
/// columns are the native log's keys (or expressions for them).
///
/// Run semantics are the native reader's: a run is a (version, run id); it reached a step when it
/// has a record of it, failed there when one such record failed, failed when any did; its case is
/// the `case_id`, else the `input_summary`, of its first record that has one. "First" is the
/// earliest timestamp (as bytes for text; nulls last), where the native reader takes the first in
/// the file: the same on logs written in time order.
package struct AggregatesQuery: Sendable {
    /// How the `timestamp` column is typed in the table.
    package enum TimestampType: String, Sendable, CaseIterable {
        /// ISO 8601 text as the logger wrote it: a day is its first ten characters when they are
        /// a real date (as the native reader keys it).
        case text
        /// A timestamp type: written in `timezone` (UTC by default) and keyed into days there. DuckDB
        /// and PostgreSQL write it as failure-forensics' logger does (Python's `isoformat`:
        /// `2026-11-04T12:20:36.024980+00:00`, the fraction only when not zero, the offset for UTC),
        /// ClickHouse and Spark as `YYYY-MM-DDTHH:MM:SS.ffffff`.
        case timestamp
    }

    /// The columns of the native log, each of which `columns` may map to an expression.
    package static let keys = ["timestamp", "run_id", "step_name", "input_summary", "output_summary", "latency_ms",
                               "token_count", "success", "error_type", "prompt_version", "model_name", "case_id"]

    package var dialect: SQLDialect
    package var table = "step_records"
    /// Expressions for keys, replacing the column of the same name.
    package var columns: [String: String] = [:]
    /// A condition in the engine's SQL, as given.
    package var filter: String?
    /// Only these versions (values, quoted as data).
    package var versions: [String] = []
    /// An expression that orders the records as they were written (an id, an ingestion
    /// sequence): what decides a run's first record and a step's first appearance, as the file's
    /// order does for the native reader. Without it the earliest timestamp decides, ties by name.
    package var order: String?
    package var timestampType = TimestampType.text
    package var timezone = "UTC"

    package init(dialect: SQLDialect) { self.dialect = dialect }

    /// The statements to run, in order; the last returns the table.
    package var statements: [String] {
        var setup: [String] = []
        if timestampType == .timestamp {
            switch dialect {
            case .duckdb: setup.append("SET TimeZone = 'UTC'")
            case .postgres: setup.append("SET TIME ZONE 'UTC'")
            case .spark: setup.append("SET spark.sql.session.timeZone = UTC")
            case .clickhouse: break
            }
        }
        return setup + [query]
    }

    private func column(_ key: String) -> String { columns[key].map { "(\($0))" } ?? dialect.identifier(key) }

    private func cast(_ expr: String, _ type: AggregateTable.ColumnType) -> String {
        let name: String
        switch type {
        case .text: name = dialect.text
        case .integer: name = dialect.integer
        case .double: name = dialect.double
        }
        return dialect == .clickhouse ? "CAST(\(expr) AS Nullable(\(name)))" : "CAST(\(expr) AS \(name))"
    }

    /// The record's timestamp as text that orders in time: as written, or formatted.
    private var timestampText: String {
        let ts = column("timestamp")
        guard timestampType == .timestamp else { return cast(ts, .text) }
        let zone = dialect.literal(timezone)
        let offset = timezone == "UTC" ? " || '+00:00'" : ""
        switch dialect {
        case .duckdb:
            // Python's isoformat, as failure-forensics' logger writes a UTC time: the fraction only when not zero.
            let t = "timezone(\(zone), CAST(\(ts) AS TIMESTAMPTZ))"
            return "(strftime(\(t), '%Y-%m-%dT%H:%M:%S') || CASE WHEN microsecond(\(t)) % 1000000 <> 0 THEN '.' || lpad(CAST(microsecond(\(t)) % 1000000 AS VARCHAR), 6, '0') ELSE '' END\(offset))"
        case .postgres:
            let t = "(CAST(\(ts) AS TIMESTAMPTZ) AT TIME ZONE \(zone))"
            let us = "(CAST(extract(microseconds FROM \(t)) AS BIGINT) % 1000000)"
            return "(to_char(\(t), 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN \(us) <> 0 THEN '.' || lpad(CAST(\(us) AS TEXT), 6, '0') ELSE '' END\(offset))"
        case .clickhouse: return "formatDateTime(toTimeZone(CAST(\(ts) AS Nullable(DateTime64(6, 'UTC'))), \(zone)), '%Y-%m-%dT%H:%i:%S.%f')"
        case .spark: return "date_format(from_utc_timestamp(\(ts), \(zone)), \"yyyy-MM-dd'T'HH:mm:ss.SSSSSS\")"
        }
    }

    /// The day `ts` (text) was written on: its first ten characters when they are a real
    /// `YYYY-MM-DD` date, else null (`LogDay(dateAsWrittenIn:)`).
    private func day(_ ts: String) -> String {
        let d = dialect
        let y = d.digits(ts, from: 1, count: 4), m = d.digits(ts, from: 6, count: 2), dd = d.digits(ts, from: 9, count: 2)
        let leap = "((\(y) % 4 = 0 AND \(y) % 100 <> 0) OR \(y) % 400 = 0)"
        let monthDays = "CASE WHEN \(m) IN (4, 6, 9, 11) THEN 30 WHEN \(m) = 2 THEN CASE WHEN \(leap) THEN 29 ELSE 28 END ELSE 31 END"
        return """
        CASE WHEN \(d.matches(ts, "^[0-9]{4}-[0-9]{2}-[0-9]{2}")) THEN \
        CASE WHEN \(m) BETWEEN 1 AND 12 AND \(dd) >= 1 AND \(dd) <= \(monthDays) THEN \(d.prefix(ts, 10)) END END
        """
    }

    private var source: String {
        var conditions: [String] = []
        if let filter { conditions.append("(\(filter))") }
        if !versions.isEmpty {
            conditions.append("\(cast(column("prompt_version"), .text)) IN (\(versions.map(dialect.literal).joined(separator: ", ")))")
        }
        let text = { (key: String) in self.cast(self.column(key), .text) }
        let error = text("error_type"), caseID = text("case_id"), input = text("input_summary")
        return """
        SELECT \(text("prompt_version")) AS v, \(text("run_id")) AS r, \(text("step_name")) AS s,
            CASE WHEN \(column("success")) THEN 0 WHEN NOT \(column("success")) THEN 1 END AS f,
            CASE WHEN \(error) IS NULL OR \(error) = '' THEN 'unknown' ELSE \(error) END AS e,
            CASE WHEN \(error) <> '' THEN \(error) END AS er,
            \(cast(column("latency_ms"), .double)) AS lat, \(cast(column("token_count"), .integer)) AS tok,
            \(timestampText) AS ts,
            CASE WHEN \(caseID) IS NOT NULL AND \(caseID) <> '' THEN \(caseID) WHEN \(input) <> '' THEN \(input) END AS k,
            \(input) AS inp, \(text("model_name")) AS m, \(order.map { cast("(\($0))", .integer) } ?? cast("NULL", .integer)) AS pos
          FROM \(dialect.qualifiedName(table))\(conditions.isEmpty ? "" : "\n  WHERE " + conditions.joined(separator: " AND "))
        """
    }

    /// One branch of the UNION: `kind`'s row with `values` by column, null elsewhere.
    private func row(_ kind: AggregateTable.Kind, _ values: [String: String], from: String) -> String {
        let constants = [
            "kind": "'\(kind.rawValue)'", "query_version": "\(AggregateTable.queryVersion)",
            "sketch_relative_accuracy": "'\(AggregateTable.sketchRelativeAccuracy)'",
            "sketch_min_indexable_ms": "'\(AggregateTable.sketchMinIndexableMS)'",
        ]
        let fields = AggregateTable.columns.map { c in
            if let value = values[c.name] ?? constants[c.name] { return "\(cast(value, c.type)) AS \(c.name)" }
            return "\(cast("NULL", c.type)) AS \(c.name)"
        }
        return "SELECT " + fields.joined(separator: ", ") + "\n  FROM " + from
    }

    private var query: String {
        let d = dialect
        let ts = d.bytewise("ts")
        let first = order == nil ? "\(ts) ASC NULLS LAST" : "pos ASC NULLS LAST, \(ts) ASC NULLS LAST"
        let logGamma = "CAST('\(AggregateTable.sketchLogGamma)' AS \(d.double))"
        let zeroBelow = "CAST('\(AggregateTable.sketchMinIndexableMS)' AS \(d.double))"
        let valid = "v IS NOT NULL AND r IS NOT NULL AND s IS NOT NULL AND f IS NOT NULL"
        let ctes = [
            "src AS (\n\(source)\n)",
            "ok AS (SELECT * FROM src WHERE \(valid))",
            "rs AS (SELECT v, r, s, MAX(f) AS f FROM ok GROUP BY v, r, s)",
            "runs AS (SELECT v, r, MAX(f) AS f FROM rs GROUP BY v, r)",
            "rc AS (SELECT v, r, k FROM (SELECT v, r, k, ROW_NUMBER() OVER (PARTITION BY v, r ORDER BY \(first), \(d.bytewise("k")) ASC) AS n FROM ok WHERE k IS NOT NULL) x WHERE n = 1)",
            "ff AS (SELECT v, r, s, er, inp, ts FROM (SELECT v, r, s, er, inp, ts, ROW_NUMBER() OVER (PARTITION BY v, r ORDER BY \(first), \(d.bytewise("s")) ASC, \(d.bytewise("e")) ASC) AS n FROM ok WHERE f = 1) x WHERE n = 1)",
            "dated AS (SELECT v, s, f, \(day("ts")) AS d FROM ok)",
        ]
        let branches = [
            row(.version, ["version": "a.v", "records": "a.n", "failed": "a.nf", "runs": "b.n", "failed_runs": "b.nf",
                           "tokens": "a.tok", "first_seen": "a.t0", "last_seen": "a.t1", "first_position": "a.p0"],
                from: "(SELECT v, COUNT(*) AS n, SUM(f) AS nf, SUM(tok) AS tok, MIN(\(ts)) AS t0, MAX(\(ts)) AS t1, MIN(pos) AS p0 FROM ok GROUP BY v) a\n  JOIN (SELECT v, COUNT(*) AS n, SUM(f) AS nf FROM runs GROUP BY v) b ON a.v = b.v"),
            // A sum is never named after its column (`tok`): ClickHouse would read `tok` in the
            // same SELECT as the alias, an aggregate inside an aggregate.
            row(.step, ["version": "a.v", "step": "a.s", "records": "a.n", "failed": "a.nf", "runs": "b.n", "failed_runs": "b.nf",
                        "tokens": "a.tsum", "latency_min_ms": "a.lo", "latency_max_ms": "a.hi", "token_min": "a.tlo", "token_max": "a.thi",
                        "first_seen": "a.t0", "first_position": "a.p0"],
                from: "(SELECT v, s, COUNT(*) AS n, SUM(f) AS nf, SUM(tok) AS tsum, MIN(CASE WHEN lat >= 0 THEN lat END) AS lo, MAX(CASE WHEN lat >= 0 THEN lat END) AS hi, MIN(CASE WHEN tok > 0 THEN tok END) AS tlo, MAX(CASE WHEN tok > 0 THEN tok END) AS thi, MIN(\(ts)) AS t0, MIN(pos) AS p0 FROM ok GROUP BY v, s) a\n  JOIN (SELECT v, s, COUNT(*) AS n, SUM(f) AS nf FROM rs GROUP BY v, s) b ON a.v = b.v AND a.s = b.s"),
            row(.latency, ["version": "v", "step": "s", "bucket": "b", "records": "n"],
                from: "(SELECT v, s, CAST(CEIL(LN(lat) / \(logGamma)) AS \(d.integer)) AS b, COUNT(*) AS n FROM ok WHERE lat > \(zeroBelow) GROUP BY v, s, CAST(CEIL(LN(lat) / \(logGamma)) AS \(d.integer))) x"),
            row(.latencyZero, ["version": "v", "step": "s", "records": "n"],
                from: "(SELECT v, s, COUNT(*) AS n FROM ok WHERE lat >= 0 AND lat <= \(zeroBelow) GROUP BY v, s) x"),
            row(.token, ["version": "v", "step": "s", "bucket": "b", "records": "n"],
                from: "(SELECT v, s, CAST(CEIL(LN(CAST(tok AS \(d.double))) / \(logGamma)) AS \(d.integer)) AS b, COUNT(*) AS n FROM ok WHERE tok > 0 GROUP BY v, s, CAST(CEIL(LN(CAST(tok AS \(d.double))) / \(logGamma)) AS \(d.integer))) x"),
            row(.model, ["version": "v", "step": "s", "model_name": "m", "records": "n", "tokens": "t"],
                from: "(SELECT v, s, m, COUNT(*) AS n, SUM(CASE WHEN tok > 0 THEN tok ELSE 0 END) AS t FROM ok WHERE m IS NOT NULL GROUP BY v, s, m) x"),
            row(.error, ["version": "v", "step": "s", "error_type": "e", "failed": "n"],
                from: "(SELECT v, s, e, COUNT(*) AS n FROM ok WHERE f = 1 GROUP BY v, s, e) x"),
            row(.case, ["version": "v", "case_key": "k", "runs": "n", "failed_runs": "nf"],
                from: "(SELECT runs.v AS v, rc.k AS k, COUNT(*) AS n, SUM(runs.f) AS nf FROM runs JOIN rc ON runs.v = rc.v AND runs.r = rc.r GROUP BY runs.v, rc.k) x"),
            row(.stepCase, ["version": "v", "step": "s", "case_key": "k", "runs": "n", "failed_runs": "nf"],
                from: "(SELECT rs.v AS v, rs.s AS s, rc.k AS k, COUNT(*) AS n, SUM(rs.f) AS nf FROM rs JOIN rc ON rs.v = rc.v AND rs.r = rc.r GROUP BY rs.v, rs.s, rc.k) x"),
            row(.day, ["version": "v", "day": "d", "records": "n", "failed": "nf"],
                from: "(SELECT v, d, COUNT(*) AS n, SUM(f) AS nf FROM dated GROUP BY v, d) x"),
            row(.stepDay, ["version": "v", "step": "s", "day": "d", "records": "n", "failed": "nf"],
                from: "(SELECT v, s, d, COUNT(*) AS n, SUM(f) AS nf FROM dated WHERE d IS NOT NULL GROUP BY v, s, d) x"),
            row(.firstFailure, ["version": "v", "step": "s", "error_type": "er", "runs": "n"],
                from: "(SELECT v, s, er, COUNT(*) AS n FROM ff GROUP BY v, s, er) x"),
            row(.failingInput, ["version": "v", "step": "s", "error_type": "er", "input_summary": "inp", "runs": "n", "first_seen": "t0", "last_seen": "t1"],
                from: "(SELECT v, s, er, inp, COUNT(*) AS n, MIN(\(ts)) AS t0, MAX(\(ts)) AS t1 FROM ff GROUP BY v, s, er, inp) x"),
            row(.invalid, ["records": "n"],
                from: "(SELECT COUNT(*) AS n FROM src WHERE NOT (\(valid))) x WHERE n > 0"),
        ]
        return "WITH " + ctes.joined(separator: ",\n") + "\n" + branches.joined(separator: "\nUNION ALL\n")
    }
}
