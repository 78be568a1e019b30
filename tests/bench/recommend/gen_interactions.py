#!/usr/bin/python3
"""Synthetic interaction logs for ecoscale recommend.

Power-law user activity and item popularity, latent tastes (users pick items
they like more often), ratings 1..5 from the tastes, timestamps, and an item
table whose eco-scores depend on the category (greener categories are a bit
less popular, so nudging toward them costs some accuracy).

  gen_interactions.py OUT_DIR [--users N] [--items M] [--mean-activity A]
                      [--format csv|tsv|ml] [--planted NOISE] [--seed S]

writes OUT_DIR/ratings.<csv|tsv|dat> and OUT_DIR/items.csv. With --planted,
ratings are mu + p_u . q_i + N(0, NOISE^2) (not rounded): a matrix
factorization of rank 8 must recover them to about NOISE RMSE.
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--users", type=int, default=943)
    ap.add_argument("--items", type=int, default=1682)
    ap.add_argument("--mean-activity", type=float, default=106.0)
    ap.add_argument("--min-activity", type=int, default=20)
    ap.add_argument("--format", choices=["csv", "tsv", "ml"], default="csv")
    ap.add_argument("--planted", type=float, default=None)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--header", action="store_true")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    nu, ni, k = a.users, a.items, a.rank
    U = rng.normal(size=(nu, k))
    V = rng.normal(size=(ni, k))
    ncat = 10
    cat = rng.integers(0, ncat, size=ni)
    cat_eco = np.linspace(0.1, 0.9, ncat)
    eco = np.clip(cat_eco[cat] + rng.normal(0, 0.08, size=ni), 0, 1)
    # popularity: Zipf over a random order, greener categories a bit less popular
    order = rng.permutation(ni)
    pop = np.empty(ni)
    pop[order] = (np.arange(ni) + 1.0) ** -0.9
    pop *= np.exp(-1.0 * eco)
    pop /= pop.sum()
    ibias = rng.normal(0, 0.3, size=ni)
    # activity: power law (Pareto) with a floor, capped at half the catalogue
    act = a.min_activity + (rng.pareto(1.6, size=nu) * (a.mean_activity - a.min_activity) * 0.6)
    act = np.minimum(act.astype(int), ni // 2)
    rows = []
    t0 = 874724710
    for u in range(nu):
        taste = U[u] @ V.T / np.sqrt(k)
        w = pop * np.exp(1.0 * taste)
        w /= w.sum()
        n = max(1, act[u])
        items = rng.choice(ni, size=n, replace=False, p=w)
        if a.planted is not None:
            r = 3.0 + (U[u] @ V[items].T) / np.sqrt(k) + rng.normal(0, a.planted, size=n)
        else:
            z = 3.6 + 0.9 * taste[items] + ibias[items] + rng.normal(0, 0.7, size=n)
            r = np.clip(np.rint(z), 1, 5).astype(int)
        ts = t0 + np.sort(rng.integers(0, 200 * 86400, size=n)) + u * 37
        for j in range(n):
            rows.append((u + 1, items[j] + 1, r[j], ts[j]))
    os.makedirs(a.out, exist_ok=True)
    sep = {"csv": ",", "tsv": "\t", "ml": "::"}[a.format]
    ext = {"csv": "csv", "tsv": "tsv", "ml": "dat"}[a.format]
    path = os.path.join(a.out, "ratings." + ext)
    with open(path, "w") as f:
        if a.header:
            f.write(sep.join(["user", "item", "rating", "timestamp"]) + "\n")
        for (u, i, r, t) in rows:
            rv = ("%.4f" % r) if a.planted is not None else str(r)
            f.write("u%d%s%s%s%s%s%d\n" % (u, sep, "i%d" % i, sep, rv, sep, t)
                    if a.format == "csv" and a.header else
                    "%d%s%d%s%s%s%d\n" % (u, sep, i, sep, rv, sep, t))
    with open(os.path.join(a.out, "items.csv"), "w") as f:
        f.write("item,eco_score,category\n")
        for i in range(ni):
            name = ("i%d" % (i + 1)) if (a.format == "csv" and a.header) else str(i + 1)
            f.write("%s,%.3f,cat%d\n" % (name, eco[i], cat[i]))
    print("%s: %d interactions, %d users, %d items" % (path, len(rows), nu, ni))


if __name__ == "__main__":
    main()
