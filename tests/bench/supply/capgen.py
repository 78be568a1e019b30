#!/usr/bin/python3
"""Instances of the OR-Library capa/capb/capc class (Beasley 1988, problem
sets A-C): 100 sites x 1000 customers, every site with the same capacity
(the literal word `capacity` in the file, as in capa/capb/capc, replaced by
a value at run time: capa 8000/10000/12000/14000, capb 5000/6000/7000/8000,
capc 5000/5750/6500/7250), in OR-Library format.

Structure copied from the published capa file (its first 16 kB: header,
the 100 site lines and the first customers): fixed costs 1.37e6-2.25e6
(here uniform in [1.35e6, 2.26e6]); integer demands (14-86 in the first
twelve customers; here uniform in 5..100); the cost of serving a customer's
whole demand is its demand times a unit cost that ranges from ~10 to ~1330
(here the Euclidean distance between points uniform in a 1000 x 1000
square). The capb/capc files were not available here: the brief for those
classes is capa's structure with their capacities.

usage: capgen.py OUT.txt [--seed N] [--sites 100] [--customers 1000]
       (capacity values are given to ecoscale: --supply.capacity=8000)
Also: capgen.py --lp OUT.lp [--capacity C] IN.txt   writes the strong MIP
formulation (the one ecoscale's `mip` option builds) as a CPLEX LP file
for glpsol, and capgen.py --highs --capacity C [--time-limit S] IN.txt
solves that MIP with HiGHS (scipy.optimize.milp): a second exact reference
when GLPK does not finish; prints "highs objective=... status=... seconds=...".
"""
import argparse
import math
import random
import sys


def generate(path, seed, m, n):
    rnd = random.Random(seed)
    sites = [(rnd.uniform(0, 1000), rnd.uniform(0, 1000)) for _ in range(m)]
    fixed = [round(rnd.uniform(1.35e6, 2.26e6)) for _ in range(m)]
    with open(path, "w") as f:
        f.write(" %d %d \n" % (m, n))
        for i in range(m):
            f.write(" capacity %d. \n" % fixed[i])
        for _ in range(n):
            x, y = rnd.uniform(0, 1000), rnd.uniform(0, 1000)
            d = rnd.randint(5, 100)
            f.write(" %d \n" % d)
            costs = ["%.5f" % (d * math.hypot(x - sx, y - sy)) for sx, sy in sites]
            for k in range(0, m, 7):
                f.write(" " + " ".join(costs[k:k + 7]) + " \n")


def read_orlib(path, capacity):
    tok = open(path).read().split()
    m, n = int(tok[0]), int(tok[1])
    p = 2
    cap, fixed = [], []
    for _ in range(m):
        c = tok[p]
        if c == "capacity" and capacity <= 0:
            sys.exit("%s: the capacities are the word 'capacity': give --capacity C" % path)
        cap.append(float(capacity) if c == "capacity" else float(c))
        fixed.append(float(tok[p + 1]))
        p += 2
    dem, cost = [], []
    for _ in range(n):
        dem.append(float(tok[p]))
        cost.append([float(t) for t in tok[p + 1:p + 1 + m]])
        p += 1 + m
    return m, n, cap, fixed, dem, cost


def write_lp(path, src, capacity):
    m, n, cap, fixed, dem, cost = read_orlib(src, capacity)
    with open(path, "w") as f:
        f.write("Minimize\n obj:")
        for i in range(m):
            f.write(" + %.10g y%d\n" % (fixed[i], i))
        for j in range(n):
            for i in range(m):
                f.write(" + %.10g x%d_%d\n" % (cost[j][i], i, j))
        f.write("Subject To\n")
        for j in range(n):
            f.write(" d%d: " % j + " + ".join("x%d_%d" % (i, j) for i in range(m)) + " = 1\n")
        for i in range(m):
            f.write(" c%d: " % i + " + ".join("%.10g x%d_%d" % (dem[j], i, j) for j in range(n))
                    + " - %.10g y%d <= 0\n" % (cap[i], i))
        for i in range(m):
            for j in range(n):
                f.write(" l%d_%d: x%d_%d - y%d <= 0\n" % (i, j, i, j, i))
        f.write(" tot: " + " + ".join("%.10g y%d" % (cap[i], i) for i in range(m))
                + " >= %.10g\n" % sum(dem))
        f.write("Bounds\n")
        for i in range(m):
            for j in range(n):
                f.write(" x%d_%d <= 1\n" % (i, j))
        f.write("Binary\n")
        for i in range(m):
            f.write(" y%d\n" % i)
        f.write("End\n")


def solve_highs(src, capacity, time_limit):
    import time
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix
    m, n, cap, fixed, dem, cost = read_orlib(src, capacity)
    t0 = time.perf_counter()
    nv = m + m * n  # y_i, then x_ij at m + i*n + j
    c = np.concatenate([np.array(fixed), np.array(cost).T.reshape(-1)])
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for j in range(n):  # sum_i x_ij = 1
        rows += [r] * m
        cols += [m + i * n + j for i in range(m)]
        vals += [1.0] * m
        lo.append(1.0)
        hi.append(1.0)
        r += 1
    for i in range(m):  # sum_j d_j x_ij - s_i y_i <= 0
        rows += [r] * (n + 1)
        cols += [m + i * n + j for j in range(n)] + [i]
        vals += list(dem) + [-cap[i]]
        lo.append(-np.inf)
        hi.append(0.0)
        r += 1
    for i in range(m):  # x_ij - y_i <= 0
        for j in range(n):
            rows += [r, r]
            cols += [m + i * n + j, i]
            vals += [1.0, -1.0]
            lo.append(-np.inf)
            hi.append(0.0)
            r += 1
    rows += [r] * m  # sum_i s_i y_i >= sum_j d_j
    cols += list(range(m))
    vals += list(cap)
    lo.append(sum(dem))
    hi.append(np.inf)
    r += 1
    A = coo_matrix((vals, (rows, cols)), shape=(r, nv)).tocsr()
    integ = np.zeros(nv)
    integ[:m] = 1
    opts = {"disp": False}
    if time_limit > 0:
        opts["time_limit"] = time_limit
    res = milp(c, constraints=LinearConstraint(A, lo, hi), integrality=integ,
               bounds=Bounds(0, 1), options=opts)
    secs = time.perf_counter() - t0
    obj = res.fun if res.x is not None else float("nan")
    bound = getattr(res, "mip_dual_bound", float("nan"))
    print("highs objective=%.6f bound=%.6f status=%d optimal=%d seconds=%.2f" %
          (obj, bound if bound is not None else float("nan"), res.status, int(res.status == 0), secs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", help="OUT.txt to generate, or with --lp the instance IN.txt")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--customers", type=int, default=1000)
    ap.add_argument("--lp", metavar="OUT.lp")
    ap.add_argument("--capacity", type=float, default=0)
    ap.add_argument("--highs", action="store_true")
    ap.add_argument("--time-limit", type=float, default=0)
    a = ap.parse_args()
    if a.highs:
        solve_highs(a.file, a.capacity, a.time_limit)
    elif a.lp:
        write_lp(a.lp, a.file, a.capacity)
    else:
        generate(a.file, a.seed, a.sites, a.customers)


if __name__ == "__main__":
    main()
