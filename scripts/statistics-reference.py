#!/usr/bin/env python3
"""Generate fixtures/statistics/reference.json, the reference values that the
Swift tests in Tests/RegressionKitTests/Statistics check against.

Run from anywhere: `python3 scripts/statistics-reference.py`. Needs numpy,
scipy, statsmodels and mpmath (`pip install statsmodels mpmath`). The output is
deterministic: fixed inputs and fixed seeds, floats written with Python's
shortest round-trip repr, keys sorted; re-running rewrites the file
byte-identically (for the same library versions, which are recorded in the file).

Conventions (shared with the Swift code):
* "baseline" is side 0, "candidate" is side 1; differences are candidate minus
  baseline, so positive means the candidate is worse (fails more / is slower).
* Interval functions take a normal deviate z; each bound is one-sided at level
  Phi(z). Where a case lists "alpha", z = norm.ppf(1 - alpha) and the two-sided
  statsmodels alpha is 2 * alpha. The clustered cases list only alpha: their
  critical value is a t quantile that depends on the data's degrees of freedom.
* Large samples are not stored: they are produced by the "modular" generator
  value_i = ((i * multiplier + increment) % modulus) / divisor, i = 0..count-1,
  which integer arithmetic plus one correctly rounded division makes identical
  in Python and Swift.

Sources of truth:
* Fisher: scipy.stats.fisher_exact(alternative='greater') on
  [[x1, n1 - x1], [x0, n0 - x0]], cross-checked against exact rational
  arithmetic (fractions + math.comb).
* McNemar: scipy.stats.binomtest(b, b + c, 0.5, alternative='greater'),
  cross-checked against exact rational arithmetic.
* Normal: scipy.stats.norm.
* Student t: scipy.stats.t (cdf, sf, ppf), each value cross-checked to 1e-12
  relative against mpmath's regularized incomplete beta at 40 digits.
* Wilson: statsmodels proportion_confint(method='wilson').
* Newcombe unpaired: statsmodels confint_proportions_2indep(method='newcomb'),
  plus published anchors of Newcombe (1998a), method 10.
* Newcombe paired: statsmodels has no paired Newcombe, so `newcombe_paired`
  below implements method 10 of Newcombe (1998b) from the published formula,
  and it is checked against the method-10 rows of that paper's Table III
  (z = 1.96, four decimals) as transcribed in public sources (the paper itself
  was not available to this script's author).
* Holm: statsmodels multipletests(method='holm').
* Mann-Whitney: scipy.stats.mannwhitneyu(y, x, alternative='greater',
  method='asymptotic', use_continuity=True).
* Hodges-Lehmann: numpy, by sorting all pairwise differences.
* Clustered differences: numpy, straight from the formulas of Miller (2024),
  referred to scipy.stats.t with k - 1 degrees of freedom (paired, k cases)
  or min(k0, k1) - 1 (unpaired, k0 and k1 clusters).
* Sample size: the same doubling-then-bisection search, with statsmodels'
  Newcombe interval as the bound.
"""

import json
import math
import pathlib
from fractions import Fraction

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "statistics" / "reference.json"


def z_of(alpha):
    return float(stats.norm.ppf(1 - alpha))


def relative_gap(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


# --------------------------------------------------------------------------- normal

def normal_cases():
    ps = [1e-300, 1e-100, 1e-20, 1e-12, 1e-11, 1.3e-11, 1e-8, 1e-5, 0.001, 0.01, 0.025, 0.05,
          0.0749, 0.075, 0.0751, 0.1, 0.3, 0.5, 0.6, 0.9, 0.925, 0.95, 0.975, 0.99, 0.999,
          1 - 1e-8, 1 - 1e-12]
    xs = [-37.0, -20.0, -8.0, -3.0, -1.959963984540054, -1.0, -0.5, 0.0, 0.3, 1.0,
          1.6448536269514722, 2.0, 5.0, 8.0, 10.0]
    return {
        "quantile": [{"p": p, "x": float(stats.norm.ppf(p))} for p in ps],
        "cdf": [{"x": x, "cdf": float(stats.norm.cdf(x)), "survival": float(stats.norm.sf(x))} for x in xs],
    }


# --------------------------------------------------------------------------- Student t

T_DEGREES = [1, 1.5, 2, 2.5, 3, 4, 5, 7.3, 9, 10, 19, 29, 30, 50, 100, 1000, 1e5]


def t_survival_mp(x, nu):
    """P(T > x) at 40 digits: I_w(nu/2, 1/2) / 2 with w = nu / (nu + x^2) (A&S 26.7.1)."""
    with mpmath.workdps(40):
        x, nu, half = mpmath.mpf(x), mpmath.mpf(nu), mpmath.mpf(1) / 2
        if x == 0:
            return half
        if x > 0:
            return mpmath.betainc(nu / 2, half, 0, nu / (nu + x * x), regularized=True) / 2
        return (1 + mpmath.betainc(half, nu / 2, 0, x * x / (nu + x * x), regularized=True)) / 2


def student_t_cases():
    xs = [-1e6, -50.0, -10.0, -3.0, -1.5, -0.1, -1e-3, -1e-8, 0.0, 1e-8, 1e-3, 0.3, 1.0, 1.6448536269514722,
          2.0, 2.5, 4.0, 8.0, 20.0, 100.0, 1e4, 1e10]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.0125, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75,
          0.9, 0.95, 0.975, 0.9875, 0.99, 0.999, 1 - 1e-8, 1 - 1e-12]
    cdf, quantile = [], []
    for nu in T_DEGREES:
        for x in xs:
            if nu == 1 and abs(x) == 1e-8:
                continue  # scipy 1.17's t.sf(1e-8, 1) is off by 3e-9 relative (mpmath: 0.5 - 1e-8 / pi)
            survival, lower = float(stats.t.sf(x, nu)), float(stats.t.cdf(x, nu))
            if min(survival, lower) < 1e-290:
                continue  # underflows: nothing to compare relative to
            assert relative_gap(survival, float(t_survival_mp(x, nu))) < 1e-12, (nu, x, survival)
            assert relative_gap(lower, float(t_survival_mp(-x, nu))) < 1e-12, (nu, x, lower)
            cdf.append({"degreesOfFreedom": nu, "x": x, "cdf": lower, "survival": survival})
        for p in ps:
            if (nu, p) == (1.5, 1e-300):
                continue  # scipy 1.17's t.ppf gives -8.2e153; mpmath: the quantile is -5.2194694273443e199
            x = float(stats.t.ppf(p, nu))
            if not math.isfinite(x):
                continue
            # The error of x is about (P(T <= x) - p) / density(x).
            with mpmath.workdps(40):
                m, v = mpmath.mpf(nu), mpmath.mpf(x)
                density = (1 + v * v / m) ** (-(m + 1) / 2) / (mpmath.sqrt(m) * mpmath.beta(m / 2, mpmath.mpf(1) / 2))
                error = (t_survival_mp(-x, nu) - p) / density
            assert abs(error) <= 1e-12 * max(1.0, abs(x)), (nu, p, x, float(error))
            quantile.append({"degreesOfFreedom": nu, "p": p, "x": x})
    return {"cdf": cdf, "quantile": quantile}


# --------------------------------------------------------------------------- Fisher

def fisher_exact_rational(x0, n0, x1, n1):
    total, failures = n0 + n1, x0 + x1
    upper = min(failures, n1)
    passes = total - failures
    if x1 > upper:
        return Fraction(0)
    # term(k) = C(K, k) C(N - K, n1 - k), stepped exactly with integer arithmetic.
    term = math.comb(failures, x1) * math.comb(passes, n1 - x1)
    numerator = 0
    for k in range(x1, upper + 1):
        numerator += term
        if k < upper:
            term = term * (failures - k) * (n1 - k) // ((k + 1) * (passes - n1 + k + 1))
    return Fraction(numerator, math.comb(total, n1))


def fisher_cases():
    tables = [  # (x0, n0, x1, n1): baseline failures/trials, candidate failures/trials
        (0, 3, 3, 3), (3, 3, 0, 3), (0, 0, 0, 0), (0, 5, 0, 5), (5, 5, 5, 5), (0, 1, 1, 1),
        (1, 10, 4, 10), (2, 20, 7, 20), (0, 10, 10, 10), (12, 50, 20, 50), (3, 100, 10, 100),
        (7, 120, 30, 400), (40, 9000, 3, 300), (30, 5000, 52, 5000), (1000, 4000, 1100, 4000),
        (50, 10000, 85, 10000), (0, 2000, 5, 2000), (150, 3000, 90, 3000), (5000, 20000, 5200, 20000),
        (20, 2500, 60, 2500), (0, 4000, 0, 4000), (1, 3000, 2999, 3000),
    ]
    cases = []
    for x0, n0, x1, n1 in tables:
        p = float(stats.fisher_exact([[x1, n1 - x1], [x0, n0 - x0]], alternative="greater")[1])
        exact = float(fisher_exact_rational(x0, n0, x1, n1))
        assert relative_gap(p, exact) < 1e-12 or abs(p - exact) < 1e-300, (x0, n0, x1, n1, p, exact)
        cases.append({"x0": x0, "n0": n0, "x1": x1, "n1": n1, "pValue": p})
    assert cases[0]["pValue"] == 0.05 or abs(cases[0]["pValue"] - 0.05) < 1e-15
    return cases


# --------------------------------------------------------------------------- McNemar

def mcnemar_cases():
    pairs = [(0, 0), (0, 5), (5, 0), (1, 0), (3, 3), (10, 2), (2, 10), (20, 10), (60, 40),
             (500, 450), (1500, 1400), (3000, 2800), (0, 3000), (12, 0)]
    cases = []
    for b, c in pairs:
        p = 1.0 if b + c == 0 else float(stats.binomtest(b, b + c, 0.5, alternative="greater").pvalue)
        exact = 1.0 if b + c == 0 else float(Fraction(sum(math.comb(b + c, k) for k in range(b, b + c + 1)), 2 ** (b + c)))
        assert relative_gap(p, exact) < 1e-12, (b, c, p, exact)
        cases.append({"b": b, "c": c, "pValue": p})
    return cases


# --------------------------------------------------------------------------- Wilson / Newcombe

def wilson_cases():
    counts = [(0, 1), (1, 1), (0, 10), (10, 10), (3, 10), (1, 29), (15, 148), (0, 20), (500, 1000), (7, 3000)]
    cases = []
    for alpha in (0.05, 0.025, 0.01, 0.001):
        for x, n in counts:
            low, high = proportion_confint(x, n, alpha=2 * alpha, method="wilson")
            cases.append({"x": x, "n": n, "alpha": alpha, "z": z_of(alpha), "low": float(low), "high": float(high)})
    return cases


def newcombe_unpaired_statsmodels(x0, n0, x1, n1, alpha):
    low, high = confint_proportions_2indep(x1, n1, x0, n0, method="newcomb", compare="diff", alpha=2 * alpha)
    return float(low), float(high)


def wilson_at_z(x, n, z):
    p, z2 = x / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return centre - half, centre + half


def newcombe_unpaired_at_z(x0, n0, x1, n1, z):
    p0, p1 = x0 / n0, x1 / n1
    l0, u0 = wilson_at_z(x0, n0, z)
    l1, u1 = wilson_at_z(x1, n1, z)
    d = p1 - p0
    return d - math.hypot(p1 - l1, u0 - p0), d + math.hypot(u1 - p1, p0 - l0)


# Newcombe (1998a), Stat Med 17:873-890, Table II, method 10, 95% (z = 1.96),
# as (candidate x1/n1, baseline x0/n0) -> (lower, upper) for x1/n1 - x0/n0.
NEWCOMBE_1998A_METHOD_10 = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
]


def newcombe_unpaired_cases():
    inputs = [  # (x0, n0, x1, n1)
        (48, 80, 56, 70), (3, 10, 9, 10), (0, 29, 5, 56), (0, 10, 0, 10), (10, 10, 10, 10),
        (0, 3, 3, 3), (3, 3, 0, 3), (5, 100, 9, 100), (30, 5000, 52, 5000), (1, 1, 0, 1),
        (250, 1000, 240, 1000), (0, 400, 2, 400), (17, 60, 3, 45),
    ]
    cases = []
    for alpha in (0.05, 0.025, 0.01):
        for x0, n0, x1, n1 in inputs:
            low, high = newcombe_unpaired_statsmodels(x0, n0, x1, n1, alpha)
            mine = newcombe_unpaired_at_z(x0, n0, x1, n1, z_of(alpha))
            assert abs(mine[0] - low) < 1e-12 and abs(mine[1] - high) < 1e-12, (x0, n0, x1, n1, mine, low, high)
            cases.append({"x0": x0, "n0": n0, "x1": x1, "n1": n1, "alpha": alpha, "z": z_of(alpha),
                          "estimate": x1 / n1 - x0 / n0, "low": low, "high": high})
    published = []
    for (x1, n1, x0, n0), (low, high) in NEWCOMBE_1998A_METHOD_10:
        mine = newcombe_unpaired_at_z(x0, n0, x1, n1, 1.96)
        assert abs(mine[0] - low) <= 1e-4 and abs(mine[1] - high) <= 1e-4, (x1, n1, x0, n0, mine)
        published.append({"x0": x0, "n0": n0, "x1": x1, "n1": n1, "z": 1.96, "low": low, "high": high})
    return cases, published


def newcombe_paired(a, b, c, d, z):
    """Newcombe (1998b) method 10, written from the paper's formula.

    a = both fail, b = only the candidate fails, c = only the baseline fails,
    d = both pass. Returns (estimate, lower, upper) for (b - c) / n.
    """
    n = a + b + c + d
    if n == 0:
        return 0.0, -1.0, 1.0
    p1, p0 = (a + b) / n, (a + c) / n
    l1, u1 = wilson_at_z(a + b, n, z)
    l0, u0 = wilson_at_z(a + c, n, z)
    if a + b == 0:
        l1 = 0.0
    if a + b == n:
        u1 = 1.0
    if a + c == 0:
        l0 = 0.0
    if a + c == n:
        u0 = 1.0
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    if margins == 0:
        phi = 0.0
    else:
        cross = a * d - b * c
        numerator = max(cross - n / 2, 0.0) if cross > 0 else cross
        phi = numerator / math.sqrt(margins)
    dl1, du1, dl0, du0 = p1 - l1, u1 - p1, p0 - l0, u0 - p0
    delta = math.sqrt(max(dl1 ** 2 - 2 * phi * dl1 * du0 + du0 ** 2, 0.0))
    epsilon = math.sqrt(max(du1 ** 2 - 2 * phi * du1 * dl0 + dl0 ** 2, 0.0))
    theta = (b - c) / n
    return theta, max(theta - delta, -1.0), min(theta + epsilon, 1.0)


# Newcombe (1998b), Stat Med 17:2635-2650, Table III, method 10 rows, z = 1.96:
# (a, b, c, d) -> (lower, upper) for (b - c) / n, four decimals as printed.
NEWCOMBE_1998B_TABLE_III_METHOD_10 = [
    ((36, 12, 2, 0), (0.0569, 0.3404)), ((20, 12, 2, 16), (0.0562, 0.3292)),
    ((18, 12, 2, 18), (0.0562, 0.3290)), ((36, 14, 0, 0), (0.1528, 0.4167)),
    ((35, 14, 0, 1), (0.1461, 0.4175)), ((18, 14, 0, 18), (0.1441, 0.3963)),
    ((2, 97, 1, 0), (0.8721, 0.9854)), ((1, 97, 1, 1), (0.8736, 0.9850)),
    ((0, 29, 1, 0), (0.6666, 0.9882)), ((2, 98, 0, 0), (0.9178, 0.9945)),
    ((1, 98, 0, 1), (0.9171, 0.9916)), ((0, 30, 0, 0), (0.8395, 1.0)),
    ((54, 0, 0, 0), (-0.0664, 0.0664)), ((53, 0, 0, 1), (-0.0729, 0.0729)),
    ((30, 0, 0, 24), (-0.0358, 0.0358)), ((29, 0, 0, 25), (-0.0354, 0.0354)),
    ((28, 0, 0, 26), (-0.0352, 0.0352)), ((27, 0, 0, 27), (-0.0351, 0.0351)),
]


def newcombe_paired_cases():
    published = []
    for (a, b, c, d), (low, high) in NEWCOMBE_1998B_TABLE_III_METHOD_10:
        _, mine_low, mine_high = newcombe_paired(a, b, c, d, 1.96)
        # The paper prints 0.8736 for (1, 97, 1, 1) where the formula gives 0.87367.
        assert abs(mine_low - low) <= 1e-4 and abs(mine_high - high) <= 1e-4, ((a, b, c, d), mine_low, mine_high)
        published.append({"a": a, "b": b, "c": c, "d": d, "z": 1.96, "low": low, "high": high})
    tables = [(20, 12, 2, 16), (36, 12, 2, 0), (27, 0, 0, 27), (5, 3, 1, 91), (0, 4, 0, 96), (10, 0, 0, 0),
              (2, 30, 5, 63), (100, 40, 25, 835), (0, 0, 7, 3), (1, 1, 7, 12), (8, 3, 1, 2), (7, 25, 2, 68),
              (300, 60, 20, 2620), (0, 1, 0, 0), (1, 0, 0, 1)]
    cases = []
    for alpha in (0.05, 0.025, 0.01):
        for a, b, c, d in tables:
            estimate, low, high = newcombe_paired(a, b, c, d, z_of(alpha))
            cases.append({"a": a, "b": b, "c": c, "d": d, "alpha": alpha, "z": z_of(alpha),
                          "estimate": estimate, "low": low, "high": high})
    return cases, published


# --------------------------------------------------------------------------- Holm

def holm_cases(rng):
    lists = [
        [0.01, 0.04, 0.03, 0.005],
        [0.5],
        [0.01, 0.01, 0.02],
        [0.2, 0.3, 0.9, 0.04, 0.001],
        [0.0, 1.0, 0.5, 0.25],
        [float(v) for v in np.round(rng.uniform(0, 0.2, size=20), 6)],
    ]
    return [{"pValues": ps, "adjusted": [float(v) for v in multipletests(ps, method="holm")[1]]} for ps in lists]


# --------------------------------------------------------------------------- samples

def modular(count, multiplier, increment, modulus, divisor):
    return {"count": count, "multiplier": multiplier, "increment": increment, "modulus": modulus, "divisor": divisor}


def generate(spec):
    return np.array([((i * spec["multiplier"] + spec["increment"]) % spec["modulus"]) / spec["divisor"]
                     for i in range(spec["count"])], dtype=np.float64)


def sample_sets(rng):
    """(name, candidate, baseline) as either inline lists or generator specs."""
    log_base = np.round(rng.normal(0.0, 0.5, size=60), 3)
    log_slow = np.round(rng.normal(0.15, 0.5, size=45), 3)
    tied_base = rng.integers(0, 6, size=40).astype(float)
    tied_cand = rng.integers(1, 7, size=35).astype(float)
    return [
        ("hand", [3.0, 4.0, 5.0], [1.0, 2.0, 3.0]),
        ("single", [2.0], [1.0]),
        ("reversed", [1.0, 2.0, 3.0, 4.0], [3.0, 5.0, 6.0, 7.0, 8.0]),
        ("log-latency", [float(v) for v in log_slow], [float(v) for v in log_base]),
        ("heavy-ties", [float(v) for v in tied_cand], [float(v) for v in tied_base]),
        ("same", [float(v) for v in log_base[:30]], [float(v) for v in log_base[:30]]),
        ("large-generated", modular(2000, 7919, 13, 2003, 100), modular(2000, 104729, 7, 1999, 100)),
        ("large-unequal", modular(1500, 31, 5, 997, 50), modular(2500, 17, 3, 1009, 50)),
    ]


def materialise(sample):
    return generate(sample) if isinstance(sample, dict) else np.array(sample, dtype=np.float64)


def mann_whitney_cases(sets):
    cases = []
    for name, cand, base in sets:
        y, x = materialise(cand), materialise(base)
        result = stats.mannwhitneyu(y, x, alternative="greater", method="asymptotic", use_continuity=True)
        cases.append({"name": name, "candidate": cand, "baseline": base,
                      "u": float(result.statistic), "pValue": float(result.pvalue)})
    return cases


def hodges_lehmann(y, x, z):
    differences = np.sort((y[:, None] - x[None, :]).ravel())
    nm = differences.size
    k = math.floor(nm / 2 - z * math.sqrt(nm * (y.size + x.size + 1) / 12))
    median = float(np.median(differences))
    if k < 1:
        return median, None, None
    return median, float(differences[k - 1]), float(differences[nm - k])


def hodges_lehmann_cases(sets):
    cases = []
    for alpha in (0.05, 0.025):
        for name, cand, base in sets:
            y, x = materialise(cand), materialise(base)
            estimate, low, high = hodges_lehmann(y, x, z_of(alpha))
            if low is None:
                continue  # unbounded at this level; the Swift tests cover that case directly
            cases.append({"name": name, "candidate": cand, "baseline": base, "alpha": alpha, "z": z_of(alpha),
                          "estimate": estimate, "low": low, "high": high})
    return cases


# --------------------------------------------------------------------------- clustered

def evidence(difference, se, df, alpha):
    if se > 0:
        p = float(stats.t.sf(difference / se, df))
    else:
        p = 0.0 if difference > 0 else 1.0
    c = float(stats.t.ppf(1 - alpha, df))
    return {"estimate": float(difference), "low": float(max(difference - c * se, -1.0)),
            "high": float(min(difference + c * se, 1.0)), "pValue": p, "degreesOfFreedom": df}


def clustered_paired(cases, alpha):
    d = np.array([c1 / r1 - c0 / r0 for r0, c0, r1, c1 in cases if r0 > 0 and r1 > 0])
    se = float(np.std(d, ddof=1) / math.sqrt(d.size))
    return evidence(float(np.mean(d)), se, d.size - 1, alpha)


def cluster_side(clusters):
    runs = np.array([r for r, _ in clusters if r > 0], dtype=float)
    fails = np.array([f for r, f in clusters if r > 0], dtype=float)
    n, k = runs.sum(), runs.size
    p = fails.sum() / n
    return p, k / (k - 1) * float(np.sum((fails - p * runs) ** 2)) / n ** 2, k


def clustered_unpaired(baseline, candidate, alpha):
    p0, v0, k0 = cluster_side(baseline)
    p1, v1, k1 = cluster_side(candidate)
    return evidence(p1 - p0, math.sqrt(v0 + v1), min(k0, k1) - 1, alpha)


def clustered_cases(rng):
    paired_sets = {
        "mixed": [[int(r0), int(rng.integers(0, r0 + 1)), int(r1), int(rng.integers(0, r1 + 1))]
                  for r0, r1 in rng.integers(1, 6, size=(25, 2))],
        "worse": [[5, int(f0), 5, int(min(5, f0 + rng.integers(0, 3)))] for f0 in rng.integers(0, 4, size=40)],
        "with-empty-case": [[3, 1, 3, 2], [0, 0, 4, 1], [4, 0, 4, 1], [2, 2, 2, 1], [5, 1, 0, 0], [3, 0, 3, 3]],
        "zero-se-worse": [[4, 1, 4, 2]] * 6,
        "zero-se-same": [[3, 1, 3, 1], [2, 0, 2, 0], [5, 5, 5, 5]],
    }
    unpaired_sets = {
        "mixed": ([[int(r), int(rng.integers(0, r + 1))] for r in rng.integers(1, 8, size=30)],
                  [[int(r), int(rng.integers(0, r + 1))] for r in rng.integers(1, 8, size=22)]),
        "worse": ([[4, int(f)] for f in rng.integers(0, 2, size=50)],
                  [[4, int(f)] for f in rng.integers(0, 4, size=50)]),
        "with-empty-cluster": ([[3, 1], [0, 0], [4, 2], [5, 0]], [[3, 3], [2, 1], [0, 0], [6, 2]]),
    }
    paired, unpaired = [], []
    for alpha in (0.05, 0.025):
        for name, cases in paired_sets.items():
            paired.append({"name": name, "alpha": alpha, "cases": cases, **clustered_paired(cases, alpha)})
        for name, (base, cand) in unpaired_sets.items():
            unpaired.append({"name": name, "alpha": alpha, "baseline": base, "candidate": cand,
                             **clustered_unpaired(base, cand, alpha)})
    return paired, unpaired


# --------------------------------------------------------------------------- sample size

def round_half_away(value):
    whole = math.floor(value)
    return whole + 1 if value - whole >= 0.5 else whole


def runs_per_side(margin, p0, alpha, maximum=10_000_000):
    def meets(n):
        x = min(max(round_half_away(p0 * n), 0), n)
        return newcombe_unpaired_statsmodels(x, n, x, n, alpha)[1] <= margin

    failing, trial = 0, 1
    while not meets(trial):
        if trial == maximum:
            return None
        failing, trial = trial, min(trial * 2, maximum)
    passing = trial
    while passing - failing > 1:
        middle = failing + (passing - failing) // 2
        if meets(middle):
            passing = middle
        else:
            failing = middle
    assert meets(passing) and (passing == 1 or not meets(passing - 1))
    return passing


def sample_size_cases():
    inputs = [(0.05, 0.1, 0.05), (0.02, 0.05, 0.05), (0.01, 0.0, 0.05), (0.1, 0.5, 0.01),
              (0.005, 0.01, 0.05), (0.03, 0.2, 0.025), (0.9, 0.5, 0.05), (0.0, 0.1, 0.05), (0.001, 0.3, 0.05)]
    return [{"margin": m, "p0": p0, "alpha": a, "runs": runs_per_side(m, p0, a)} for m, p0, a in inputs]


# --------------------------------------------------------------------------- main

def main():
    rng = np.random.default_rng(20241129)
    sets = sample_sets(rng)
    unpaired_cases, unpaired_published = newcombe_unpaired_cases()
    paired_cases, paired_published = newcombe_paired_cases()
    clustered_paired_cases, clustered_unpaired_cases = clustered_cases(rng)
    reference = {
        "generatedBy": "scripts/statistics-reference.py",
        "versions": {"mpmath": mpmath.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "normal": normal_cases(),
        "studentT": student_t_cases(),
        "fisher": fisher_cases(),
        "mcnemar": mcnemar_cases(),
        "wilson": wilson_cases(),
        "newcombeUnpaired": unpaired_cases,
        "newcombeUnpairedPublished": unpaired_published,
        "newcombePaired": paired_cases,
        "newcombePairedPublished": paired_published,
        "holm": holm_cases(rng),
        "mannWhitney": mann_whitney_cases(sets),
        "hodgesLehmann": hodges_lehmann_cases(sets),
        "clusteredPaired": clustered_paired_cases,
        "clusteredUnpaired": clustered_unpaired_cases,
        "sampleSize": sample_size_cases(),
    }
    text = json.dumps(reference, indent=1, sort_keys=True, allow_nan=False) + "\n"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT} ({len(text.encode())} bytes)")


if __name__ == "__main__":
    main()
