#!/usr/bin/python3
"""LIBMF peer of ecoscale's explicit matrix factorization (model = mf).

Loads LIBMF's shared library (libmf.so, LIBMF 2.x C API: mf_train,
mf_predict, calc_rmse) with ctypes, trains real-valued MF (squared loss,
fun = 0) on TRAIN.csv and reports the test RMSE on TEST.csv (both
user,item,value[,ts], comma separated, as split.py / mf_movielens.sh write
them). LIBMF's own method: block-scheduled SGD with per-row adaptive
learning rates (eta, AdaGrad-style), L2 regularization lambda_p2 =
lambda_q2, no biases (its model keeps the training mean, b, for unseen
rows only).

  libmf_peer.py LIBMF_SO TRAIN.csv TEST.csv [--factors 32] [--iters 20]
                [--threads 1] [--eta 0.1] [--reg 0.1] [--repeat 3]

Ids are remapped to dense indices over both files (first seen, first
index); a test row whose user or item has no training rating is predicted
with b by LIBMF, as ecoscale predicts it from its biases. Each repeat trains
from LIBMF's own random start (LIBMF seeds it with a fixed seed); the fastest
repeat counts. Prints one line:
"libmf seconds S cpu_seconds C ratings_per_s R cpu_ratings_per_s Q rmse E
rmse_clipped F" with S the wall time of mf_train (its own copy, shuffle and
scaling of the data included, as ecoscale's epochs include its shuffle),
C its CPU time, R = training ratings x iterations / S, and F the RMSE with
predictions clipped to the training ratings' range (as ecoscale reports).
"""
import argparse
import ctypes as C
import math
import time


class Node(C.Structure):
    _fields_ = [("u", C.c_int), ("v", C.c_int), ("r", C.c_float)]


class Problem(C.Structure):
    _fields_ = [("m", C.c_int), ("n", C.c_int), ("nnz", C.c_long),
                ("r", C.POINTER(Node))]


class Parameter(C.Structure):
    _fields_ = [("fun", C.c_int), ("k", C.c_int), ("nr_threads", C.c_int),
                ("nr_bins", C.c_int), ("nr_iters", C.c_int),
                ("lambda_p1", C.c_float), ("lambda_p2", C.c_float),
                ("lambda_q1", C.c_float), ("lambda_q2", C.c_float),
                ("eta", C.c_float), ("alpha", C.c_float), ("c", C.c_float),
                ("do_nmf", C.c_bool), ("quiet", C.c_bool),
                ("copy_data", C.c_bool)]


class Model(C.Structure):
    _fields_ = [("fun", C.c_int), ("m", C.c_int), ("n", C.c_int),
                ("k", C.c_int), ("b", C.c_float),
                ("P", C.POINTER(C.c_float)), ("Q", C.POINTER(C.c_float))]


def read(path, users, items):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split(",")
            u = users.setdefault(p[0], len(users))
            i = items.setdefault(p[1], len(items))
            rows.append((u, i, float(p[2])))
    return rows


def problem(rows, m, n):
    arr = (Node * len(rows))(*[Node(u, i, r) for u, i, r in rows])
    return Problem(m, n, len(rows), arr), arr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lib")
    ap.add_argument("train")
    ap.add_argument("test")
    ap.add_argument("--factors", type=int, default=32)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eta", type=float, default=0.1)
    ap.add_argument("--reg", type=float, default=0.1)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    lib = C.CDLL(a.lib)
    lib.mf_get_default_param.restype = Parameter
    lib.mf_train.restype = C.POINTER(Model)
    lib.mf_train.argtypes = [C.POINTER(Problem), Parameter]
    lib.mf_predict.restype = C.c_float
    lib.mf_predict.argtypes = [C.POINTER(Model), C.c_int, C.c_int]
    lib.calc_rmse.restype = C.c_double
    lib.calc_rmse.argtypes = [C.POINTER(Problem), C.POINTER(Model)]
    lib.mf_destroy_model.argtypes = [C.POINTER(C.POINTER(Model))]

    users, items = {}, {}
    tr = read(a.train, users, items)
    te = read(a.test, users, items)
    m, n = len(users), len(items)
    ptr, keep_tr = problem(tr, m, n)
    pte, keep_te = problem(te, m, n)
    lo = min(r for _, _, r in tr)
    hi = max(r for _, _, r in tr)

    par = lib.mf_get_default_param()
    par.fun = 0
    par.k = a.factors
    par.nr_threads = a.threads
    par.nr_bins = max(par.nr_bins, 2 * a.threads + 1)
    par.nr_iters = a.iters
    par.lambda_p2 = par.lambda_q2 = a.reg
    par.eta = a.eta
    par.quiet = True
    par.copy_data = True

    best = None
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        model = lib.mf_train(C.byref(ptr), par)
        t1, c1 = time.perf_counter(), time.process_time()
        if not model:
            raise SystemExit("libmf_peer: mf_train failed")
        rmse = lib.calc_rmse(C.byref(pte), model)
        se = 0.0
        for u, i, r in te:
            p = min(max(lib.mf_predict(model, u, i), lo), hi)
            se += (p - r) ** 2
        clipped = math.sqrt(se / len(te))
        lib.mf_destroy_model(C.byref(model))
        if best is None or t1 - t0 < best[0]:
            best = (t1 - t0, c1 - c0, rmse, clipped)
    s, c, rmse, clipped = best
    work = len(tr) * a.iters
    print(f"libmf seconds {s:.6f} cpu_seconds {c:.6f} ratings_per_s {work / s:.0f} "
          f"cpu_ratings_per_s {work / max(c, 1e-9):.0f} rmse {rmse:.6f} "
          f"rmse_clipped {clipped:.6f}")


if __name__ == "__main__":
    main()
