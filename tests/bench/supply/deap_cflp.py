#!/usr/bin/python3
"""Peer for the supply benchmark: a standard island GA in DEAP on an
OR-Library CFLP file, with the same operators and budget as ecoscale
(tournament selection, uniform crossover, bit-flip mutation, elitism, ring
migration of the best k every M generations), each candidate's allocation
solved exactly as the transportation LP by scipy's HiGHS (what Debian ships),
with a cache of evaluated bit strings.

usage: deap_cflp.py FILE --islands I --population P --generations G
                      [--migration M --migrants K --target T --seed S]
prints one line: deap objective=... seconds=... time_to_target=... evaluations=...
"""
import argparse
import random
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog
from deap import base, creator, tools


def read_orlib(path):
    tok = open(path).read().split()
    pos = 0

    def nxt():
        nonlocal pos
        pos += 1
        return tok[pos - 1]

    m, n = int(nxt()), int(nxt())
    cap, fix = np.zeros(m), np.zeros(m)
    for i in range(m):
        cap[i] = float(nxt())
        fix[i] = float(nxt())
    dem, cost = np.zeros(n), np.zeros((m, n))
    for j in range(n):
        dem[j] = float(nxt())
        for i in range(m):
            cost[i, j] = float(nxt())
    return cap, fix, dem, cost


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--islands", type=int, default=4)
    ap.add_argument("--population", type=int, default=40)
    ap.add_argument("--generations", type=int, default=100)
    ap.add_argument("--migration", type=int, default=10)
    ap.add_argument("--migrants", type=int, default=2)
    ap.add_argument("--elite", type=int, default=2)
    ap.add_argument("--target", type=float, default=-1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    cap, fix, dem, cost = read_orlib(a.file)
    m, n = cost.shape
    unit = np.max(cost / np.where(dem > 0, dem, 1)[None, :])
    penalty = 10.0 * (unit + np.max(fix / cap))
    # as in ecoscale: an infeasible candidate costs more than any feasible one
    big = 1.0 + fix.sum() + cost.max(axis=0).sum()
    cache = {}
    nevals = [0]

    def evaluate(ind):
        key = bytes(ind)
        if key in cache:
            return cache[key]
        nevals[0] += 1
        op = [i for i in range(m) if ind[i]]
        k = len(op)
        # variables: x[t, j] for open slot t (k*n), then u[j] (n)
        c = np.concatenate([cost[op, :].ravel(), penalty * dem])
        rows = np.concatenate([np.tile(np.arange(n), k), np.arange(n)])
        cols = np.arange(k * n + n)
        Aeq = sp.csr_matrix((np.ones(k * n + n), (rows, cols)), shape=(n, k * n + n))
        if k:
            Aub = sp.csr_matrix((np.tile(dem, k), (np.repeat(np.arange(k), n), np.arange(k * n))),
                                shape=(k, k * n + n))
            res = linprog(c, A_ub=Aub, b_ub=cap[op], A_eq=Aeq, b_eq=np.ones(n),
                          bounds=(0, None), method="highs")
        else:
            res = linprog(c, A_eq=Aeq, b_eq=np.ones(n), bounds=(0, None), method="highs")
        unmet = float(res.x[k * n:] @ dem)
        val = (float(fix[op].sum() + res.fun + (big if unmet > 1e-9 * dem.sum() else 0.0)),)
        cache[key] = val
        return val

    creator.create("FitnessMin", base.Fitness, weights=(-1.0,))
    creator.create("Individual", list, fitness=creator.FitnessMin)
    tb = base.Toolbox()
    tb.register("evaluate", evaluate)
    tb.register("mate", tools.cxUniform, indpb=0.5)
    tb.register("mutate", tools.mutFlipBit, indpb=1.0 / m)
    tb.register("select", tools.selTournament, tournsize=2)
    tb.register("migrate", tools.migRing, k=a.migrants, selection=tools.selBest)
    random.seed(a.seed)

    def new_ind():
        rate = 0.1 + 0.8 * random.random()
        return creator.Individual(int(random.random() < rate) for _ in range(m))

    t0 = time.time()  # like ecoscale's GA time: the initial population counts
    islands = [[new_ind() for _ in range(a.population)] for _ in range(a.islands)]
    for isl in islands:
        for ind in isl:
            ind.fitness.values = tb.evaluate(ind)
    t_target = None
    best = min(ind.fitness.values[0] for isl in islands for ind in isl)
    for g in range(1, a.generations + 1):
        for q, isl in enumerate(islands):
            elite = tools.selBest(isl, a.elite)
            off = [tb.clone(x) for x in tb.select(isl, len(isl) - a.elite)]
            for i in range(1, len(off), 2):
                if random.random() < 0.9:
                    tb.mate(off[i - 1], off[i])
                    del off[i - 1].fitness.values, off[i].fitness.values
            for x in off:
                tb.mutate(x)
                del x.fitness.values
            for x in off:
                if not x.fitness.valid:
                    x.fitness.values = tb.evaluate(x)
            isl[:] = [tb.clone(e) for e in elite] + off
        if a.migration > 0 and g % a.migration == 0:
            tb.migrate(islands)
        best = min(best, min(ind.fitness.values[0] for isl in islands for ind in isl))
        if a.target >= 0 and best <= a.target:
            t_target = time.time() - t0
            break
    secs = time.time() - t0
    print("deap objective=%.6f seconds=%.3f time_to_target=%s generations=%d evaluations=%d"
          % (best, secs, "%.3f" % t_target if t_target is not None else "not_reached", g, nevals[0]))


if __name__ == "__main__":
    sys.exit(main())
