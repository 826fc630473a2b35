"""ancestor_forensics_parity.py: compare regress-gate's forensics and monitoring commands
with the ancestor's own functions (failure-forensics 0.1.1 from PyPI).

Run it through scripts/ancestor-forensics-parity, which reuses the virtualenv of
scripts/ancestor-parity (.venv-parity/) and sets REGRESS_GATE. By hand:

    REGRESS_GATE=/abs/path/regress-gate .venv-parity/bin/python scripts/ancestor_forensics_parity.py [options]

For every case, in a fresh temporary directory (the ancestor reads and writes relative
paths under data/), logs are written with the ancestor's own logger.log_step (explicit
timestamps spread over days, runs in time order; error types from its maps, upper-case
variants, unknown ones and none; a step outside its maps; repeated queries, some with
surrounding spaces, empty, or the simulator's "Simulated ..." placeholders). Then:

  analyze     forensics.analyze_run(run_id) for every run and get_failed_runs(limit=all)
              vs `analyze --limit 0 --format json`: the same failed runs, in the same
              order (latest first), each with the same category, root-cause step and
              failed steps; runs that did not fail are NONE (checked with `--run` on two).
  candidates  eval_collector.collect_candidates() vs `candidates --output FILE`: the same
              lines, byte for byte (same queries, counts, categories, first/last seen,
              eligibility, in the same order).
  compare     ab_report.generate_ab_report("v1", "v2") vs `compare --a v1 --b v2 --format
              json`: summary, step_breakdown and raw_stats equal (rates within 1e-9 unless
              Python's round() and ours differ at an exact half, which is reported). When a
              version has no records the ancestor reports zeros; ours must exit 2.
  trend       pattern.daily_failure_rates(N) with the clock pinned to the day after the
              latest day vs `trend --days N --format json`: the same days, and per day the
              same totals, failures and per-step counts; rates within 0.00005 (the
              ancestor rounds to 4 places). Also baseline.get_moving_average(7) after
              sync_from_pattern: the same moving average (within 0.0001) and trend label.

Timestamps with offsets other than +00:00 ("offsets" cases): the ancestor cuts its window
at an instant (now - N days) and orders runs by the timestamp text; we count calendar days
by the date as written and order by instant. Those cases compare the days with a window
wide enough to hold every day, and the failed runs as a set (order not compared).

Prints one line per case and check, then "N passed, N failed"; exits 1 if any failed.
"""

import argparse
import importlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

try:
    logger = importlib.import_module("failure_forensics.logger")
    forensics = importlib.import_module("failure_forensics.forensics")
    eval_collector = importlib.import_module("failure_forensics.eval_collector")
    pattern = importlib.import_module("failure_forensics.pattern")
    baseline = importlib.import_module("failure_forensics.baseline")
    ab_report = importlib.import_module("failure_forensics.ab_report")
except ImportError as error:
    sys.exit(f"cannot import the ancestor (failure-forensics 0.1.1): {error}")

STEPS = ["retrieval", "reranking", "generation", "citation"]
ERRORS = {
    "retrieval": ["no_results", "low_score", "Timeout", "HTTP_503", None],
    "reranking": ["json_parse", "rerank_failed", "429", "KeyError"],
    "generation": ["hallucination", "empty_response", "rate_limit", "api_error", "", "ValueError"],
    "citation": ["no_citation", "citation_missing", "timeout_then_no_citation"],
    "postprocess": ["FormatError", None, "no_results"],
}
QUERIES = [
    "How do I rotate my API key?", "İki faktörlü doğrulamayı nasıl sıfırlarım?", "Wie ändere ich die Rechnungsadresse?",
    "APIキーを再発行するには？", "如何导出所有项目数据？", "export keeps failing 😤", 'path "C:\\Users\\me" fails',
    "tab\there and newline\nthere", "  padded query  ", "padded query", "Simulated query 3", "", "Café résumé",
]
OFFSETS = [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]


def make_case(seed, runs, days, offsets):
    rng = random.Random(f"{seed}:{runs}:{days}:{offsets}")
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    span = days * 86400
    starts = sorted(rng.uniform(0, span) for _ in range(runs))
    plan = []
    for n, t in enumerate(starts):
        version = rng.choice(["v1", "v2", "v3"] if rng.random() < 0.3 else ["v1", "v2"])
        p_fail = 0.12 if version == "v1" else 0.07
        steps = STEPS + (["postprocess"] if rng.random() < 0.2 else [])
        run_id = f"{rng.getrandbits(32):08x}"
        query = rng.choice(QUERIES)
        records = []
        now = start + timedelta(seconds=t)
        tz = rng.choice(OFFSETS) if offsets else timezone.utc
        for step in steps:
            ok = rng.random() >= p_fail
            error = None if ok else rng.choice(ERRORS[step])
            stamp = now.astimezone(tz)
            if rng.random() < 0.1:
                stamp = stamp.replace(microsecond=0)
            records.append((run_id, step, ok, error, query, version, stamp.isoformat()))
            now += timedelta(milliseconds=rng.uniform(5, 3000))
            if not ok and rng.random() < 0.7:
                break
        plan.append(records)
    return plan


def write_logs(plan):
    for records in plan:
        for run_id, step, ok, error, query, version, stamp in records:
            logger.log_step(run_id, step, ok, latency_ms=12.5, token_count=0, input_summary=query,
                            output_summary="ok" if ok else f"{error}", error_type=error,
                            prompt_version=version, timestamp=stamp)


def tool(*args):
    proc = subprocess.run([os.environ["REGRESS_GATE"], *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"regress-gate {' '.join(args[:1])} exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    return proc.stdout


LOGS = "data/logs/requests.jsonl"


def check_analyze(ordered):
    problems = []
    ours = json.loads(tool("analyze", "--logs", LOGS, "--limit", "0", "--format", "json"))["runs"]
    theirs = forensics.get_failed_runs(limit=10**9)
    if ordered:
        if [r["run_id"] for r in ours] != [r["run_id"] for r in theirs]:
            problems.append("failed runs or their order differ")
    elif sorted(r["run_id"] for r in ours) != sorted(r["run_id"] for r in theirs):
        problems.append("failed runs differ")
    by_id = {r["run_id"]: r for r in ours}
    for t in theirs:
        o = by_id.get(t["run_id"])
        if o is None:
            continue
        if o["category"] != t["category"]:
            problems.append(f"run {t['run_id']}: category {o['category']}, ancestor {t['category']}")
        if o["failed_steps"] != t["failed_steps"]:
            problems.append(f"run {t['run_id']}: failed steps {o['failed_steps']}, ancestor {t['failed_steps']}")
        if o["root_cause_step"] != t["failed_steps"][0]:
            problems.append(f"run {t['run_id']}: root cause step {o['root_cause_step']}")
    all_ids = list(dict.fromkeys(r["run_id"] for r in logger.read_logs()))
    ok_ids = [rid for rid in all_ids if rid not in by_id][:2]
    for rid in ok_ids:
        if forensics.analyze_run(rid)["category"] != "NONE":
            problems.append(f"harness: ancestor says {rid} failed")
        mine = json.loads(tool("analyze", "--logs", LOGS, "--run", rid, "--format", "json"))["runs"][0]["category"]
        if mine != "NONE":
            problems.append(f"run {rid}: ours {mine}, ancestor NONE")
    counts = {}
    for t in theirs:
        counts[t["category"]] = counts.get(t["category"], 0) + 1
    return problems, f"{len(theirs)} failed runs, categories {dict(sorted(counts.items()))}"


def check_candidates():
    eval_collector.collect_candidates()
    with open(eval_collector.EVAL_CANDIDATES_FILE, encoding="utf-8") as f:
        theirs = f.read()
    tool("candidates", "--logs", LOGS, "--output", "ours.jsonl")
    with open("ours.jsonl", encoding="utf-8") as f:
        ours = f.read()
    problems = []
    if ours != theirs:
        a, b = ours.splitlines(), theirs.splitlines()
        first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        problems.append(f"{len(a)} lines vs ancestor's {len(b)}; first difference at line {first + 1}: "
                        f"{a[first][:120] if first < len(a) else '(none)'} | {b[first][:120] if first < len(b) else '(none)'}")
    lines = [json.loads(x) for x in theirs.splitlines()]
    eligible = sum(1 for x in lines if x["auto_add_eligible"])
    return problems, f"{len(lines)} candidates, {eligible} eligible, byte-identical" if not problems else ""


def close(a, b, tol):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= tol


def check_compare():
    present = {r.get("prompt_version") for r in logger.read_logs()}
    if not {"v1", "v2"} <= present:
        # The ancestor reports a missing version as zeros; we refuse (fail closed) with exit 2.
        proc = subprocess.run([os.environ["REGRESS_GATE"], "compare", "--logs", LOGS, "--a", "v1", "--b", "v2"],
                              capture_output=True, text=True)
        if proc.returncode != 2 or "no records for version" not in proc.stderr:
            return [f"a version without records: ours exited {proc.returncode}, want 2"], ""
        return [], "a version has no records: the ancestor reports zeros, ours exits 2"
    theirs = ab_report.generate_ab_report("v1", "v2")
    ours = json.loads(tool("compare", "--logs", LOGS, "--a", "v1", "--b", "v2", "--format", "json"))
    problems, halves = [], []

    def same(path, a, b, tol):
        if isinstance(b, dict):
            if not isinstance(a, dict) or set(a) != set(b):
                problems.append(f"{path}: keys {sorted(a) if isinstance(a, dict) else a} vs {sorted(b)}")
                return
            for k in b:
                same(f"{path}.{k}", a[k], b[k], tol)
        elif isinstance(b, float) or isinstance(a, float):
            if not close(a, b, 1e-9):
                if close(a, b, tol):
                    halves.append(path)
                else:
                    problems.append(f"{path}: {a} vs ancestor {b}")
        elif a != b:
            problems.append(f"{path}: {a!r} vs ancestor {b!r}")

    for key in ("summary", "step_breakdown", "raw_stats"):
        same(key, ours.get(key), theirs[key], 0.0100001)
    note = f"winner {theirs['summary']['winner']} ({theirs['summary']['improvement_pct']} pp); ours with evidence: {ours['evidence']['winner']}"
    if halves:
        note += f"; round-half differences at {halves}"
    return problems, note


class PinnedClock(datetime):
    pinned = None

    @classmethod
    def now(cls, tz=None):
        return cls.pinned


def check_trend(days, wide):
    problems = []
    records = logger.read_logs()
    latest = max(datetime.fromisoformat(r["timestamp"]).date() for r in records)
    ours = json.loads(tool("trend", "--logs", LOGS, "--days", str(days), "--format", "json"))
    if ours["as_of"] != latest.isoformat():
        problems.append(f"as_of {ours['as_of']}, latest day {latest}")
    PinnedClock.pinned = datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc) + timedelta(days=1)
    saved = pattern.datetime
    pattern.datetime = PinnedClock
    try:
        theirs = pattern.daily_failure_rates(days + 2 if wide else days)
    finally:
        pattern.datetime = saved
    mine = {d["date"]: d for d in ours["days"]}
    if wide:
        first = min(mine)
        theirs = {k: v for k, v in theirs.items() if k >= first}
    if sorted(mine) != sorted(theirs):
        problems.append(f"days {sorted(mine)} vs ancestor {sorted(theirs)}")
    for day, t in theirs.items():
        o = mine.get(day)
        if o is None:
            continue
        if (o["total"], o["failed"]) != (t["total"], t["failed"]):
            problems.append(f"{day}: {o['failed']}/{o['total']} vs ancestor {t['failed']}/{t['total']}")
        if not close(o["failure_rate"], t["failure_rate"], 0.00005 + 1e-12):
            problems.append(f"{day}: rate {o['failure_rate']} vs ancestor {t['failure_rate']}")
        steps = {k: (v["total"], v["failed"]) for k, v in o["steps"].items()}
        if steps != {k: (v["total"], v["failed"]) for k, v in t["steps"].items()}:
            problems.append(f"{day}: per-step counts differ")
    note = f"{len(theirs)} days"
    if not wide and days == 7 and len(theirs) == 7:
        baseline.sync_from_pattern(theirs)
        moving = baseline.get_moving_average(7)
        if not close(ours["moving_average_rate"], moving["moving_avg"], 0.0001):
            problems.append(f"moving average {ours['moving_average_rate']} vs ancestor {moving['moving_avg']}")
        if ours["trend"] != moving["trend"]:
            edge = min(abs(moving["trend_delta"] - 0.05), abs(moving["trend_delta"] + 0.05)) < 0.0002
            (problems if not edge else []).append(f"trend {ours['trend']} vs ancestor {moving['trend']}")
        note += f", moving average {moving['moving_avg']}, trend {moving['trend']}"
    return problems, note


def run_case(name, plan, offsets, days, keep):
    workdir = tempfile.mkdtemp(prefix="forensics-parity-")
    old = os.getcwd()
    os.chdir(workdir)
    results = []
    try:
        write_logs(plan)
        for check, call in (("analyze", lambda: check_analyze(ordered=not offsets)),
                            ("candidates", check_candidates),
                            ("compare", check_compare),
                            ("trend", lambda: check_trend(days, wide=offsets))):
            try:
                problems, note = call()
            except Exception as error:  # a crash on either side fails the check, not the run
                problems, note = [f"{type(error).__name__}: {error}"], ""
            results.append((check, problems, note))
    finally:
        os.chdir(old)
        if keep:
            print(f"    (kept {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser(description="regress-gate forensics vs failure-forensics 0.1.1")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated")
    parser.add_argument("--sizes", default="5,40,300,1500", help="runs per case, comma-separated")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not os.path.isabs(os.environ.get("REGRESS_GATE", "")):
        sys.exit("REGRESS_GATE must be an absolute path (scripts/ancestor-forensics-parity sets it)")
    cases = []
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            cases.append((f"seed={seed} runs={size} days=7 utc", make_case(seed, size, 7, False), False, 7))
            cases.append((f"seed={seed} runs={size} days=10 window=3 utc", make_case(seed, size, 10, False), False, 3))
        cases.append((f"seed={seed} runs=400 days=9 offsets", make_case(seed, 400, 9, True), True, 9))
    started = time.monotonic()
    passed = failed = 0
    for name, plan, offsets, days in cases:
        for check, problems, note in run_case(name, plan, offsets, days, args.keep):
            if problems:
                failed += 1
                print(f"FAIL     {name} {check}: {'; '.join(problems[:5])}", flush=True)
            else:
                passed += 1
                print(f"ok       {name} {check}: {note}", flush=True)
    print(f"({len(cases)} cases in {time.monotonic() - started:.1f} s, tool: {os.environ['REGRESS_GATE']})")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
