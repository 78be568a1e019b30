#!/usr/bin/python3
"""Split a log user,item,value[,ts] (any of , \\t ::) 80/20 per user at random
into TRAIN.csv and TEST.csv (comma separated), so that ecoscale
(split = file) and the peers train and test on the same interactions."""
import random
import sys

src, train, test = sys.argv[1:4]
frac = float(sys.argv[4]) if len(sys.argv) > 4 else 0.2
by_user = {}
with open(src) as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        sep = "::" if "::" in line else ("\t" if "\t" in line else ",")
        p = line.split(sep)
        by_user.setdefault(p[0], []).append(p)
rnd = random.Random(1)
with open(train, "w") as ftr, open(test, "w") as fte:
    for u in sorted(by_user):
        rows = by_user[u]
        rnd.shuffle(rows)
        nt = int(round(frac * len(rows))) if len(rows) > 1 else 0
        for j, p in enumerate(rows):
            (fte if j < nt else ftr).write(",".join(p) + "\n")
