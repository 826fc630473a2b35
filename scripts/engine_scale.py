"""engine-scale: the gate over N step records generated inside DuckDB (its range()), from the
aggregates query's result, beside the gate reading the same records as JSONL.

Usage: engine_scale.py TOOL WORKDIR [--records 100000000] [--no-jsonl]
Prints the figures (wall time, peak memory) of each stage as one line each.
"""
import argparse, json, os, resource, subprocess, sys, time

def peak_mb(pid_usage):
    return pid_usage.ru_maxrss / 1024

def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS MB, completed process)."""
    started = time.time()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    wall = time.time() - started
    rss = next(int(l.split(":")[1]) for l in p.stderr.splitlines() if "Maximum resident set size" in l) / 1024
    return wall, rss, p

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool"); ap.add_argument("workdir")
    ap.add_argument("--records", type=int, default=100_000_000)
    ap.add_argument("--no-jsonl", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    import duckdb
    os.makedirs(args.workdir, exist_ok=True)
    db = os.path.join(args.workdir, "scale.duckdb")
    if os.path.exists(db): os.remove(db)
    con = duckdb.connect(db)
    con.execute(f"SET threads = {args.threads}")
    n = args.records
    # 4 steps a run, 3 versions, 1000 cases (queries); a run stops at its first failure no more
    # than the log reader would care; failure odds depend on the version and step.
    t = time.time()
    con.execute(f"""
    CREATE TABLE logs AS
    SELECT
      strftime(TIMESTAMP '2026-11-01 00:00:00' + to_microseconds(CAST(i * 20000 AS BIGINT)), '%Y-%m-%dT%H:%M:%S.%f') || '+00:00' AS "timestamp",
      'r' || CAST(i // 4 AS VARCHAR) AS run_id,
      ['retrieval', 'reranking', 'generation', 'citation'][CAST(i % 4 AS INTEGER) + 1] AS step_name,
      'query number ' || CAST(hash(i // 4) % 1000 AS VARCHAR) AS input_summary,
      'ok' AS output_summary,
      round(50 + (hash(i * 7) % 200000) / 100.0 * (1 + (i % 4)), 2) AS latency_ms,
      CAST(hash(i * 13) % 3000 AS BIGINT) AS token_count,
      (hash(i * 31) % 1000) >= (CASE WHEN (i // 4) % 3 = 2 AND i % 4 = 3 THEN 150 ELSE 60 END) AS success,
      CASE WHEN (hash(i * 31) % 1000) >= (CASE WHEN (i // 4) % 3 = 2 AND i % 4 = 3 THEN 150 ELSE 60 END) THEN NULL
           ELSE ['timeout', '429', 'no_citation', 'hallucination'][CAST(hash(i * 5) % 4 AS INTEGER) + 1] END AS error_type,
      'v' || CAST((i // 4) % 3 + 1 AS VARCHAR) AS prompt_version,
      'model-a' AS model_name
    FROM range({n}) r(i)
    """)
    gen = time.time() - t
    print(f"generate {n:,} records in DuckDB: {gen:.1f} s", flush=True)
    q = subprocess.run([args.tool, "sql", "--dialect", "duckdb", "--table", "logs", "--column", "case_id=NULL"],
                       capture_output=True, text=True, check=True).stdout
    body = "\n".join(l for l in q.splitlines() if not l.startswith("-- regress-gate")).strip().rstrip(";")
    agg = os.path.join(args.workdir, "agg.csv")
    con.close()
    # the query in a separate process, so its peak memory is its own
    script = f"""
import duckdb, sys, time
con = duckdb.connect({db!r}, read_only=True)
con.execute("SET threads = {args.threads}")
con.execute("SET preserve_insertion_order = false")
t = time.time()
con.execute(open({os.path.join(args.workdir, 'q.sql')!r}).read())
print(time.time() - t)
"""
    with open(os.path.join(args.workdir, "q.sql"), "w") as f:
        f.write(f"COPY ({body}) TO '{agg}' (HEADER)")
    wall, rss, p = timed([sys.executable, "-c", script])
    if p.returncode != 0: sys.exit(p.stderr)
    rows = sum(1 for _ in open(agg)) - 1
    print(f"aggregates query in DuckDB ({args.threads} threads): {wall:.1f} s, peak RSS {rss:.0f} MB; result {rows:,} rows, {os.path.getsize(agg)/1e6:.1f} MB", flush=True)
    bl = os.path.join(args.workdir, "baseline.json")
    wall, rss, p = timed([args.tool, "baseline", "update", "--aggregates", agg, "--version", "v2", "--baseline", bl])
    print(f"baseline update --aggregates: {wall:.2f} s, peak RSS {rss:.0f} MB", flush=True)
    wall, rss, p = timed([args.tool, "check", "--aggregates", agg, "--candidate", "v3", "--baseline", bl, "--format", "json"])
    verdict = json.loads(p.stdout)["verdict"]
    print(f"check --aggregates: {wall:.2f} s, peak RSS {rss:.0f} MB, verdict {verdict}", flush=True)
    if args.no_jsonl: return
    jsonl = os.path.join(args.workdir, "logs.jsonl")
    con = duckdb.connect(db, read_only=True)
    con.execute(f"SET threads = {args.threads}")
    t = time.time()
    con.execute(f"COPY (SELECT * FROM logs) TO '{jsonl}' (FORMAT JSON)")
    con.close()
    print(f"export as JSONL: {time.time() - t:.1f} s, {os.path.getsize(jsonl)/1e9:.1f} GB", flush=True)
    wall, rss, p = timed([args.tool, "check", "--logs", jsonl, "--candidate", "v3", "--baseline", bl, "--format", "json"])
    if p.returncode not in (0, 1): sys.exit(p.stderr)
    same = json.loads(p.stdout)["verdict"]
    print(f"check --logs (JSONL): {wall:.1f} s, peak RSS {rss:.0f} MB, verdict {same}", flush=True)
    os.remove(jsonl)

if __name__ == "__main__":
    main()
