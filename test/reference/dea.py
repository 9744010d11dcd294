"""Expected values for the DEA and Malmquist tests, from an independent LP.

Every envelopment LP of the tests is stated here in its textbook form and
solved one unit at a time with scipy.optimize.linprog(method="highs"), the
HiGHS solver, with tight feasibility tolerances. Nothing here shares code
with the TypeScript solver.

Run from the repository root:  python3 test/reference/dea.py
Writes test/fixtures/dea/expected.json.
"""
import csv
import json
import math
import os

import numpy as np
from scipy.optimize import linprog

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "dea")
# HiGHS's default tolerances (1e-7). Tighter ones made HiGHS declare a
# plainly feasible stage-2 LP infeasible on data in the hundred thousands, so
# each variable is instead divided by its largest value before solving, which
# changes no radial score and is undone for the slacks.
HIGHS = {}


def read_csv(name):
    with open(os.path.join(FIXTURES, name), newline="") as f:
        return list(csv.DictReader(f))


def radial_lp(X, Y, xo, yo, rts, orientation, exclude=None):
    """Optimal theta (input) or phi (output) of one unit, or None if infeasible.

    Variables: [radial, lambda_1..lambda_n]. Input orientation:
      min theta  s.t.  X lambda <= theta xo,  Y lambda >= yo
    Output orientation:
      max phi    s.t.  X lambda <= xo,        Y lambda >= phi yo
    with sum(lambda) = 1 (vrs) or <= 1 (nirs).
    """
    sx, sy = X.max(axis=0), Y.max(axis=0)
    X, Y, xo, yo = X / sx, Y / sy, xo / sx, yo / sy
    n = X.shape[0]
    m, s = X.shape[1], Y.shape[1]
    c = np.zeros(n + 1)
    A, b = [], []
    if orientation == "input":
        c[0] = 1.0
        for i in range(m):
            A.append(np.concatenate(([-xo[i]], X[:, i])))
            b.append(0.0)
        for r in range(s):
            A.append(np.concatenate(([0.0], -Y[:, r])))
            b.append(-yo[r])
    else:
        c[0] = -1.0
        for i in range(m):
            A.append(np.concatenate(([0.0], X[:, i])))
            b.append(xo[i])
        for r in range(s):
            A.append(np.concatenate(([yo[r]], -Y[:, r])))
            b.append(0.0)
    A_eq, b_eq = None, None
    if rts == "vrs":
        A_eq, b_eq = [np.concatenate(([0.0], np.ones(n)))], [1.0]
    elif rts == "nirs":
        A.append(np.concatenate(([0.0], np.ones(n))))
        b.append(1.0)
    bounds = [(0, None)] * (n + 1)
    if exclude is not None:
        bounds[1 + exclude] = (0, 0)
    res = linprog(c, A_ub=np.array(A), b_ub=np.array(b), A_eq=A_eq, b_eq=b_eq,
                  bounds=bounds, method="highs", options=HIGHS)
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    return float(res.x[0])


def max_slack_sum(X, Y, xo, yo, rts, orientation, radial):
    """The second stage at the radial optimum (see slack_lp).

    HiGHS's radial optimum can sit a rounding error on the infeasible side,
    and the slack sum is very sensitive to the radial value (on Produc a
    relative change of 1e-11 moves it by 1e-3), so the exact optimum is tried
    first and the smallest nudge that restores feasibility is used otherwise.
    """
    for nudge in (0.0, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11):
        fixed = radial * (1 + nudge) if orientation == "input" else radial * (1 - nudge)
        value = slack_lp(X, Y, xo, yo, rts, orientation, fixed)
        if value is not None:
            return value
    raise AssertionError("second stage infeasible")


def slack_lp(X, Y, xo, yo, rts, orientation, radial):
    """Second stage: max sum of slacks (data units) with the radial factor fixed.

    Variables: [lambda (n), s_minus (m), s_plus (s)].
      X lambda + s_minus = theta xo (input) or xo (output)
      Y lambda - s_plus  = yo (input) or phi yo (output)
    """
    sx, sy = X.max(axis=0), Y.max(axis=0)
    X, Y, xo, yo = X / sx, Y / sy, xo / sx, yo / sy
    n, m, s = X.shape[0], X.shape[1], Y.shape[1]
    # The objective is the slack sum in data units: scaled slacks times scales.
    c = np.concatenate((np.zeros(n), -sx, -sy))
    A_eq, b_eq = [], []
    for i in range(m):
        row = np.zeros(n + m + s)
        row[:n] = X[:, i]
        row[n + i] = 1.0
        A_eq.append(row)
        b_eq.append(radial * xo[i] if orientation == "input" else xo[i])
    for r in range(s):
        row = np.zeros(n + m + s)
        row[:n] = Y[:, r]
        row[n + m + r] = -1.0
        A_eq.append(row)
        b_eq.append(yo[r] if orientation == "input" else radial * yo[r])
    A_ub, b_ub = None, None
    if rts == "vrs":
        row = np.zeros(n + m + s)
        row[:n] = 1.0
        A_eq.append(row)
        b_eq.append(1.0)
    elif rts == "nirs":
        row = np.zeros(n + m + s)
        row[:n] = 1.0
        A_ub, b_ub = [row], [1.0]
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=np.array(A_eq), b_eq=np.array(b_eq),
                  bounds=[(0, None)] * (n + m + s), method="highs", options=HIGHS)
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    return float(-res.fun)


def hospital():
    rows = read_csv("hospital.csv")
    X = np.array([[float(r["doctors"]), float(r["nurses"])] for r in rows])
    Y = np.array([[float(r["outpatients"]), float(r["inpatients"])] for r in rows])
    return [r["hospital"] for r in rows], X, Y


PRODUC_MODELS = {
    # Private capital, public capital and employment produce gross state product.
    "A": (["pc", "pcap", "emp"], ["gsp"]),
    # Private and public capital produce gross state product and jobs.
    "B": (["pc", "pcap"], ["gsp", "emp"]),
}


def produc(model, year=None):
    rows = read_csv("produc.csv")
    if year is not None:
        rows = [r for r in rows if int(r["year"]) == year]
    ins, outs = PRODUC_MODELS[model]
    X = np.array([[float(r[c]) for c in ins] for r in rows])
    Y = np.array([[float(r[c]) for c in outs] for r in rows])
    return [f'{r["state"]}/{r["year"]}' for r in rows], X, Y


def dea_case(name, units, X, Y, rts, orientation, slacks=True, super_eff=False):
    n = X.shape[0]
    radial = [radial_lp(X, Y, X[j], Y[j], rts, orientation) for j in range(n)]
    case = {"name": name, "rts": rts, "orientation": orientation, "units": units,
            "radial": radial}
    if slacks:
        case["slackSum"] = [max_slack_sum(X, Y, X[j], Y[j], rts, orientation, radial[j])
                            for j in range(n)]
    if super_eff:
        case["superRadial"] = [radial_lp(X, Y, X[j], Y[j], rts, orientation, exclude=j)
                               for j in range(n)]
    return case


def malmquist_case(model, orientation):
    rows = read_csv("produc.csv")
    years = sorted({int(r["year"]) for r in rows})
    data = {y: produc(model, y) for y in years}
    pairs = []
    for t0, t1 in zip(years, years[1:]):
        _, X0, Y0 = data[t0]
        _, X1, Y1 = data[t1]
        n = X0.shape[0]
        for j in range(n):
            def dist(Xt, Yt, xo, yo, rts):
                r = radial_lp(Xt, Yt, xo, yo, rts, orientation)
                if r is None:
                    return None
                return r if orientation == "input" else 1.0 / r
            pairs.append({
                "unit": j, "from": t0, "to": t1,
                "crs": {"tt": dist(X0, Y0, X0[j], Y0[j], "crs"),
                        "t1t1": dist(X1, Y1, X1[j], Y1[j], "crs"),
                        "tt1": dist(X0, Y0, X1[j], Y1[j], "crs"),
                        "t1t": dist(X1, Y1, X0[j], Y0[j], "crs")},
                "vrs": {"tt": dist(X0, Y0, X0[j], Y0[j], "vrs"),
                        "t1t1": dist(X1, Y1, X1[j], Y1[j], "vrs"),
                        "tt1": dist(X0, Y0, X1[j], Y1[j], "vrs"),
                        "t1t": dist(X1, Y1, X0[j], Y0[j], "vrs")},
            })
    return {"model": model, "orientation": orientation, "years": years, "pairs": pairs}


def main():
    cases = []
    names, X, Y = hospital()
    for rts in ("crs", "vrs", "nirs"):
        for orientation in ("input", "output"):
            cases.append(dea_case(f"hospital {rts} {orientation}", names, X, Y, rts,
                                  orientation, super_eff=True) | {"dataset": "hospital"})
    for model in PRODUC_MODELS:
        for year in (1970, 1986):
            names, X, Y = produc(model, year)
            for rts in ("crs", "vrs", "nirs"):
                for orientation in ("input", "output"):
                    cases.append(dea_case(f"produc {model} {year} {rts} {orientation}", names,
                                          X, Y, rts, orientation, super_eff=True)
                                 | {"dataset": "produc", "model": model, "year": year})
        names, X, Y = produc(model)
        for rts in ("crs", "vrs"):
            for orientation in ("input", "output"):
                cases.append(dea_case(f"produc {model} pooled {rts} {orientation}", names, X,
                                      Y, rts, orientation)
                             | {"dataset": "produc", "model": model, "year": None})
    malm = [malmquist_case("A", o) for o in ("input", "output")]
    out = {
        "generator": "test/reference/dea.py (scipy.optimize.linprog, method=highs)",
        "cases": cases,
        "malmquist": malm,
    }
    with open(os.path.join(FIXTURES, "expected.json"), "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
