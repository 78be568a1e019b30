#!/usr/bin/python3
"""PyTorch peer of ecoscale's embedding + linear click model.

The model of the design: user and item embeddings (nn.Embedding, N(0, 0.1^2)
like ecoscale's init_scale), concatenated, one nn.Linear(2k, 1), sigmoid,
binary cross-entropy, Adam (lr 1e-3). Implicit labels: every training
interaction is a positive, with NEG uniformly drawn items the user never
interacted with as negatives, drawn afresh each epoch. Test AUC: each held-out
item against one such negative. One thread.

  torch_peer.py TRAIN.csv TEST.csv [--epochs E] [--batch B] [--loader]

--loader uses the design's per-sample DataLoader (slow; give it few epochs).
--sparse gives the embeddings sparse gradients and torch.optim.SparseAdam
(lazy Adam: only the rows of the batch move, as in ecoscale; the linear
layer keeps Adam); without it every parameter takes the dense Adam step.
Prints one line per epoch: "epoch E seconds S samples_per_s R auc A
cpu_samples_per_s C" with S the cumulative training time (the epoch's
negative draws, shuffle and steps, as in ecoscale's epoch times; evaluation
excluded) and C the samples per CPU-second of the process (robust to other
jobs on a shared machine).
"""
import argparse
import time

import numpy as np
import torch


def read(path):
    u, i = [], []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split(",")
            u.append(p[0])
            i.append(p[1])
    return u, i


def auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s, y = scores[order], labels[order]
    npos = nneg = num = 0.0
    i = 0
    n = len(s)
    while i < n:
        j = i
        p = q = 0
        while j < n and s[j] == s[i]:
            if y[j]:
                p += 1
            else:
                q += 1
            j += 1
        num += p * nneg + 0.5 * p * q
        npos += p
        nneg += q
        i = j
    return num / (npos * nneg)


class Model(torch.nn.Module):
    def __init__(self, nu, ni, k, sparse=False):
        super().__init__()
        self.ue = torch.nn.Embedding(nu, k, sparse=sparse)
        self.ie = torch.nn.Embedding(ni, k, sparse=sparse)
        torch.nn.init.normal_(self.ue.weight, std=0.1)
        torch.nn.init.normal_(self.ie.weight, std=0.1)
        self.lin = torch.nn.Linear(2 * k, 1)

    def forward(self, u, i):
        return torch.sigmoid(self.lin(torch.cat([self.ue(u), self.ie(i)], dim=1))).squeeze(1)


def negatives(rng, users, seen, ni):
    neg = rng.integers(0, ni, size=len(users))
    bad = seen[users, neg]
    while bad.any():
        neg[bad] = rng.integers(0, ni, size=int(bad.sum()))
        bad = seen[users, neg]
    return neg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("test")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--factors", type=int, default=32)
    ap.add_argument("--neg", type=int, default=4)
    ap.add_argument("--loader", action="store_true")
    ap.add_argument("--sparse", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=1e9)
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    tru, tri = read(a.train)
    teu, tei = read(a.test)
    uids = {x: n for n, x in enumerate(sorted(set(tru) | set(teu)))}
    iids = {x: n for n, x in enumerate(sorted(set(tri) | set(tei)))}
    nu, ni = len(uids), len(iids)
    tru = np.array([uids[x] for x in tru])
    tri = np.array([iids[x] for x in tri])
    teu = np.array([uids[x] for x in teu])
    tei = np.array([iids[x] for x in tei])
    seen = np.zeros((nu, ni), dtype=bool)
    seen[tru, tri] = True
    seen[teu, tei] = True
    te_neg = negatives(rng, teu, seen, ni)
    eu = torch.from_numpy(np.concatenate([teu, teu]))
    ei = torch.from_numpy(np.concatenate([tei, te_neg]))
    ey = np.concatenate([np.ones(len(teu)), np.zeros(len(teu))])
    model = Model(nu, ni, a.factors, a.sparse)
    if a.sparse:
        opts = [torch.optim.SparseAdam(list(model.ue.parameters()) + list(model.ie.parameters()), lr=1e-3),
                torch.optim.Adam(model.lin.parameters(), lr=1e-3)]
    else:
        opts = [torch.optim.Adam(model.parameters(), lr=1e-3)]

    class Both:
        def zero_grad(self):
            for o in opts:
                o.zero_grad()

        def step(self):
            for o in opts:
                o.step()
    opt = Both()
    lossf = torch.nn.BCELoss()
    total = 0.0
    for ep in range(a.epochs):
        # the epoch's negatives are drawn inside the timed region, as
        # ecoscale's epoch times include its draws
        t0 = time.perf_counter()
        c0 = time.process_time()
        users = np.repeat(tru, 1 + a.neg)
        items = np.empty_like(users)
        items[:: 1 + a.neg] = tri
        for q in range(1, 1 + a.neg):
            items[q:: 1 + a.neg] = negatives(rng, tru, seen, ni)
        labels = np.zeros(len(users), dtype=np.float32)
        labels[:: 1 + a.neg] = 1.0
        U = torch.from_numpy(users)
        I = torch.from_numpy(items)
        Y = torch.from_numpy(labels)
        n = 0
        if a.loader:
            ds = torch.utils.data.TensorDataset(U, I, Y)
            dl = torch.utils.data.DataLoader(ds, batch_size=a.batch, shuffle=True)
            for bu, bi, by in dl:
                opt.zero_grad()
                loss = lossf(model(bu, bi), by)
                loss.backward()
                opt.step()
                n += len(by)
                if time.perf_counter() - t0 > a.max_seconds:
                    break
        else:
            perm = torch.randperm(len(Y))
            U, I, Y = U[perm], I[perm], Y[perm]
            for s in range(0, len(Y), a.batch):
                opt.zero_grad()
                loss = lossf(model(U[s:s + a.batch], I[s:s + a.batch]), Y[s:s + a.batch])
                loss.backward()
                opt.step()
                n += min(a.batch, len(Y) - s)
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
        total += dt
        with torch.no_grad():
            sc = model(eu, ei).numpy()
        print("epoch %d seconds %.4f samples_per_s %.0f auc %.4f cpu_samples_per_s %.0f"
              % (ep + 1, total, n / dt, auc(sc, ey), n / dc), flush=True)


if __name__ == "__main__":
    main()
