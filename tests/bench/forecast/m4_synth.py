#!/usr/bin/python3
"""Write an M4-style synthetic train/test pair (wide CSV: "V1","V2",...;
one series a row: id, then values), hourly-like (period 24, daily profile
with a weekly modulation, trend, level shifts, noise) or weekly-like.

    m4_synth.py hourly N SEED TRAIN.csv TEST.csv
"""
import math
import random
import sys

kind, n_series, seed, train_path, test_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rng = random.Random(seed)
if kind == "hourly":
    m, h = 24, 48
elif kind == "weekly":
    m, h = 52, 13
else:
    raise SystemExit("kind: hourly|weekly")
with open(train_path, "w") as ftr, open(test_path, "w") as fte:
    ftr.write('"V1","V2"\n')
    fte.write('"V1","V2"\n')
    for i in range(n_series):
        n = (rng.randint(700, 960) if kind == "hourly" else rng.randint(80, 400))
        level = rng.uniform(50, 5000)
        trend = rng.gauss(0, 0.0005 if kind == "hourly" else 0.002)
        amp = rng.uniform(0.05, 0.6)
        phase = rng.uniform(0, 2 * math.pi)
        noise = rng.uniform(0.01, 0.12)
        shift_at = rng.randint(n // 3, n) if rng.random() < 0.3 else None
        vals = []
        for t in range(n + h):
            if kind == "hourly":
                s = 1 + amp * math.sin(2 * math.pi * t / 24 + phase) + 0.3 * amp * math.sin(4 * math.pi * t / 24 + phase)
                s *= 1 + 0.1 * amp * math.sin(2 * math.pi * t / 168)
            else:
                s = 1 + amp * math.sin(2 * math.pi * t / 52 + phase)
            lv = level * (1 + trend * t) * (1.25 if shift_at is not None and t >= shift_at else 1.0)
            vals.append(max(1.0, lv * s * (1 + rng.gauss(0, noise))))
        ident = '"%s%d"' % ("H" if kind == "hourly" else "W", i + 1)
        ftr.write(",".join([ident] + ["%.2f" % v for v in vals[:n]]) + "\n")
        fte.write(",".join([ident] + ["%.2f" % v for v in vals[n:]]) + "\n")
