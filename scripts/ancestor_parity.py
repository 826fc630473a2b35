"""ancestor_parity.py: compare regress-gate's `check --policy thresholds` with the ancestor's guard.

Run it through scripts/ancestor-parity, which makes the virtualenv holding the
ancestor (failure-forensics 0.1.1 from PyPI) and sets REGRESS_GATE. By hand:

    REGRESS_GATE=/abs/path/regress-gate .venv-parity/bin/python scripts/ancestor_parity.py [options]

For every case, in a fresh temporary directory (the ancestor's logger writes to
the relative path data/logs/requests.jsonl):
  1. write a log with the ancestor's own logger.log_step (versions v1, v2, v3,
     random failure probabilities per version and step, some runs stopping early);
  2. call the ancestor's regression_guard.check_regression("v3", baseline_version="v2");
  3. run `$REGRESS_GATE baseline update --logs data/logs/requests.jsonl --version v2
     --baseline base.json` and `$REGRESS_GATE check --baseline base.json --logs
     data/logs/requests.jsonl --candidate v3 --policy thresholds --format json`;
  4. compare verdict, overall rates (within 0.0001), delta (within 0.02 pp), worst
     step, counts, per-step rates and exit code (1 exactly on REGRESSION_DETECTED).

The ancestor subtracts failure rates already rounded to 4 places, in floating
point; regress-gate decides exactly, in integers: 100*(x1*n0 - x0*n1) > T*n0*n1.
Where the exact delta lies within 0.02 pp of 5 or 10 pp the two may disagree. Such
a case is "boundary": regress-gate must then agree with the exact rule, and a
disagreement with the ancestor is reported and counted as skipped, not failed.
(A tool that copies the ancestor's float arithmetic therefore fails the hand-made
boundary cases: that is the point of them.) The worst step is the step whose
failure rate rose most. Where the largest increases tie within the ancestor's
rounding, naming another of the tied steps is also "boundary". Where no step got
worse, the ancestor still names the step that improved least (it prints it only
when it rose), so there ours may name any such step or none (null).

Prints one line per case, then "N passed, N failed" (", N skipped" if any) and
exits 1 if any case failed.
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
from fractions import Fraction

try:
    # import_module, not `from failure_forensics import regression_guard`: the package's
    # __init__ rebinds that name to the check_regression function, hiding the module.
    ancestor_logger = importlib.import_module("failure_forensics.logger")
    ancestor_guard = importlib.import_module("failure_forensics.regression_guard")
    ancestor_versioning = importlib.import_module("failure_forensics.versioning")
except ImportError as error:  # the wrapper checks this first; keep a clear message anyway
    sys.exit(f"cannot import the ancestor (failure-forensics 0.1.1): {error}")

STEPS = ["retrieval", "reranking", "generation", "citation"]
STEP_ERRORS = {
    "retrieval": ["no_results", "low_score", "timeout", "503"],
    "reranking": ["json_parse", "rerank_failed", "429"],
    "generation": ["hallucination", "empty_response", "rate_limit", "timeout"],
    "citation": ["no_citation", "citation_missing"],
}
QUERIES = [
    "How do I rotate my API key?", "İki faktörlü doğrulamayı nasıl sıfırlarım?",
    "Wie ändere ich die Rechnungsadresse?", "APIキーを再発行するには？", "如何导出所有项目数据？",
    "export keeps failing 😤", 'path "C:\\Users\\me" fails', "tab\there and newline\nthere",
    "pasted\u2028text", "Café résumé",
]
VERDICTS = ("PASS", "WARNING", "REGRESSION_DETECTED")
RATE_TOLERANCE = 0.0001 + 1e-9
DELTA_TOLERANCE_PP = 0.02 + 1e-9
BOUNDARY_ZONE_PP = Fraction(2, 100)
TIE_TOLERANCE = Fraction(1, 10000)  # two rates rounded to 4 places: each off by 0.00005 at most
DEFAULT_SIZES = [1, 3, 10, 20, 50, 100, 300, 1000, 3000]
DEFAULT_SEEDS = [1, 2, 3, 4, 5]


# --- cases: each is a list of runs (version, [(step, success), ...]) ---------------

def random_case(seed, size):
    """`size` runs per version with random failure probabilities; v3 often worse."""
    rng = random.Random(f"{seed}:{size}")
    runs = []
    for version in ["v1", "v2", "v3"]:
        p_fail = {step: rng.uniform(0.0, 0.3) for step in STEPS}
        if version == "v3" and rng.random() < 0.6:
            for step in rng.sample(STEPS, rng.randint(1, 2)):
                p_fail[step] = min(1.0, p_fail[step] + rng.uniform(0.0, 0.35))
        p_stop = rng.uniform(0.3, 1.0)  # a run ends at a failed step with this probability
        for _ in range(size):
            steps = []
            for step in STEPS:
                ok = rng.random() >= p_fail[step]
                steps.append((step, ok))
                if not ok and rng.random() < p_stop:
                    break
            runs.append((version, steps))
    rng.shuffle(runs)  # versions interleave in the log, as in a shared deployment
    return runs, rng


def counted_runs(version, failed, total, step_plan=STEPS):
    """Runs holding exactly `total` steps of which `failed` fail (the first ones), no early stop."""
    runs, done = [], 0
    while done < total:
        steps = []
        for step in step_plan[: min(len(step_plan), total - done)]:
            steps.append((step, done >= failed))
            done += 1
        runs.append((version, steps))
    return runs


def per_step_runs(version, rates):
    """One run per index; `rates` maps step -> (failed, total); steps with fewer rows end runs early."""
    longest = max(total for _, total in rates.values())
    runs = []
    for i in range(longest):
        steps = [(step, i >= failed) for step, (failed, total) in rates.items() if i < total]
        runs.append((version, steps))
    return runs


def constructed_cases():
    """Hand-made cases at the exact thresholds, ties and edges. (name, runs, note)."""
    v1 = counted_runs("v1", 2, 12)
    return [
        ("boundary-5pp-float", v1 + counted_runs("v2", 3, 20) + counted_runs("v3", 4, 20),
         "3/20 -> 4/20 steps: exactly +5 pp; float 0.2-0.15 = 0.05000000000000002"),
        ("boundary-10pp-float", v1 + counted_runs("v2", 3, 10) + counted_runs("v3", 4, 10),
         "3/10 -> 4/10 steps: exactly +10 pp; float 0.4-0.3 = 0.10000000000000003"),
        ("boundary-5pp-exact-agree", v1 + counted_runs("v2", 2, 20) + counted_runs("v3", 3, 20),
         "2/20 -> 3/20 steps: exactly +5 pp; float 0.15-0.1 = 0.04999999999999999, both PASS"),
        ("boundary-rounding-up", v1 + counted_runs("v2", 35, 39) + counted_runs("v3", 18, 19),
         "35/39 -> 18/19: exact +4.993 pp, rounded rates 0.8974 -> 0.9474 give +5.000000000000004"),
        ("boundary-rounding-down", v1 + counted_runs("v2", 10, 23) + counted_runs("v3", 16, 33),
         "10/23 -> 16/33: exact +5.007 pp, rounded rates 0.4348 -> 0.4848 give +4.999999999999999"),
        ("worst-step-float-tie",
         v1 + per_step_runs("v2", {"retrieval": (2, 20), "reranking": (0, 20),
                                   "generation": (1, 20), "citation": (0, 20)})
         + per_step_runs("v3", {"retrieval": (3, 20), "reranking": (0, 20),
                                "generation": (2, 20), "citation": (0, 20)}),
         "retrieval 0.10->0.15 and generation 0.05->0.10 tie at +5 pp; float says generation"),
        ("worst-step-none", v1 + [("v2", [("retrieval", False)])] + [("v3", [("retrieval", True)])],
         "every candidate step improves by exactly 100 pp: the ancestor names no worst step"),
        ("new-step-in-candidate",
         v1 + counted_runs("v2", 1, 20, ["retrieval", "generation"])
         + counted_runs("v3", 1, 20, ["retrieval", "generation", "citation"]),
         "citation only in the candidate: the ancestor takes its baseline rate as 0"),
        ("no-candidate-records", v1 + counted_runs("v2", 3, 20), "no v3 records: ancestor ERROR, ours must exit 2"),
    ]


# --- running both sides ------------------------------------------------------------

def write_with_ancestor(runs, rng):
    """Log every step with the ancestor's own logger (cwd must be the case directory)."""
    run_ids = set()
    for version, steps in runs:
        run_id = f"{rng.getrandbits(32):08x}"
        while run_id in run_ids:
            run_id = f"{rng.getrandbits(32):08x}"
        run_ids.add(run_id)
        query = rng.choice(QUERIES)
        for step, ok in steps:
            error = None if ok else rng.choice(STEP_ERRORS[step] if step in STEP_ERRORS else ["api_error"])
            ancestor_logger.log_step(
                run_id, step, ok,
                latency_ms=rng.uniform(5, 3000), token_count=rng.randint(0, 4000),
                input_summary=query, output_summary="ok" if ok else f"{error}: failed",
                error_type=error, prompt_version=version, model_name="gemini-flash-latest")


def exact_counts(runs, version):
    """Independent tally of the planned runs: steps, failed, runs, per-step [failed, total]."""
    steps = failed = count = 0
    per_step = {}
    for v, run in runs:
        if v != version:
            continue
        count += 1
        for step, ok in run:
            steps += 1
            failed += not ok
            tally = per_step.setdefault(step, [0, 0])
            tally[0] += not ok
            tally[1] += 1
    return {"steps": steps, "failed": failed, "runs": count, "per_step": per_step}


def exact_verdict(delta):
    return "REGRESSION_DETECTED" if delta > 10 else "WARNING" if delta > 5 else "PASS"


def run_tool(tool, *args):
    proc = subprocess.run([tool, *args], capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


# --- comparing ---------------------------------------------------------------------

def compare(name, note, runs, ancestor, stats, ours_exit, ours_out, ours_err, update):
    """Returns (status, message); status is 'ok', 'boundary' or 'FAIL'."""
    problems, remarks = [], []
    base, cand = exact_counts(runs, "v2"), exact_counts(runs, "v3")

    # Sanity: the ancestor read back what we planned.
    for version, mine in (("v2", base), ("v3", cand)):
        theirs = stats.get(version)
        if mine["steps"] and (theirs is None or (theirs["total_steps"], theirs["failed_steps"], theirs["runs"])
                              != (mine["steps"], mine["failed"], mine["runs"])):
            problems.append(f"harness: ancestor's counts for {version} differ from the plan")

    if update[0] != 0:
        return "FAIL", f"baseline update exited {update[0]}: {update[2].strip()[:200]}"

    if ancestor["status"] == "ERROR":
        if ours_exit == 2:
            return "ok", f"ancestor ERROR ({ancestor['message']}), ours exit 2"
        return "FAIL", f"ancestor ERROR, ours exited {ours_exit} (want 2): {ours_err.strip()[:200]}"

    try:
        ours = json.loads(ours_out)
    except ValueError:
        return "FAIL", f"exit {ours_exit}, stdout is not JSON: {ours_out[:120]!r} {ours_err.strip()[:200]}"

    delta = Fraction(100 * (cand["failed"] * base["steps"] - base["failed"] * cand["steps"]),
                     base["steps"] * cand["steps"])
    exact = exact_verdict(delta)
    boundary = min(abs(delta - 5), abs(delta - 10)) <= BOUNDARY_ZONE_PP
    status = "ok"

    def get(path):
        value = ours
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                problems.append(f"our JSON has no {path}")
                return None
            value = value[key]
        return value

    # Verdict and exit code.
    verdict = get("verdict")
    if verdict not in VERDICTS:
        problems.append(f"verdict {verdict!r}")
    elif verdict != exact:
        problems.append(f"verdict {verdict}, exact rule says {exact} (delta {float(delta):.4f} pp)")
    elif verdict != ancestor["status"]:
        if boundary:
            status = "boundary"
            remarks.append(f"ancestor {ancestor['status']}, ours {verdict}: exact delta {float(delta):.6f} pp")
        else:
            problems.append(f"verdict {verdict}, ancestor {ancestor['status']}")
    if not boundary and exact != ancestor["status"]:
        problems.append(f"harness: exact rule {exact} and ancestor {ancestor['status']} differ off the boundary")
    want_exit = 1 if verdict == "REGRESSION_DETECTED" else 0
    if ours_exit != want_exit:
        problems.append(f"exit {ours_exit} for {verdict} (want {want_exit})")

    # Overall rates, delta, counts.
    for side, rate_key, mine in (("baseline", "base_rate", base), ("candidate", "new_rate", cand)):
        rate = get(f"{side}.failure_rate")
        if isinstance(rate, (int, float)) and abs(rate - ancestor[rate_key]) > RATE_TOLERANCE:
            problems.append(f"{side}.failure_rate {rate} vs ancestor {ancestor[rate_key]}")
        for key in ("steps", "failed", "runs"):
            value = get(f"{side}.{key}")
            if value is not None and value != mine[key]:
                problems.append(f"{side}.{key} {value}, want {mine[key]}")
    delta_pp = get("delta_pp")
    if isinstance(delta_pp, (int, float)) and abs(delta_pp - ancestor["delta_pct"]) > DELTA_TOLERANCE_PP:
        problems.append(f"delta_pp {delta_pp} vs ancestor {ancestor['delta_pct']}")

    # Worst step: the step with the largest increase of its failure rate.
    def step_delta(step):
        f1, n1 = cand["per_step"][step]
        f0, n0 = base["per_step"].get(step, (0, 0))
        return Fraction(f1, n1) - (Fraction(f0, n0) if n0 else 0)

    deltas = {step: step_delta(step) for step in cand["per_step"]}
    top = max(deltas.values())
    tied = [s for s, d in deltas.items() if top - d <= TIE_TOLERANCE]
    worst, theirs = get("worst_step"), ancestor["worst_step"]
    if "worst_step" in ours and worst != theirs:
        if ancestor["worst_step_delta_pct"] <= 0 and (worst is None or worst in tied):
            remarks.append(f"no step got worse: ancestor names {theirs}, ours {worst}")
        elif worst in tied and (theirs in tied or theirs is None):
            status = "boundary"
            remarks.append(f"worst-step tie {tied}: ancestor {theirs}, ours {worst}")
        else:
            problems.append(f"worst_step {worst!r}, ancestor {theirs!r}")

    # Per-step rates, where the ancestor has them.
    rows = get("steps")
    if isinstance(rows, list):
        by_step = {row.get("step"): row for row in rows if isinstance(row, dict)}
        for step, (f1, n1) in cand["per_step"].items():
            row = by_step.get(step)
            if row is None:
                problems.append(f"steps has no row for {step}")
                continue
            for key, counts in (("candidate_rate", (f1, n1)), ("baseline_rate", base["per_step"].get(step))):
                value = row.get(key)
                if counts is None:  # a step the baseline never ran: ancestor uses 0, ours may say null
                    if value not in (None, 0, 0.0):
                        problems.append(f"{step}.{key} {value} for a step absent from the baseline")
                elif not isinstance(value, (int, float)) or abs(value - counts[0] / counts[1]) > RATE_TOLERANCE:
                    problems.append(f"{step}.{key} {value}, want {counts[0] / counts[1]:.4f}")

    summary = (f"ours {verdict}, ancestor {ancestor['status']}; {ancestor['base_rate']:.4f} -> "
               f"{ancestor['new_rate']:.4f} ({ancestor['delta_pct']:+.2f} pp); worst {theirs}; exit {ours_exit}")
    if problems:
        return "FAIL", "; ".join(problems) + f"  [{summary}]"
    tail = f"  ({'; '.join(remarks)})" if remarks else ""
    if note:
        tail += f"  -- {note}"
    return status, summary + tail


def run_case(name, note, runs, rng, tool, keep):
    workdir = tempfile.mkdtemp(prefix="parity-")
    old_cwd = os.getcwd()
    os.chdir(workdir)
    try:
        write_with_ancestor(runs, rng)
        ancestor = ancestor_guard.check_regression("v3", baseline_version="v2")
        stats = ancestor_versioning.version_stats()
        logs = "data/logs/requests.jsonl"
        update = run_tool(tool, "baseline", "update", "--logs", logs, "--version", "v2", "--baseline", "base.json")
        code, out, err = run_tool(tool, "check", "--baseline", "base.json", "--logs", logs, "--candidate", "v3",
                                  "--policy", "thresholds", "--format", "json",
                                  "--allow-case-set-change")   # each run draws its query: the ancestor knows no eval set
        return compare(name, note, runs, ancestor, stats, code, out, err, update)
    except Exception as error:  # a crash on either side is a failed case, not a dead run
        return "FAIL", f"{type(error).__name__}: {error}"
    finally:
        os.chdir(old_cwd)
        if keep:
            print(f"    (kept {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="regress-gate vs failure-forensics 0.1.1 parity")
    parser.add_argument("--seeds", default=",".join(map(str, DEFAULT_SEEDS)), help="comma-separated")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="runs per version, comma-separated")
    parser.add_argument("--no-constructed", action="store_true", help="random cases only")
    parser.add_argument("--keep", action="store_true", help="keep each case's directory")
    args = parser.parse_args()
    tool = os.environ.get("REGRESS_GATE")
    if not tool or not os.path.isabs(tool):
        sys.exit("REGRESS_GATE must be an absolute path (scripts/ancestor-parity sets it)")

    cases = []
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            runs, rng = random_case(seed, size)
            cases.append((f"random seed={seed} runs={size}", "", runs, rng))
    if not args.no_constructed:
        for name, runs, note in constructed_cases():
            cases.append((name, note, runs, random.Random(name)))

    started = time.monotonic()
    tally = {"ok": 0, "FAIL": 0, "boundary": 0}
    for name, note, runs, rng in cases:
        status, message = run_case(name, note, runs, rng, tool, args.keep)
        tally[status] += 1
        print(f"{status:8} {name}: {message}", flush=True)
    elapsed = time.monotonic() - started
    print(f"({len(cases)} cases in {elapsed:.1f} s, tool: {tool})")
    line = f"{tally['ok']} passed, {tally['FAIL']} failed"
    if tally["boundary"]:
        line += f", {tally['boundary']} skipped"
    print(line)
    sys.exit(1 if tally["FAIL"] else 0)


if __name__ == "__main__":
    main()
