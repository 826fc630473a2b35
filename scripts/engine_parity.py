"""engine-parity: the gate from an engine's aggregates equals the gate from the logs.

For each engine (DuckDB, ClickHouse via chDB, Spark SQL in local mode, a PostgreSQL server) and
each log (the shipped fixtures and logs `regress-gate simulate` writes), this loads the JSONL log
with the engine's own reader, runs the query `regress-gate sql --dialect ENGINE` prints, exports
the result as the engine does (CSV with a header), and compares:

- `check --format json` from `--aggregates` with `check --format json` from `--logs`, for every
  candidate version against a baseline of another, under both built-in policies: the verdict,
  every count, and every number to 1e-9 (only `input` may differ);
- `baseline update` from either: the same file but for `created_at`, the source's files and the provenance's log format;
- `stats --format json`: the same but for `input`.

It also measures how often a latency within 1e-9 of a bucket boundary lands in another bucket in
the engine than in the gate (the gate's own log() is glibc's, as Python's math.log here).

Usage: engine_parity.py TOOL [--engines duckdb,clickhouse,spark,postgres]
Prints one line per comparison that differs and a summary; exits 1 when any differs.
"""
import argparse, json, math, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = ["timestamp", "run_id", "step_name", "input_summary", "output_summary", "latency_ms",
        "token_count", "success", "error_type", "prompt_version", "model_name", "case_id"]
LOG_GAMMA = math.log((1 + 0.01) / (1 - 0.01))


def run(tool, *args, ok=(0, 1)):
    p = subprocess.run([tool, *args], capture_output=True, text=True)
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p


def query(tool, dialect, *extra):
    text = run(tool, "sql", "--dialect", dialect, *extra).stdout
    statements = [s.strip() for s in text.split(";\n") if s.strip()]
    # the first line is a comment
    return [("\n".join(l for l in s.splitlines() if not l.startswith("-- regress-gate"))).strip() for s in statements]


class DuckDB:
    name = "duckdb"

    def __init__(self, tmp):
        import duckdb
        self.con = duckdb.connect()

    def aggregates(self, tool, log, out, *extra):
        cols = {k: ("BOOLEAN" if k == "success" else "DOUBLE" if k == "latency_ms" else "BIGINT" if k == "token_count" else "VARCHAR") for k in KEYS}
        self.con.execute("DROP TABLE IF EXISTS logs")
        self.con.execute(f"CREATE TABLE logs AS SELECT *, row_number() OVER () AS line FROM read_json(?, format='newline_delimited', columns={cols!r})", [log])
        *setup, q = query(tool, "duckdb", "--table", "logs", "--order-by", "line", *extra)
        for s in setup: self.con.execute(s)
        self.con.execute(f"COPY ({q}) TO '{out}' (HEADER)")

    def aggregates_typed(self, tool, log, out):
        """The log as DuckDB's own detection loads it: timestamps parsed into TIMESTAMP WITH TIME ZONE."""
        self.con.execute("DROP TABLE IF EXISTS logs")
        self.con.execute("CREATE TABLE logs AS SELECT *, row_number() OVER () AS line FROM read_json_auto(?)", [log])
        *setup, q = query(tool, "duckdb", "--table", "logs", "--order-by", "line", "--column", "case_id=NULL", "--timestamp-type", "timestamp")
        for s in setup: self.con.execute(s)
        self.con.execute(f"COPY ({q}) TO '{out}' (HEADER)")

    def buckets(self, values):
        self.con.execute("DROP TABLE IF EXISTS b")
        self.con.execute("CREATE TABLE b (i BIGINT, x DOUBLE)")
        self.con.executemany("INSERT INTO b VALUES (?, ?)", list(enumerate(values)))
        return [r[0] for r in self.con.execute(f"SELECT CAST(CEIL(LN(x) / CAST('{LOG_GAMMA!r}' AS DOUBLE)) AS BIGINT) FROM b ORDER BY i").fetchall()]

    def close(self): self.con.close()


class ClickHouse:
    name = "clickhouse"

    def __init__(self, tmp):
        from chdb import session
        self.s = session.Session(os.path.join(tmp, "chdb"))

    def aggregates(self, tool, log, out, *extra):
        types = {"success": "Nullable(Bool)", "latency_ms": "Nullable(Float64)", "token_count": "Nullable(Int64)"}
        schema = ", ".join(f"{k} {types.get(k, 'Nullable(String)')}" for k in KEYS)
        self.s.query("DROP TABLE IF EXISTS logs")
        self.s.query(f"CREATE TABLE logs ENGINE = Memory AS SELECT *, rowNumberInAllBlocks() AS line FROM file('{log}', 'JSONEachRow', '{schema}') SETTINGS max_threads = 1")
        *setup, q = query(tool, "clickhouse", "--table", "logs", "--order-by", "line", *extra)
        for s in setup: self.s.query(s)
        with open(out, "wb") as f:
            f.write(self.s.query(q, "CSVWithNames").bytes())

    def buckets(self, values):
        rows = ",".join(f"({i}, {v!r})" for i, v in enumerate(values))
        r = self.s.query(f"SELECT CAST(CEIL(LN(x) / CAST('{LOG_GAMMA!r}' AS Float64)) AS Int64) FROM (SELECT c1 AS i, toFloat64(c2) AS x FROM values({rows})) ORDER BY i", "CSV")
        return [int(l) for l in r.bytes().decode().split()]

    def close(self): self.s.close()


class Spark:
    name = "spark"

    def __init__(self, tmp):
        from pyspark.sql import SparkSession
        self.tmp = tmp
        self.spark = (SparkSession.builder.master("local[2]").appName("engine-parity")
                      .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                      .config("spark.driver.memory", "1g").config("spark.ui.showConsoleProgress", "false").getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")

    def aggregates(self, tool, log, out, *extra):
        from pyspark.sql.types import StructType, StructField, StringType, DoubleType, LongType, BooleanType
        t = {"success": BooleanType(), "latency_ms": DoubleType(), "token_count": LongType()}
        schema = StructType([StructField(k, t.get(k, StringType())) for k in KEYS])
        from pyspark.sql.functions import monotonically_increasing_id
        (self.spark.read.json(log, schema=schema, mode="FAILFAST", encoding="UTF-8")
         .withColumn("line", monotonically_increasing_id()).createOrReplaceTempView("logs"))
        *setup, q = query(tool, "spark", "--table", "logs", "--order-by", "line", *extra)
        for s in setup: self.spark.sql(s)
        folder = os.path.join(self.tmp, "spark-out")
        shutil.rmtree(folder, ignore_errors=True)
        self.spark.sql(q).coalesce(1).write.csv(folder, header=True, escape='"', quoteAll=False)
        part = [f for f in os.listdir(folder) if f.startswith("part-") and f.endswith(".csv")][0]
        shutil.move(os.path.join(folder, part), out)

    def buckets(self, values):
        df = self.spark.createDataFrame([(i, float(v)) for i, v in enumerate(values)], "i long, x double")
        df.createOrReplaceTempView("b")
        return [r[0] for r in self.spark.sql(f"SELECT CAST(CEIL(LN(x) / CAST('{LOG_GAMMA!r}' AS DOUBLE)) AS BIGINT) FROM b ORDER BY i").collect()]

    def close(self): self.spark.stop()


class Postgres:
    """A real server, started in a temporary directory on a unix socket and stopped on exit."""
    name = "postgres"

    def __init__(self, tmp):
        bindir = next(d for d in ["/usr/lib/postgresql/15/bin", "/usr/local/bin"] if os.path.exists(os.path.join(d, "pg_ctl")))
        self.bin = lambda n: os.path.join(bindir, n)
        self.dir = os.path.join(tmp, "pg")
        os.makedirs(self.dir)
        self.as_user = []
        if os.geteuid() == 0:   # initdb refuses root: run the server as the postgres user
            shutil.chown(self.dir, "postgres")
            os.chmod(tmp, 0o755)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        data, sock = os.path.join(self.dir, "data"), self.dir
        self.sock = sock
        subprocess.run(self.as_user + [self.bin("initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        subprocess.run(self.as_user + [self.bin("pg_ctl"), "-D", data, "-l", os.path.join(self.dir, "log"), "-w", "-o",
                                       f"-k {sock} -h '' -c fsync=off", "start"], check=True, capture_output=True)
        self.data = data

    def psql(self, sql, stdin=None):
        # the statements on standard input unless it carries COPY's data
        command = ["-c", sql] if stdin is not None else []
        p = subprocess.run([self.bin("psql"), "-h", self.sock, "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", *command],
                           input=stdin if stdin is not None else sql.encode(), capture_output=True)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode())
        return p.stdout

    def aggregates(self, tool, log, out, *extra):
        # jsonb lines through COPY as one-column CSV whose quote and delimiter never occur in JSON text
        self.psql("DROP TABLE IF EXISTS raw; CREATE TABLE raw (line bigserial, j jsonb)")
        with open(log, "rb") as f:
            data = f.read()
        if data.startswith(b"\xef\xbb\xbf"): data = data[3:]
        lines = b"\n".join(l for l in data.replace(b"\r\n", b"\n").split(b"\n") if l.strip())
        self.psql("COPY raw (j) FROM STDIN WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')", stdin=lines + b"\n")
        # the table is jsonb: every key is mapped with --column
        columns = [f"--column={k}=j->>'{k}'" for k in KEYS if k not in ("success", "latency_ms", "token_count")]
        columns += ["--column=success=(j->'success')::boolean", "--column=latency_ms=(j->>'latency_ms')::double precision",
                    "--column=token_count=(j->>'token_count')::bigint"]
        *setup, q = query(tool, "postgres", "--table", "raw", "--order-by", "line", *columns, *extra)
        body = ";\n".join(setup + [f"COPY ({q}) TO STDOUT WITH (FORMAT csv, HEADER)"])
        with open(out, "wb") as f:
            f.write(self.psql(body))

    def aggregates_typed(self, tool, log, out):
        """The same jsonb table, its timestamp read as timestamptz."""
        self.aggregates(tool, log, out, "--column=timestamp=(j->>'timestamp')::timestamptz", "--timestamp-type", "timestamp")

    def buckets(self, values):
        rows = ",".join(f"({i}, '{v!r}'::double precision)" for i, v in enumerate(values))
        text = self.psql(f"COPY (SELECT CAST(CEIL(LN(x) / CAST('{LOG_GAMMA!r}' AS DOUBLE PRECISION)) AS BIGINT) FROM (VALUES {rows}) t(i, x) ORDER BY i) TO STDOUT").decode()
        return [int(l) for l in text.split()]

    def close(self):
        subprocess.run(self.as_user + [self.bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"], capture_output=True)


ENGINES = {"duckdb": DuckDB, "clickhouse": ClickHouse, "spark": Spark, "postgres": Postgres}


def differences(a, b, path="", tolerance=1e-9):
    """Where two JSON values differ: numbers by more than `tolerance` (relative above 1)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'logs' if k in a else 'aggregates'}")
            else:
                out += differences(a[k], b[k], f"{path}.{k}", tolerance)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items vs {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]", tolerance)]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        if isinstance(a, int) and isinstance(b, int):
            return [] if a == b else [f"{path}: {a} vs {b}"]
        return [] if abs(a - b) <= tolerance * max(1.0, abs(a), abs(b)) else [f"{path}: {a!r} vs {b!r}"]
    return [] if a == b else [f"{path}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]}"]


def versions_of(log):
    seen = []
    with open(log, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                v = json.loads(line)["prompt_version"]
                if v not in seen: seen.append(v)
    return seen


def compare(tool, engine, log, tmp):
    """The comparisons for one log on one engine: a list of (what, differences)."""
    agg = os.path.join(tmp, f"{engine.name}.csv")
    engine.aggregates(tool, log, agg)
    results = []
    versions = versions_of(log)
    stats_logs = json.loads(run(tool, "stats", "--logs", log, "--format", "json").stdout)
    stats_agg = json.loads(run(tool, "stats", "--aggregates", agg, "--format", "json").stdout)
    stats_logs.pop("input"); stats_agg.pop("input")
    results.append(("stats", differences(stats_logs, stats_agg)))
    def same_json(what, args_logs, args_agg, drop=("input",)):
        x, y = run(tool, *args_logs), run(tool, *args_agg)
        jx, jy = json.loads(x.stdout), json.loads(y.stdout)
        for k in drop: jx.pop(k, None); jy.pop(k, None)
        d = differences(jx, jy)
        if x.returncode != y.returncode: d.append(f"exit {x.returncode} vs {y.returncode}")
        results.append((what, d))
    for v in [None] + versions:
        pick = ["--version", v] if v else []
        same_json(f"trend {v or 'all'}", ["trend", "--logs", log, "--format", "json", *pick], ["trend", "--aggregates", agg, "--format", "json", *pick])
        a_logs = json.loads(run(tool, "analyze", "--logs", log, "--format", "json", *pick).stdout)
        a_agg = json.loads(run(tool, "analyze", "--aggregates", agg, "--format", "json", *pick).stdout)
        for doc in (a_logs, a_agg):
            doc.pop("input"); doc.pop("runs")
        results.append((f"analyze {v or 'all'}", differences(a_logs, a_agg)))
        c_logs, c_agg = os.path.join(tmp, "c-logs.jsonl"), os.path.join(tmp, "c-agg.jsonl")
        for path in (c_logs, c_agg):
            if os.path.exists(path): os.remove(path)
        run(tool, "candidates", "--logs", log, "--output", c_logs, *pick, ok=(0,))
        run(tool, "candidates", "--aggregates", agg, "--output", c_agg, *pick, ok=(0,))
        results.append((f"candidates {v or 'all'}", [] if open(c_logs, "rb").read() == open(c_agg, "rb").read() else ["the candidates files differ"]))
        d_logs = json.loads(run(tool, "dashboard", "--logs", log, "--format", "json", *pick).stdout)
        d_agg = json.loads(run(tool, "dashboard", "--aggregates", agg, "--format", "json", *pick).stdout)
        for doc in (d_logs, d_agg):
            doc.pop("input"); doc.pop("latest_failed_runs"); doc.get("trend", {}).pop("input", None)
        results.append((f"dashboard {v or 'all'}", differences(d_logs, d_agg)))
        # alert: failures in a row need the records' order, so that rule is left to the logs
        al_logs = json.loads(run(tool, "alert", "--logs", log, "--format", "json", *pick).stdout)
        al_agg = json.loads(run(tool, "alert", "--aggregates", agg, "--format", "json", *pick).stdout)
        for doc in (al_logs, al_agg):
            doc.pop("input")
            doc["alerts"] = [a for a in doc.get("alerts", []) if a.get("rule") != "consecutive_failures"]
            doc.pop("undelivered", None)
        results.append((f"alert {v or 'all'}", differences(al_logs, al_agg)))
    for a in versions:
        for b in versions:
            if a != b:
                same_json(f"compare {a} {b}", ["compare", "--logs", log, "--a", a, "--b", b, "--format", "json"],
                          ["compare", "--aggregates", agg, "--a", a, "--b", b, "--format", "json"])
    for base in versions:
        bl, ba = os.path.join(tmp, "bl-logs.json"), os.path.join(tmp, "bl-agg.json")
        run(tool, "baseline", "update", "--logs", log, "--version", base, "--baseline", bl, ok=(0,))
        run(tool, "baseline", "update", "--aggregates", agg, "--version", base, "--baseline", ba, ok=(0,))
        a, b = json.load(open(bl)), json.load(open(ba))
        for doc in (a, b):
            doc.pop("created_at", None)
            doc.get("source", {}).pop("files", None)
            doc.get("provenance", {}).pop("log_formats", None)   # failure-forensics from logs, aggregates from a query
        results.append((f"baseline update {base}", differences(a, b, tolerance=0)))
        for cand in versions:
            if cand == base and len(versions) > 1: continue
            for policy in ("statistical", "thresholds"):
                x = run(tool, "check", "--logs", log, "--candidate", cand, "--baseline", bl, "--policy", policy, "--format", "json")
                y = run(tool, "check", "--aggregates", agg, "--candidate", cand, "--baseline", bl, "--policy", policy, "--format", "json")
                jx, jy = json.loads(x.stdout), json.loads(y.stdout)
                jx.pop("input", None); jy.pop("input", None)
                d = differences(jx, jy)
                if x.returncode != y.returncode: d.append(f"exit {x.returncode} vs {y.returncode}")
                results.append((f"check {cand} vs {base} ({policy})", d))
    return results


HOSTILE = "v1' OR 1=1; --\"`\\ \u00e9\u202e"


def hostile_version(tool, engine, tmp):
    """A version that is SQL text reaches the engine as data: `--version` keeps exactly it."""
    log = os.path.join(tmp, "hostile.jsonl")
    with open(log, "w", encoding="utf-8") as f:
        for v, r in ((HOSTILE, "r1"), ("v1", "r2")):
            f.write(json.dumps({"timestamp": "2026-11-01T00:00:00+00:00", "run_id": r, "step_name": "gen", "input_summary": "q",
                                "output_summary": "", "latency_ms": 1.5, "token_count": 1, "success": True, "error_type": None,
                                "prompt_version": v, "model_name": "m"}, ensure_ascii=False) + "\n")
    out = os.path.join(tmp, "hostile.csv")
    engine.aggregates(tool, log, out, "--version", HOSTILE)
    stats = json.loads(run(tool, "stats", "--aggregates", out, "--format", "json").stdout)
    got = [v["version"] for v in stats["versions"]]
    return [] if got == [HOSTILE] else [f"--version {HOSTILE!r} kept {got!r}"]


def typed_timestamps(tool, engine, tmp):
    """A timestamp column the loader parsed: the baseline and the check equal the log's."""
    log = os.path.join(ROOT, "fixtures/requests.jsonl")
    agg = os.path.join(tmp, "typed.csv")
    engine.aggregates_typed(tool, log, agg)
    bl, ba = os.path.join(tmp, "typed-logs.json"), os.path.join(tmp, "typed-agg.json")
    run(tool, "baseline", "update", "--logs", log, "--version", "v2", "--baseline", bl, ok=(0,))
    run(tool, "baseline", "update", "--aggregates", agg, "--version", "v2", "--baseline", ba, ok=(0,))
    a, b = json.load(open(bl)), json.load(open(ba))
    for doc in (a, b):
        doc.pop("created_at", None); doc.get("source", {}).pop("files", None); doc.get("provenance", {}).pop("log_formats", None)
    d = differences(a, b, tolerance=0)
    x = json.loads(run(tool, "check", "--logs", log, "--candidate", "v3", "--baseline", bl, "--format", "json").stdout)
    y = json.loads(run(tool, "check", "--aggregates", agg, "--candidate", "v3", "--baseline", bl, "--format", "json").stdout)
    x.pop("input"); y.pop("input")
    return d + differences(x, y)


def boundary_values():
    """Latencies at and within 1e-9 (relative) of bucket boundaries gamma^i, 1 µs to 11 days."""
    values = []
    for i in range(-340, 1400):
        edge = math.exp(i * LOG_GAMMA)
        if edge <= 1e-3: continue
        for x in (edge, edge * (1 - 1e-9), edge * (1 + 1e-9), math.nextafter(edge, 0), math.nextafter(edge, math.inf)):
            values.append(x)
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--logs", nargs="*")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="engine-parity-")
    logs = args.logs or [os.path.join(ROOT, "fixtures/requests.jsonl"), os.path.join(ROOT, "fixtures/small/quirks.jsonl"),
                         os.path.join(ROOT, "fixtures/otlp/native/combined.jsonl")]
    if not args.logs:
        for seed, runs in ((3, 150), (11, 400)):
            path = os.path.join(tmp, f"simulated-{seed}.jsonl")
            run(args.tool, "simulate", "--out", path, "--runs", str(runs), "--seed", str(seed), "--anomaly-day", "2026-11-05", ok=(0,))
            logs.append(path)
    failed = compared = 0
    values = boundary_values()
    gate_buckets = [math.ceil(math.log(x) / LOG_GAMMA) for x in values]
    try:
        for name in args.engines.split(","):
            started = time.time()
            engine = ENGINES[name](tmp)
            try:
                for log in logs:
                    for what, diffs in compare(args.tool, engine, log, tmp):
                        compared += 1
                        if diffs:
                            failed += 1
                            print(f"DIFFERS {name} {os.path.basename(log)} {what}: " + "; ".join(diffs[:5]))
                compared += 1
                hostile = hostile_version(args.tool, engine, tmp)
                if hostile:
                    failed += 1
                    print(f"DIFFERS {name} hostile version: " + "; ".join(hostile))
                if hasattr(engine, "aggregates_typed"):
                    compared += 1
                    typed = typed_timestamps(args.tool, engine, tmp)
                    if typed:
                        failed += 1
                        print(f"DIFFERS {name} timestamps as a timestamp type: " + "; ".join(typed[:5]))
                got = engine.buckets(values)
                moved = sum(1 for a, b in zip(gate_buckets, got) if a != b)
                print(f"{name}: {len(logs)} logs compared in {time.time() - started:.1f} s; latencies within 1e-9 of a bucket "
                      f"boundary in a neighbouring bucket: {moved} of {len(values)}")
            finally:
                engine.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{compared - failed} comparisons equal, {failed} differ")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
